/**
 * The repository side of the kill test (crash-rounds.ts): a temporary git repository holding the
 * sample wiki with a working copy in use (an edited page, an untracked file, a staged file), what a
 * kill left in it, and the final check of everything the test expects to find.
 */
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface CrashRepo {
  dir: string;
  git(...args: string[]): string;
  /** What must not change: HEAD, the index, the base branch, the working copy's status and files. */
  snapshot(): Promise<string>;
  remove(): Promise<void>;
}

function run(dir: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync('git', args, { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export async function crashRepo(contentFolder: string): Promise<CrashRepo> {
  const dir = await mkdtemp(path.join(tmpdir(), 'pinkas-crash-'));
  const git = (...args: string[]) => {
    const r = run(dir, args);
    if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
    return r.stdout.trim();
  };
  git('init', '-q', '-b', 'main');
  await cp(contentFolder, path.join(dir, 'content'), { recursive: true });
  git('add', '-A');
  git('-c', 'user.name=Wiki Admin', '-c', 'user.email=admin@wiki.test', '-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'The sample wiki');
  // Someone works in this copy: an edit not yet staged, a new file staged, a file git does not track.
  const edited = path.join(dir, 'content', 'hr', 'benefits.md');
  await writeFile(edited, `${await readFile(edited, 'utf8')}\nA local edit, not committed.\n`);
  await writeFile(path.join(dir, 'content', 'hr', 'staged.md'), '# Staged\n\nStaged, not committed.\n');
  git('add', 'content/hr/staged.md');
  await writeFile(path.join(dir, 'notes.txt'), 'Untracked.\n');
  const hash = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');
  return {
    dir,
    git,
    snapshot: async () =>
      JSON.stringify({
        head: await readFile(path.join(dir, '.git', 'HEAD'), 'utf8'),
        index: hash(await readFile(path.join(dir, '.git', 'index'))),
        main: git('rev-parse', 'main'),
        status: git('--no-optional-locks', 'status', '--porcelain=v1', '--untracked-files=all'),
        files: hash(git('--no-optional-locks', 'ls-files', '--stage') + (await readFile(edited, 'utf8')) + (await readFile(path.join(dir, 'notes.txt'), 'utf8'))),
      }),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

/** What a kill left behind, before the next process starts. */
export interface Leftovers {
  /** Temporary files of an object, ref or record write cut short (atomic-fs.ts). */
  objectTemp: number;
  refTemp: number;
  recordTemp: number;
  /** Branches whose record was not written yet (killed between the two). */
  refsWithoutRecord: number;
  /** Refs and loose objects that cannot be read: there must be none, the writes are atomic. */
  tornRefs: number;
  emptyObjects: number;
}

async function names(folder: string): Promise<string[]> {
  return readdir(folder).catch(() => []);
}

export async function leftovers(dir: string): Promise<Leftovers> {
  const gitdir = path.join(dir, '.git');
  const found: Leftovers = { objectTemp: 0, refTemp: 0, recordTemp: 0, refsWithoutRecord: 0, tornRefs: 0, emptyObjects: 0 };
  for (const folder of (await names(path.join(gitdir, 'objects'))).filter((n) => /^[0-9a-f]{2}$/.test(n))) {
    for (const name of await names(path.join(gitdir, 'objects', folder))) {
      if (name.startsWith('tmp_obj_pinkas-')) found.objectTemp++;
      else if ((await stat(path.join(gitdir, 'objects', folder, name))).size === 0) found.emptyObjects++;
    }
  }
  const records = await names(path.join(gitdir, 'pinkas', 'proposals'));
  found.recordTemp = records.filter((n) => n.startsWith('.pinkas-tmp-')).length;
  const recorded = new Set<string>();
  for (const name of records.filter((n) => n.endsWith('.json'))) {
    recorded.add((JSON.parse(await readFile(path.join(gitdir, 'pinkas', 'proposals', name), 'utf8')) as { branch: string }).branch);
  }
  for (const name of await names(path.join(gitdir, 'refs', 'heads', 'pinkas'))) {
    if (name.startsWith('.pinkas-tmp-')) {
      found.refTemp++;
      continue;
    }
    const value = await readFile(path.join(gitdir, 'refs', 'heads', 'pinkas', name), 'utf8');
    if (!/^[0-9a-f]{40}\n$/.test(value)) found.tornRefs++;
    if (!recorded.has(`pinkas/${name}`)) found.refsWithoutRecord++;
  }
  return found;
}

/** One proposal the test saw created (a 201): its contributor, page and the sentence it added. */
export interface ExpectedProposal {
  id: string;
  branch: string;
  email: string;
  path: string;
  marker: string;
}

export interface RepositoryCheck {
  problems: string[];
  branches: number;
  dangling: number;
  fsckClean: boolean;
  gcOk: boolean;
  fsckAfterGcClean: boolean;
}

/** `git fsck --strict`: clean when it exits 0 and reports nothing but dangling objects (which `git gc` prunes in time). */
function fsck(dir: string): { clean: boolean; dangling: number; report: string } {
  const r = run(dir, ['fsck', '--strict', '--no-progress']);
  const lines = `${r.stdout}\n${r.stderr}`.split('\n').filter(Boolean);
  const dangling = lines.filter((l) => l.startsWith('dangling ')).length;
  const other = lines.filter((l) => !l.startsWith('dangling '));
  return { clean: r.status === 0 && other.length === 0, dangling, report: other.slice(0, 5).join('; ') };
}

/** One commit beyond the base, by its contributor, changing only its page, with the sentence it added. */
function checkBranch(repo: CrashRepo, e: ExpectedProposal, problems: string[]): void {
  const commits = repo.git('rev-list', `main..${e.branch}`).split('\n').filter(Boolean);
  const files = commits.length === 1 ? repo.git('diff-tree', '--no-commit-id', '--name-only', '-r', commits[0]!) : '';
  if (commits.length !== 1) problems.push(`${e.branch} has ${commits.length} commits`);
  else if (repo.git('show', '-s', '--format=%ae', commits[0]!) !== e.email) problems.push(`${e.branch} is not by ${e.email}`);
  else if (files !== e.path) problems.push(`${e.branch} changes ${files.split('\n').join(', ')}, not only ${e.path}`);
  else if (!repo.git('show', `${e.branch}:${e.path}`).includes(e.marker)) problems.push(`${e.branch} lacks its change`);
}

export async function checkRepository(repo: CrashRepo, expected: ExpectedProposal[], before: string): Promise<RepositoryCheck> {
  const problems: string[] = [];
  const refs = run(repo.dir, ['for-each-ref', '--format=%(refname:short)', 'refs/heads/pinkas/']);
  if (refs.stderr.trim()) problems.push(`git for-each-ref: ${refs.stderr.trim()}`);
  const branches = refs.stdout.split('\n').filter(Boolean);
  if (branches.length !== expected.length) problems.push(`${branches.length} proposal branches for ${expected.length} proposals`);
  for (const e of expected) {
    if (!branches.includes(e.branch)) problems.push(`proposal ${e.id} has no branch ${e.branch}`);
    else {
      try {
        checkBranch(repo, e, problems);
      } catch (error) {
        problems.push(`${e.branch} cannot be read: ${(error as Error).message.split('\n').slice(0, 2).join(' ')}`);
      }
    }
  }
  if ((await repo.snapshot()) !== before) problems.push('the working tree, the index, HEAD or the base branch changed');
  const first = fsck(repo.dir);
  if (!first.clean) problems.push(`git fsck --strict: ${first.report}`);
  const gc = run(repo.dir, ['gc', '-q']);
  if (gc.status !== 0) problems.push(`git gc failed: ${gc.stderr.trim()}`);
  const after = fsck(repo.dir);
  if (!after.clean) problems.push(`git fsck --strict after git gc: ${after.report}`);
  if ((await repo.snapshot()) !== before) problems.push('git gc changed the working tree, the index or HEAD');
  return { problems, branches: branches.length, dangling: first.dangling, fsckClean: first.clean, gcOk: gc.status === 0, fsckAfterGcClean: after.clean };
}
