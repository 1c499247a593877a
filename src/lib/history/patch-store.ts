/**
 * The wiki's patches — the change each commit made to each file (git-patches.ts) — as the history
 * cache keeps them: each file's patches stay the JSON text they were cached as until something asks
 * for them, as bytes — not even decoded. A build after a merge reads the patches of a 5,000-page
 * wiki (40 MB) from the last build's cache and renders the history of a few pages: parsing every
 * patch into objects, then writing them all out again, took the build's main thread two seconds;
 * decoding and encoding the text alone, half a second; the bytes, a few hundredths.
 *
 * The cache's bytes (`serialize`, `PatchStore.parse`) are a line of UTF-8 per file,
 * `["<path>",["<commit>",…]]<TAB>[["<commit>",<FilePatch>],…]`: JSON text holds no raw tab or
 * newline, so the line needs no escaping, and a file's commits are known without its patches.
 */
import type { FilePatch } from './git-patches.ts';

const TAB = 0x09;
const NEWLINE = 0x0a;
const NEWLINE_BYTES = Buffer.from('\n');

interface Entry {
  /** The commits that changed the file, in the order of its patches (newest first). */
  commits: string[];
  /** The patches as the UTF-8 bytes of their JSON, `[[commit, patch], …]`, until parsed. */
  bytes?: Buffer;
  patches?: Map<string, FilePatch>;
}

export class PatchStore {
  readonly #files = new Map<string, Entry>();

  static fromMap(patches: ReadonlyMap<string, ReadonlyMap<string, FilePatch>>): PatchStore {
    const store = new PatchStore();
    for (const [path, perCommit] of patches) store.#files.set(path, { commits: [...perCommit.keys()], patches: new Map(perCommit) });
    return store;
  }

  /** The store `serialize` wrote (the lines of `bytes` from `start`); a malformed line throws. */
  static parse(bytes: Buffer, start = 0): PatchStore {
    const store = new PatchStore();
    for (let at = start; at < bytes.length; ) {
      let end = bytes.indexOf(NEWLINE, at);
      if (end === -1) end = bytes.length;
      const tab = bytes.indexOf(TAB, at);
      if (tab === -1 || tab > end) throw new Error('a patch line without its patches');
      const [path, commits] = JSON.parse(bytes.toString('utf8', at, tab)) as [string, string[]];
      if (typeof path !== 'string' || !Array.isArray(commits)) throw new Error('a malformed patch line');
      store.#files.set(path, { commits, bytes: bytes.subarray(tab + 1, end) });
      at = end + 1;
    }
    return store;
  }

  paths(): IterableIterator<string> {
    return this.#files.keys();
  }

  /** The commits that changed the file at `path`, newest first (none: an empty list); its patches are not read. */
  commits(path: string): readonly string[] {
    return this.#files.get(path)?.commits ?? [];
  }

  /** The file's patches by commit. */
  get(path: string): ReadonlyMap<string, FilePatch> | undefined {
    const entry = this.#files.get(path);
    if (!entry) return undefined;
    entry.patches ??= new Map(JSON.parse(entry.bytes!.toString('utf8')) as [string, FilePatch][]);
    return entry.patches;
  }

  /**
   * Files the patches of `earlier` under the paths their files have now (`renamedTo`), after the
   * ones this store has: a commit already here is kept. The text of a file this store does not
   * have moves over unread.
   */
  addEarlier(earlier: PatchStore, renamedTo: ReadonlyMap<string, string>): void {
    for (const [path, entry] of earlier.#files) {
      const newest = renamedTo.get(path) ?? path;
      const here = this.#files.get(newest);
      if (!here) {
        this.#files.set(newest, { ...entry });
        continue;
      }
      const patches = new Map(this.get(newest));
      for (const [commit, patch] of earlier.get(path)!) if (!patches.has(commit)) patches.set(commit, patch);
      this.#files.set(newest, { commits: [...patches.keys()], patches });
    }
  }

  /** The cache's bytes (see above), in pieces to write one after the other. */
  serialize(): Buffer[] {
    const pieces: Buffer[] = [];
    for (const [path, entry] of this.#files) {
      pieces.push(Buffer.from(`${JSON.stringify([path, entry.commits])}\t`), entry.bytes ?? Buffer.from(JSON.stringify([...entry.patches!])), NEWLINE_BYTES);
    }
    return pieces;
  }
}
