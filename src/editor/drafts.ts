/**
 * Drafts, so that nothing a contributor types is lost: the text, summary and reason are saved in
 * localStorage as they type, keyed by the page's repository path and the commit the editor started
 * from (the images, which can be large, in IndexedDB: see image-store.ts). A draft is removed when
 * its proposal is accepted or the contributor discards it — never by a failed submit.
 */

export interface DraftImage {
  /** Repository path the image will be written to (`content/hr/images/form.png`). */
  path: string;
  /** The path as the page links it (`./images/form.png`). */
  link: string;
  type: string;
  size: number;
}

export interface Draft {
  v: 1;
  repoPath: string;
  baseCommit: string;
  isNew: boolean;
  /** What reopening a new page's draft needs. */
  page: { contentPath: string; slug: string; format: 'md' | 'mdx'; lang: string; title: string };
  /** The page as it was at `baseCommit` (what the change is compared with). */
  original: string;
  content: string;
  summary: string;
  reason: string;
  images: DraftImage[];
  /** Milliseconds since the epoch. */
  savedAt: number;
  /** The idempotency key of the last submit attempt and what it submitted (a retry reuses it). */
  submit?: { key: string; fingerprint: string };
}

const PREFIX = 'pinkas-draft:';
/** Drafts untouched this long are dropped when the editor opens. */
const MAX_AGE = 90 * 24 * 60 * 60 * 1000;

export function draftKey(repoPath: string, baseCommit: string): string {
  return `${PREFIX}${repoPath}@${baseCommit}`;
}

type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

export class DraftStore {
  readonly #storage: KeyValueStorage | undefined;

  constructor(storage: KeyValueStorage | undefined) {
    this.#storage = storage;
  }

  /** The storage of this browser, if it lets us use it (it may be disabled or full). */
  static local(): DraftStore {
    try {
      const storage = window.localStorage;
      storage.getItem(PREFIX);
      return new DraftStore(storage);
    } catch {
      return new DraftStore(undefined);
    }
  }

  /** Saves a draft; false when the browser would not store it (full even after dropping old drafts, or off). */
  save(draft: Draft): boolean {
    if (!this.#storage) return false;
    const key = draftKey(draft.repoPath, draft.baseCommit);
    const value = JSON.stringify(draft);
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        this.#storage.setItem(key, value);
        return true;
      } catch {
        // Full: make room by dropping the oldest draft of another page, then try again.
        const others = this.all().filter((d) => d.repoPath !== draft.repoPath);
        const oldest = others.at(-1);
        if (!oldest) return false;
        this.#storage.removeItem(draftKey(oldest.repoPath, oldest.baseCommit));
      }
    }
    return false;
  }

  /** Every draft, newest first. */
  all(): Draft[] {
    const storage = this.#storage;
    if (!storage) return [];
    const drafts: Draft[] = [];
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i);
      if (!key?.startsWith(PREFIX)) continue;
      try {
        const draft = JSON.parse(storage.getItem(key) ?? '') as Draft;
        if (draft?.v === 1 && typeof draft.content === 'string') drafts.push(draft);
      } catch {
        // Not ours, or damaged: leave it alone.
      }
    }
    return drafts.sort((a, b) => b.savedAt - a.savedAt);
  }

  /** The drafts of one page, newest first (one per base commit it was started from). */
  find(repoPath: string): Draft[] {
    return this.all().filter((d) => d.repoPath === repoPath);
  }

  /** Removes one draft, or every draft of the page when no base commit is given. */
  remove(repoPath: string, baseCommit?: string): void {
    for (const d of this.find(repoPath)) {
      if (baseCommit === undefined || d.baseCommit === baseCommit) this.#storage?.removeItem(draftKey(d.repoPath, d.baseCommit));
    }
  }

  /** Drafts of pages that do not exist yet, newest first. */
  newPages(): Draft[] {
    return this.all().filter((d) => d.isNew);
  }

  /** Drops drafts nobody has touched for three months. */
  prune(now = Date.now()): void {
    for (const d of this.all()) if (now - d.savedAt > MAX_AGE) this.#storage?.removeItem(draftKey(d.repoPath, d.baseCommit));
  }
}
