/**
 * The reads of the local backend that must stay cheap however large the repository grows:
 *
 * - the files under a folder at a commit: one walk of that folder's trees, remembered per commit
 *   (commits never change);
 * - which proposal commits the base branch contains: one walk back from its head, no further back
 *   than the oldest of those proposals (a day earlier, for clocks that disagree) and never over
 *   `maxCommits`, remembered per head. Asking each proposal in turn would walk the whole history
 *   once per proposal (60 proposals over 3,029 commits took 10.7 s).
 */
import * as fs from 'node:fs';
import git from 'isomorphic-git';
import { BackendError } from './backend-errors.ts';

const notFound = (error: unknown) => (error as { code?: string }).code === 'NotFoundError';
const DAY = 24 * 60 * 60;

/** At most this many entries of each cache: a few commits (the head and a base or two) are asked about at a time. */
const REMEMBERED = 4;

function remember<K, V>(cache: Map<K, V>, key: K, value: V): V {
  cache.delete(key);
  cache.set(key, value);
  while (cache.size > REMEMBERED) cache.delete(cache.keys().next().value as K);
  return value;
}

export interface LocalReadsOptions {
  /** The most commits one walk back from the head visits (default 20,000). */
  maxCommits?: number;
}

export class LocalReads {
  readonly #dir: string;
  readonly #maxCommits: number;
  readonly #files = new Map<string, Promise<string[]>>();
  readonly #history = new Map<string, { since: number; commits: Set<string> }>();

  constructor(dir: string, options: LocalReadsOptions = {}) {
    this.#dir = dir;
    this.#maxCommits = options.maxCommits ?? 20_000;
  }

  /** Every file under `folder` ('' for the whole tree) at `commit`, repository-relative. */
  files(folder: string, commit: string): Promise<string[]> {
    const key = `${commit}:${folder}`;
    const known = this.#files.get(key);
    if (known) return known;
    const listed = this.#list(folder, commit);
    listed.catch(() => this.#files.delete(key));
    return remember(this.#files, key, listed);
  }

  async #list(folder: string, commit: string): Promise<string[]> {
    const cache = {};
    try {
      await git.readCommit({ fs, dir: this.#dir, oid: commit, cache });
    } catch (error) {
      if (!notFound(error) && (error as { code?: string }).code !== 'ObjectTypeError') throw error;
      throw new BackendError('local', { kind: 'unknown-commit', commit }, `The repository ${this.#dir} has no commit ${commit}.`, { cause: error });
    }
    const out: string[] = [];
    const walk = async (oid: string, prefix: string, filepath?: string) => {
      const { tree } = await git.readTree({ fs, dir: this.#dir, oid, cache, ...(filepath ? { filepath } : {}) });
      for (const entry of tree) {
        const path = prefix ? `${prefix}/${entry.path}` : entry.path;
        if (entry.type === 'tree') await walk(entry.oid, path);
        else out.push(path);
      }
    };
    try {
      await walk(commit, folder, folder || undefined);
    } catch (error) {
      // No such folder (or a file by that name): nothing under it.
      if (notFound(error) || (error as { code?: string }).code === 'ObjectTypeError') return [];
      throw error;
    }
    return out.sort();
  }

  /**
   * Which of `commits` (each with the time it was made, in seconds) the history of `head` contains.
   * A commit older than the walk's reach (`maxCommits` back) is reported as not contained.
   */
  async contained(head: string, commits: { oid: string; time: number }[]): Promise<Set<string>> {
    if (commits.length === 0) return new Set();
    const since = Math.min(...commits.map((c) => c.time)) - DAY;
    let known = this.#history.get(head);
    if (!known || known.since > since) known = remember(this.#history, head, { since, commits: await this.#walk(head, since) });
    return new Set(commits.filter((c) => known.commits.has(c.oid)).map((c) => c.oid));
  }

  /** The commits reachable from `head` made at `since` or later (by committer time), breadth first. */
  async #walk(head: string, since: number): Promise<Set<string>> {
    const cache = {};
    const seen = new Set<string>([head]);
    const queue = [head];
    for (let i = 0; i < queue.length && seen.size <= this.#maxCommits; i++) {
      const read = await git.readCommit({ fs, dir: this.#dir, oid: queue[i]!, cache }).catch((error: unknown) => {
        // The history of a shallow clone ends early.
        if (notFound(error)) return undefined;
        throw error;
      });
      if (!read || read.commit.committer.timestamp < since) continue;
      const { commit } = read;
      for (const parent of commit.parent) {
        if (!seen.has(parent)) {
          seen.add(parent);
          queue.push(parent);
        }
      }
    }
    return seen;
  }
}
