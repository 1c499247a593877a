/**
 * Whether the files a proposal writes fit the repository as it is. A proposal may add files and
 * change files; it may not, by the way it names a file, delete or hide anything else:
 *
 * - a path that runs through an existing file (`hr/leave.mdx/map.png`) would turn the page into a
 *   folder, and a file where a folder is would delete the folder;
 * - a name that differs from an existing one only by case or Unicode normalization (`HR/` beside
 *   `hr/`, `é` composed and decomposed) is the same file on Windows and macOS checkouts;
 * - a page at the address of another page (`leave.md` beside `leave.mdx`, `hr/index.md` beside
 *   `hr.md`, `README.md` beside `index.mdx`) would fail the build.
 *
 * Pure: the service asks the backend for the files under the content folder and checks here; the
 * backends check the first rule again as they write (`pathConflict`).
 */
import { foldedPath, isPagePath, slugFromPath } from '../paths.ts';

export type EntryKind = 'file' | 'folder';

/** What blocks a file at `path`: a file on its way, or a folder in its place. */
export interface PathConflict {
  path: string;
  existing: { path: string; kind: EntryKind };
}

/** The folders a path is in, outermost first: `a/b/c.md` → `a`, `a/b`. */
export function folders(path: string): string[] {
  const parts = path.split('/');
  return parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join('/'));
}

/** Why a file cannot be written at `path` in a tree whose entries `kindOf` knows, if it cannot. */
export function pathConflict(path: string, kindOf: (path: string) => EntryKind | undefined): PathConflict | undefined {
  for (const folder of folders(path)) {
    if (kindOf(folder) === 'file') return { path, existing: { path: folder, kind: 'file' } };
  }
  if (kindOf(path) === 'folder') return { path, existing: { path, kind: 'folder' } };
  return undefined;
}

/** The sentence for a conflict, with paths as `show` names them. */
export function conflictReason(conflict: PathConflict, show: (path: string) => string = (p) => p): string {
  return conflict.existing.kind === 'file'
    ? `runs through the file ${show(conflict.existing.path)}, which a proposal cannot turn into a folder`
    : 'is a folder, which a proposal cannot replace with a file';
}

/** The files and folders under one folder of the repository, by path, kind, folded name and page address. */
export class Layout {
  readonly #kinds = new Map<string, EntryKind>();
  readonly #folded = new Map<string, string>();
  readonly #addresses = new Map<string, string>();

  /** `files`: every file under the folder, relative to it. */
  constructor(files: Iterable<string>) {
    for (const file of files) this.add(file);
  }

  add(file: string): void {
    for (const folder of folders(file)) this.#enter(folder, 'folder');
    this.#enter(file, 'file');
    if (isPagePath(file)) {
      const address = foldedPath(slugFromPath(file));
      if (!this.#addresses.has(address)) this.#addresses.set(address, file);
    }
  }

  #enter(path: string, kind: EntryKind): void {
    if (!this.#kinds.has(path)) this.#kinds.set(path, kind);
    const folded = foldedPath(path);
    if (!this.#folded.has(folded)) this.#folded.set(folded, path);
  }

  kindOf(path: string): EntryKind | undefined {
    return this.#kinds.get(path);
  }

  /** An existing path that is `path` (or one of its folders) on a case-insensitive, normalizing file system, but not the same name. */
  lookalike(path: string): { name: string; existing: string } | undefined {
    for (const name of [...folders(path), path]) {
      if (this.#kinds.has(name)) continue;
      const existing = this.#folded.get(foldedPath(name));
      if (existing !== undefined) return { name, existing };
    }
    return undefined;
  }

  /** The page, other than `page` itself, that has the same address. */
  sameAddress(page: string): string | undefined {
    const other = this.#addresses.get(foldedPath(slugFromPath(page)));
    return other === page ? undefined : other;
  }
}

/** `/hr/leave/`, and `/` for the home page. */
function address(slug: string): string {
  return slug ? `/${slug}/` : '/';
}

/** A file a proposal writes, and what it is (for the answer's `field`). */
export interface ProposedFile {
  path: string;
  field: 'path' | 'images';
}

export interface LayoutProblem {
  field: 'path' | 'images';
  path: string;
  message: string;
}

/**
 * The first reason the files cannot be written over the folder's `layout`, if there is one; the
 * page comes first among `files`. Paths are relative to the folder; `show` names them for people.
 */
export function layoutProblem(layout: Layout, files: ProposedFile[], show: (path: string) => string): LayoutProblem | undefined {
  const seen = new Layout([]);
  for (const [i, file] of files.entries()) {
    const refuse = (reason: string): LayoutProblem => ({ field: file.field, path: show(file.path), message: `"${show(file.path)}" ${reason}` });
    const conflict = pathConflict(file.path, (p) => layout.kindOf(p)) ?? pathConflict(file.path, (p) => seen.kindOf(p));
    if (conflict) return refuse(conflictReason(conflict, show));
    if (seen.kindOf(file.path) === 'file') return refuse('is given twice in the proposal');
    const lookalike = layout.lookalike(file.path) ?? seen.lookalike(file.path);
    if (lookalike) {
      return refuse(
        `differs from ${show(lookalike.existing)} only by upper and lower case or by Unicode normalization: on Windows and macOS they are the same ${lookalike.name === file.path ? 'file' : 'folder'}; use the existing name`,
      );
    }
    // A new page; a page that is already there keeps its address.
    if (i === 0 && file.field === 'path' && layout.kindOf(file.path) === undefined) {
      const other = layout.sameAddress(file.path);
      if (other) return refuse(`would have the same address ${address(slugFromPath(file.path))} as ${show(other)}; rename the page`);
    }
    seen.add(file.path);
  }
  return undefined;
}
