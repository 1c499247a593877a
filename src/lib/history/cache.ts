/**
 * History, read once per commit: the result of reading the git history is kept in memory and in a
 * cache file named after HEAD, so a rebuild (or every page of `npm run dev`) at the same commit
 * does not read it again. A new commit makes a new HEAD, hence a fresh read.
 */
import { execFile } from 'node:child_process';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { readGitHistory, type GitHistory, type Revision } from './git-log.ts';
import { readGitPatches, readGitPatchesSince, type FilePatch } from './git-patches.ts';

const run = promisify(execFile);

export interface WikiHistory extends GitHistory {
  patches: Map<string, Map<string, FilePatch>>;
}

/**
 * The histories read in this process, by folder and commit. Shared through `globalThis` by every
 * copy of this module a process loads: in a build, the content loader's (from the source) and the
 * routes' (bundled) read the same history once.
 */
/** The cache files: `pinkas-history-<HEAD>-<folder>.json`. */
const PREFIX = 'pinkas-history-';

const memory: Map<string, Promise<WikiHistory>> = ((globalThis as { [key: symbol]: Map<string, Promise<WikiHistory>> })[Symbol.for('pinkas.history')] ??= new Map());

async function headOf(dir: string): Promise<string | undefined> {
  try {
    return (await run('git', ['rev-parse', 'HEAD'], { cwd: dir })).stdout.trim();
  } catch {
    return undefined;
  }
}

export async function cachedHistory(dir: string, cacheDir?: string): Promise<WikiHistory> {
  const head = await headOf(dir);
  const key = `${dir}@${head ?? 'none'}`;
  let entry = memory.get(key);
  if (!entry) {
    entry = load(dir, head, cacheDir);
    memory.set(key, entry);
  }
  return entry;
}

type Serialized = { history: Omit<GitHistory, 'files'> & { files: [string, Revision[]][] }; patches: [string, [string, FilePatch][]][] };

/** Removes the cache files of this folder's earlier commits: a cache folder kept across builds (CI) holds one. */
async function forgetOlder(cacheDir: string, suffix: string, keep: string): Promise<void> {
  const names = await readdir(cacheDir).catch(() => [] as string[]);
  await Promise.all(names.filter((n) => n.startsWith(PREFIX) && n.endsWith(suffix) && n !== keep).map((n) => rm(path.join(cacheDir, n), { force: true })));
}

async function load(dir: string, head: string | undefined, cacheDir?: string): Promise<WikiHistory> {
  const suffix = `-${Buffer.from(dir).toString('base64url').slice(-40)}.json`;
  const file = head && cacheDir ? path.join(cacheDir, `${PREFIX}${head}${suffix}`) : undefined;
  if (file) {
    try {
      const saved = JSON.parse(await readFile(file, 'utf8')) as Serialized;
      return { ...saved.history, files: new Map(saved.history.files), patches: new Map(saved.patches.map(([p, m]) => [p, new Map(m)])) };
    } catch {
      // not cached yet
    }
  }
  const since = head && cacheDir ? patchesSince(dir, head, cacheDir, suffix) : Promise.resolve(undefined);
  const [history, patches] = await Promise.all([readGitHistory(dir), since.then((p) => p ?? readGitPatches(dir))]);
  // Written once the caller has the history: the patches of a 5,000-page wiki are 40 MB of JSON,
  // most of a second to write, and only the next process at this commit reads them.
  if (file && history.available) setImmediate(() => void persist(file, suffix, history, patches));
  return { ...history, patches };
}

/**
 * The patches at `head` from the cache file of an earlier commit of this folder, when there is one
 * and it is an ancestor of `head`: only the commits since are read from git (a merge reads one
 * commit, not the wiki's whole history). Undefined when there is none or anything fails.
 */
async function patchesSince(dir: string, head: string, cacheDir: string, suffix: string): Promise<WikiHistory['patches'] | undefined> {
  try {
    for (const name of await readdir(cacheDir)) {
      if (!name.startsWith(PREFIX) || !name.endsWith(suffix)) continue;
      const since = name.slice(PREFIX.length, -suffix.length);
      if (since === head || !/^[0-9a-f]{40,64}$/.test(since)) continue;
      const ancestor = await run('git', ['merge-base', '--is-ancestor', since, head], { cwd: dir }).then(
        () => true,
        () => false,
      );
      if (!ancestor) continue;
      const saved = JSON.parse(await readFile(path.join(cacheDir, name), 'utf8')) as Serialized;
      return await readGitPatchesSince(dir, since, head, new Map(saved.patches.map(([p, m]) => [p, new Map(m)])));
    }
  } catch {
    // read them all
  }
  return undefined;
}

async function persist(file: string, suffix: string, history: GitHistory, patches: WikiHistory['patches']): Promise<void> {
  try {
    const serialized: Serialized = { history: { ...history, files: [...history.files] }, patches: [...patches].map(([p, m]) => [p, [...m]]) };
    await mkdir(path.dirname(file), { recursive: true });
    // Whole or not at all: written beside it, then renamed.
    const partial = `${file}.${process.pid}.partial`;
    await writeFile(partial, JSON.stringify(serialized));
    await rename(partial, file);
    await forgetOlder(path.dirname(file), suffix, path.basename(file));
  } catch {
    // A cache: the next process reads the history from git again.
  }
}
