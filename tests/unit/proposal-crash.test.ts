/**
 * What a crash of the proposal service (SIGKILL, power cut) may leave in the local backend's
 * repository, and what happens next: the service repairs it when it starts, and the contributor's
 * retry (same Idempotency-Key) gets the proposal — never a 409 for ever, never a corrupt
 * repository. The states are the ones a kill leaves at each step of a proposal's writes; the
 * kill test at the end makes them for real, against a service process.
 */
import { mkdir, readdir, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { crashRounds, summary } from '../../scripts/lib/crash-rounds.ts';
import { atomicWriteFile } from '../../src/lib/proposals/atomic-fs.ts';
import { LocalBackend } from '../../src/lib/proposals/local-backend.ts';
import { ProposalService } from '../../src/lib/proposals/service.ts';
import type { Identity, Proposal } from '../../src/lib/proposals/types.ts';
import { wikiFiles } from '../support/backend-fixtures.ts';
import { tempRepo } from '../support/git-repo.ts';

const dana: Identity = { name: 'Dana Levi', email: 'dana@galil.example', source: 'header' };
const leave = wikiFiles['content/hr/leave.mdx']!;
const KEY = 'crash-retry-key-0001';

type Repo = Awaited<ReturnType<typeof tempRepo>>;
let repo: Repo;
let base: string;
let log: string[];

beforeEach(async () => {
  repo = await tempRepo();
  for (const [file, text] of Object.entries(wikiFiles)) await repo.write(file, text);
  base = repo.commit('Initial wiki', 'Wiki Admin <admin@example.com>', '2026-01-01T09:00:00Z');
  // Someone works in this copy: the service must leave it as it is.
  await repo.write('content/hr/leave.mdx', `${leave}Local edit.\n`);
  await repo.write('notes.txt', 'Untracked.\n');
  log = [];
});
afterEach(() => repo.remove());

/** A service process starting on the repository (a new backend: the repair runs at its first use). */
function start() {
  const backend = new LocalBackend({ dir: repo.dir, log: (m) => log.push(m) });
  const service = new ProposalService({ backend, contentPrefix: 'content', rateLimits: { perMinute: 1000, perDay: 10000 } });
  return { backend, service, submit: (key = KEY) => service.submit(edit, dana, key) };
}
const edit = { get baseCommit() { return base; }, path: 'content/hr/leave.mdx', content: leave.replace('two weeks', 'three weeks'), summary: 'Longer notice' };

const gitdir = () => path.join(repo.dir, '.git');
const refFile = (branch: string) => path.join(gitdir(), 'refs', 'heads', branch);
const recordFile = (id: string) => path.join(gitdir(), 'pinkas', 'proposals', `${id}.json`);
const objectFile = (oid: string) => path.join(gitdir(), 'objects', oid.slice(0, 2), oid.slice(2));
const snapshot = async () => [await readFile(path.join(gitdir(), 'index')), await readFile(path.join(gitdir(), 'HEAD'), 'utf8'), repo.git('rev-parse', 'main'), repo.git('--no-optional-locks', 'status', '--porcelain')].join('\n');

/** A proposal as far as a kill let it get: `upTo` the ref (no record yet) or the objects (no ref either). */
async function killedAfter(upTo: 'ref' | 'objects'): Promise<Proposal> {
  const first = await start().submit();
  await rm(recordFile(first.id));
  if (upTo === 'objects') await rm(refFile(first.branch));
  return first;
}

/** The repository is sound, the proposal is there as one commit by Dana, and nothing else changed. */
async function expectSound(p: Proposal, before: string) {
  expect(repo.git('fsck', '--strict', '--no-dangling')).toBe('');
  expect(repo.git('rev-list', `main..${p.branch}`).split('\n')).toHaveLength(1);
  expect(repo.git('show', '-s', '--format=%ae', p.branch)).toBe(dana.email);
  expect(repo.git('show', `${p.branch}:content/hr/leave.mdx`)).toContain('three weeks');
  expect(await snapshot()).toBe(before);
  repo.git('gc', '-q');
  expect(repo.git('fsck', '--strict', '--no-dangling')).toBe('');
}

// Each case runs git (fsck, gc) several times: generous time on a busy machine.
describe('after a crash, the retried submit gets its proposal', { timeout: 30_000 }, () => {
  it('when the kill came mid-way through the branch write (an empty ref): the branch is written again', async () => {
    const before = await snapshot();
    const first = await killedAfter('ref');
    await truncate(refFile(first.branch), 0);
    const retried = await start().submit();
    expect(retried).toMatchObject({ id: first.id, branch: first.branch, status: 'open' });
    expect(log.join('\n')).toMatch(new RegExp(`repaired refs/heads/${first.branch} .*torn-ref-removed.*the ref is empty`));
    await expectSound(retried, before);
  });

  it('when the ref holds something that is not a commit id, or a commit the repository does not have', async () => {
    const first = await killedAfter('ref');
    await writeFile(refFile(first.branch), 'e3b0c4');
    const second = await start().submit('crash-retry-key-0002');
    await rm(recordFile(second.id));
    await writeFile(refFile(second.branch), `${'ab'.repeat(20)}\n`);
    const service = start();
    expect((await service.submit()).branch).toBe(first.branch);
    expect((await service.submit('crash-retry-key-0002')).branch).toBe(second.branch);
    expect(log.join('\n')).toMatch(/torn-ref-removed.*the ref does not hold a commit id/);
    expect(log.join('\n')).toMatch(/torn-ref-removed.*its commit abababa or the files it changes cannot be read/);
    expect(repo.git('fsck', '--strict', '--no-dangling')).toBe('');
  });

  it('when the kill came between the branch and its record: the branch is adopted, not refused', async () => {
    const before = await snapshot();
    const first = await killedAfter('ref');
    const tip = repo.git('rev-parse', first.branch);
    const retried = await start().submit();
    expect(retried).toEqual({ ...first, createdAt: new Date(Math.floor(Date.parse(first.createdAt) / 1000) * 1000).toISOString() });
    expect(repo.git('rev-parse', first.branch)).toBe(tip);
    expect(JSON.parse(await readFile(recordFile(first.id), 'utf8'))).toMatchObject({ commit: tip, branch: first.branch });
    expect(log).toEqual([]);
    await expectSound(retried, before);
  });

  it('when the kill came between the branch and its record, and the base branch moved on since: the branch is still adopted', async () => {
    const first = await killedAfter('ref');
    const tip = repo.git('rev-parse', first.branch);
    // Someone else changes another file on main (without touching this working copy).
    const readme = execFileSync('git', ['hash-object', '-w', '--stdin'], { cwd: repo.dir, input: '# The wiki repository, renamed\n', encoding: 'utf8' }).trim();
    const listing = repo.git('ls-tree', 'main').replace(/^(100644 blob )[0-9a-f]{40}(\tREADME\.md)$/m, `$1${readme}$2`);
    const tree = execFileSync('git', ['mktree'], { cwd: repo.dir, input: `${listing}\n`, encoding: 'utf8' }).trim();
    repo.git('update-ref', 'refs/heads/main', repo.git('commit-tree', tree, '-p', 'main', '-m', 'Rename the repository'));
    const retried = await start().submit();
    expect(retried).toMatchObject({ id: first.id, branch: first.branch, status: 'open' });
    expect(repo.git('rev-parse', first.branch)).toBe(tip);
  });

  it('when an object file was left empty (a kill between its open and its write): it is written again', async () => {
    const before = await snapshot();
    await killedAfter('objects');
    // The object of the changed page, as the kill left it.
    const changed = await findLooseBlob((text) => text.includes('three weeks'));
    await truncate(objectFile(changed), 0);
    const retried = await start().submit();
    expect(log.join('\n')).toContain(`repaired objects/${changed.slice(0, 2)}/${changed.slice(2)}`);
    expect((await stat(objectFile(changed))).size).toBeGreaterThan(0);
    await expectSound(retried, before);
  });

  it('when a record was torn by an earlier version of the service: it is written again from the branch', async () => {
    const first = await start().submit();
    await writeFile(recordFile(first.id), '{"id": "');
    const retried = await start().submit();
    expect(retried.branch).toBe(first.branch);
    expect(log.join('\n')).toMatch(/torn-record/);
    expect(JSON.parse(await readFile(recordFile(first.id), 'utf8'))).toMatchObject({ id: first.id });
  });

  it('when a ref was torn by an earlier version of the service but its record is whole: the ref is set back from the record', async () => {
    const first = await start().submit();
    const tip = repo.git('rev-parse', first.branch);
    await truncate(refFile(first.branch), 0);
    await start().backend.repair();
    expect(repo.git('rev-parse', first.branch)).toBe(tip);
    expect(log.join('\n')).toMatch(/torn-ref-restored.*set back to/);
  });

  it('when a branch is torn while the service runs: the submit writes it again', async () => {
    const service = start();
    await service.backend.repair();
    const first = await killedAfter('ref');
    await truncate(refFile(first.branch), 0);
    expect((await service.submit()).branch).toBe(first.branch);
    expect(log.join('\n')).toMatch(/rewrote the torn branch/);
    expect(repo.git('fsck', '--strict', '--no-dangling')).toBe('');
  });
});

describe('the start-up repair', { timeout: 30_000 }, () => {
  it("touches nothing that is not Pinkas' own: other branches, hand-made branches, a running process's files, the working copy", async () => {
    const before = await snapshot();
    await writeFile(refFile('feature'), '');
    await writeFile(path.join(repo.dir, '.git', 'refs', 'heads', 'pinkas-notes'), '');
    await mkdir(path.dirname(refFile('pinkas/x')), { recursive: true });
    await writeFile(refFile('pinkas/handmade'), '');
    // pid 1 always runs: its temporary files are in use.
    const live = path.join(gitdir(), 'objects', 'ab', 'tmp_obj_pinkas-1-0000-0000');
    await mkdir(path.dirname(live), { recursive: true });
    await writeFile(live, 'in use');
    expect(await start().backend.repair()).toEqual([]);
    expect(await readFile(live, 'utf8')).toBe('in use');
    expect((await stat(refFile('feature'))).size).toBe(0);
    expect((await stat(refFile('pinkas/handmade'))).size).toBe(0);
    expect(await snapshot()).toBe(before);
  });

  it('removes the temporary files of a process that is gone', async () => {
    const gone = path.join(gitdir(), 'objects', 'ab', `tmp_obj_pinkas-${2 ** 22 + 7}-0000-0000`);
    await mkdir(path.dirname(gone), { recursive: true });
    await writeFile(gone, 'half');
    expect((await start().backend.repair()).map((r) => r.kind)).toEqual(['temporary-file']);
    await expect(stat(gone)).rejects.toThrow();
  });
});

describe('atomic writes', () => {
  it('replace a file whole and leave no temporary file; a missing folder fails as writeFile does', async () => {
    const file = path.join(repo.dir, 'atomic.txt');
    await atomicWriteFile(file, 'first');
    await atomicWriteFile(file, new TextEncoder().encode('second'));
    expect(await readFile(file, 'utf8')).toBe('second');
    await expect(atomicWriteFile(path.join(repo.dir, 'missing', 'x'), 'x')).rejects.toMatchObject({ code: 'ENOENT' });
    expect((await readdir(repo.dir)).filter((n) => n.includes('pinkas-tmp'))).toEqual([]);
  });
});

/** The loose blob whose (inflated) text matches. */
async function findLooseBlob(match: (text: string) => boolean): Promise<string> {
  for (const folder of (await readdir(path.join(gitdir(), 'objects'))).filter((n) => /^[0-9a-f]{2}$/.test(n))) {
    for (const name of await readdir(path.join(gitdir(), 'objects', folder))) {
      const oid = folder + name;
      if (repo.git('cat-file', '-t', oid) === 'blob' && match(repo.git('cat-file', 'blob', oid))) return oid;
    }
  }
  throw new Error('no such blob');
}

describe('the kill test', () => {
  it('SIGKILLs a real service process with proposals in flight: every retry gets its proposal, fsck and gc are clean', { timeout: 180_000 }, async () => {
    const report = await crashRounds({ rounds: 3, inFlight: 8 });
    expect(report.problems, summary(report).join('\n')).toEqual([]);
    expect(report.retriesOk).toBe(report.retries);
    expect(report.proposals).toBe(4 * 8);
    expect(report.repository).toMatchObject({ fsckClean: true, gcOk: true, fsckAfterGcClean: true, branches: 32 });
  });
});
