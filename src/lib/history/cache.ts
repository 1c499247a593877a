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
import { readGitPatches, readGitPatchesSince } from './git-patches.ts';
import { PatchStore } from './patch-store.ts';

const run = promisify(execFile);

export interface WikiHistory extends GitHistory {
  /** Each file's patches by commit (read when asked for). */
  patches: PatchStore;
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

/**
 * A cache file: its first line the history as JSON, `{"format":2,"history":…}`, then the patches,
 * a line per file (patch-store.ts), kept as bytes until a history page needs them.
 */
const FORMAT = 2;
type SerializedHistory = Omit<GitHistory, 'files'> & { files: [string, Revision[]][] };

function serialize(history: GitHistory, patches: PatchStore): Buffer {
  const first = JSON.stringify({ format: FORMAT, history: { ...history, files: [...history.files] } satisfies SerializedHistory });
  return Buffer.concat([Buffer.from(`${first}\n`), ...patches.serialize()]);
}

/** A cache file's history and patches; any other content throws. */
async function readCacheFile(file: string): Promise<WikiHistory> {
  const bytes = await readFile(file);
  let newline = bytes.indexOf(0x0a);
  if (newline === -1) newline = bytes.length;
  const first = JSON.parse(bytes.toString('utf8', 0, newline)) as { format?: number; history: SerializedHistory };
  if (first.format !== FORMAT) throw new Error(`${file}: a history cache of another format`);
  return { ...first.history, files: new Map(first.history.files), patches: PatchStore.parse(bytes, newline + 1) };
}

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
      return await readCacheFile(file);
    } catch {
      // not cached yet (or in an older format)
    }
  }
  const since = head && cacheDir ? patchesSince(dir, head, cacheDir, suffix) : Promise.resolve(undefined);
  const [history, patches] = await Promise.all([readGitHistory(dir), since.then((p) => p ?? readGitPatches(dir))]);
  // Written once the caller has the history: only the next process at this commit reads it.
  if (file && history.available) setImmediate(() => void persist(file, suffix, history, patches));
  return { ...history, patches };
}

/**
 * The patches at `head` from the cache file of an earlier commit of this folder, when there is one
 * and it is an ancestor of `head`: only the commits since are read from git (a merge reads one
 * commit, not the wiki's whole history). Undefined when there is none or anything fails.
 */
async function patchesSince(dir: string, head: string, cacheDir: string, suffix: string): Promise<PatchStore | undefined> {
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
      return await readGitPatchesSince(dir, since, head, (await readCacheFile(path.join(cacheDir, name))).patches);
    }
  } catch {
    // read them all
  }
  return undefined;
}

async function persist(file: string, suffix: string, history: GitHistory, patches: PatchStore): Promise<void> {
  try {
    await mkdir(path.dirname(file), { recursive: true });
    // Whole or not at all: written beside it, then renamed.
    const partial = `${file}.${process.pid}.partial`;
    await writeFile(partial, serialize(history, patches));
    await rename(partial, file);
    await forgetOlder(path.dirname(file), suffix, path.basename(file));
  } catch {
    // A cache: the next process reads the history from git again.
  }
}
