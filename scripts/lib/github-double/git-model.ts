/**
 * An in-memory git object database whose ids are real git SHA-1s: objects are serialized exactly as
 * git writes them (`<type> <size>\0<body>`), trees are sorted the way git sorts them, commits carry
 * git's header lines, so `git hash-object`, `git write-tree` and `git commit-tree` compute the same ids.
 */
import { createHash } from 'node:crypto';

export type ObjectType = 'blob' | 'tree' | 'commit';

export interface GitObject {
  type: ObjectType;
  data: Buffer;
}

/** Git file modes as git writes them in tree objects (trees are `40000`, without the leading zero). */
export type GitMode = '100644' | '100755' | '120000' | '40000' | '160000';

export interface TreeEntry {
  mode: GitMode;
  name: string;
  sha: string;
}

/** An author or committer line. `date` is ISO 8601; its offset (or Z) becomes the git timezone. */
export interface Person {
  name: string;
  email: string;
  date: string;
}

export interface Commit {
  sha: string;
  tree: string;
  parents: string[];
  /** Dates are returned in UTC (`2026-01-05T10:00:00Z`), as GitHub does; `timezone` keeps git's offset. */
  author: Person & { timezone: string };
  committer: Person & { timezone: string };
  message: string;
  /** The `gpgsig` header, when the commit was signed. */
  signature?: string;
  /** What the signature signs: the commit without its `gpgsig` header. */
  signedPayload?: string;
}

export interface FileChange {
  path: string;
  status: 'added' | 'modified' | 'removed';
  /** The blob before and after (absent for added / removed files). */
  before?: string;
  after?: string;
}

/** A change to a tree: put `sha` (with `mode`) at `path`, or delete what is there when `sha` is null. */
export interface TreeChange {
  path: string;
  mode: GitMode;
  sha: string | null;
}

export class GitError extends Error {}

export const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';

export function hashObject(type: ObjectType, data: Uint8Array): string {
  return createHash('sha1')
    .update(`${type} ${data.length}\0`)
    .update(data)
    .digest('hex');
}

export function modeType(mode: string): ObjectType {
  if (mode === '40000' || mode === '040000') return 'tree';
  if (mode === '160000') return 'commit';
  return 'blob';
}

function isoUtc(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** `2026-01-05T12:00:00+02:00` → [unix seconds, "+0200"]. */
function gitDate(iso: string): [number, string] {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new GitError(`invalid date ${JSON.stringify(iso)}`);
  const zone = /([+-])(\d{2}):?(\d{2})$/.exec(iso);
  return [Math.floor(ms / 1000), zone ? `${zone[1]}${zone[2]}${zone[3]}` : '+0000'];
}

function personLine(p: Person): string {
  if (/[<>\n]/.test(p.name) || /[<>\n]/.test(p.email)) throw new GitError('names and emails may not contain <, > or newlines');
  const [seconds, zone] = gitDate(p.date);
  return `${p.name} <${p.email}> ${seconds} ${zone}`;
}

function parsePerson(line: string): Person & { timezone: string } {
  const m = /^(.*) <(.*)> (\d+) ([+-]\d{4})$/.exec(line);
  if (!m) throw new GitError(`bad person line ${JSON.stringify(line)}`);
  return { name: m[1]!, email: m[2]!, date: isoUtc(Number(m[3])), timezone: m[4]! };
}

/** Git's tree order: byte order of names, with a tree's name compared as if it ended in "/". */
function treeOrder(a: TreeEntry, b: TreeEntry): number {
  const ka = Buffer.from(a.mode === '40000' ? `${a.name}/` : a.name);
  const kb = Buffer.from(b.mode === '40000' ? `${b.name}/` : b.name);
  return Buffer.compare(ka, kb);
}

export class ObjectStore {
  private readonly objects = new Map<string, GitObject>();

  put(type: ObjectType, data: Uint8Array): string {
    const sha = hashObject(type, data);
    if (!this.objects.has(sha)) this.objects.set(sha, { type, data: Buffer.from(data) });
    return sha;
  }

  get(sha: string): GitObject | undefined {
    return this.objects.get(sha);
  }

  has(sha: string, type?: ObjectType): boolean {
    const object = this.objects.get(sha);
    return !!object && (!type || object.type === type);
  }

  /** Every object, for exporting into a real repository. */
  all(): IterableIterator<[string, GitObject]> {
    return this.objects.entries();
  }

  /** Resolves a full or abbreviated (≥ 4 hex digits) object id. */
  expand(prefix: string): string | undefined {
    if (!/^[0-9a-f]{4,40}$/.test(prefix)) return undefined;
    if (prefix.length === 40) return this.objects.has(prefix) ? prefix : undefined;
    const found = [...this.objects.keys()].filter((sha) => sha.startsWith(prefix));
    return found.length === 1 ? found[0] : undefined;
  }

  writeBlob(content: string | Uint8Array): string {
    return this.put('blob', typeof content === 'string' ? Buffer.from(content, 'utf8') : content);
  }

  readBlob(sha: string): Buffer {
    const object = this.objects.get(sha);
    if (object?.type !== 'blob') throw new GitError(`${sha} is not a blob`);
    return object.data;
  }

  writeTree(entries: TreeEntry[]): string {
    const names = new Set<string>();
    for (const e of entries) {
      if (!e.name || e.name.includes('/') || e.name === '.' || e.name === '..' || e.name.includes('\0')) {
        throw new GitError(`invalid tree entry name ${JSON.stringify(e.name)}`);
      }
      if (names.has(e.name)) throw new GitError(`duplicate tree entry ${e.name}`);
      names.add(e.name);
    }
    const parts: Buffer[] = [];
    for (const e of [...entries].sort(treeOrder)) {
      parts.push(Buffer.from(`${e.mode} ${e.name}\0`, 'utf8'), Buffer.from(e.sha, 'hex'));
    }
    return this.put('tree', Buffer.concat(parts));
  }

  readTree(sha: string): TreeEntry[] {
    const object = this.objects.get(sha);
    if (object?.type !== 'tree') throw new GitError(`${sha} is not a tree`);
    const entries: TreeEntry[] = [];
    const data = object.data;
    let i = 0;
    while (i < data.length) {
      const space = data.indexOf(0x20, i);
      const nul = data.indexOf(0, space);
      entries.push({
        mode: data.toString('utf8', i, space) as GitMode,
        name: data.toString('utf8', space + 1, nul),
        sha: data.toString('hex', nul + 1, nul + 21),
      });
      i = nul + 21;
    }
    return entries;
  }

  writeCommit(c: { tree: string; parents: string[]; author: Person; committer: Person; message: string; signature?: string }): string {
    const lines = [`tree ${c.tree}`, ...c.parents.map((p) => `parent ${p}`), `author ${personLine(c.author)}`, `committer ${personLine(c.committer)}`];
    // A multi-line header continues on lines that start with a space, as git writes gpgsig.
    if (c.signature) lines.push(`gpgsig ${c.signature.replace(/\n$/, '').split('\n').join('\n ')}`);
    return this.put('commit', Buffer.from(`${lines.join('\n')}\n\n${c.message}`, 'utf8'));
  }

  readCommit(sha: string): Commit {
    const object = this.objects.get(sha);
    if (object?.type !== 'commit') throw new GitError(`${sha} is not a commit`);
    const text = object.data.toString('utf8');
    const split = text.indexOf('\n\n');
    const headers: [string, string][] = [];
    for (const line of text.slice(0, split).split('\n')) {
      if (line.startsWith(' ') && headers.length) headers[headers.length - 1]![1] += `\n${line.slice(1)}`;
      else headers.push([line.slice(0, line.indexOf(' ')), line.slice(line.indexOf(' ') + 1)]);
    }
    const commit: Commit = { sha, tree: '', parents: [], author: undefined!, committer: undefined!, message: text.slice(split + 2) };
    for (const [key, value] of headers) {
      if (key === 'tree') commit.tree = value;
      else if (key === 'parent') commit.parents.push(value);
      else if (key === 'author') commit.author = parsePerson(value);
      else if (key === 'committer') commit.committer = parsePerson(value);
      else if (key === 'gpgsig') {
        commit.signature = `${value}\n`;
        commit.signedPayload = text.replace(/^gpgsig [^\n]*\n( [^\n]*\n)*/m, '');
      }
    }
    return commit;
  }

  /** The entry at `path` (slash-separated) in a tree, or undefined. The empty path is the tree itself. */
  lookup(treeSha: string, path: string): TreeEntry | undefined {
    const parts = path.split('/').filter(Boolean);
    let current: TreeEntry = { mode: '40000', name: '', sha: treeSha };
    for (const part of parts) {
      if (current.mode !== '40000') return undefined;
      const next = this.readTree(current.sha).find((e) => e.name === part);
      if (!next) return undefined;
      current = next;
    }
    return current;
  }

  /** Every file (blob, symlink or submodule) under a tree, by path. */
  files(treeSha: string, prefix = ''): Map<string, TreeEntry> {
    const out = new Map<string, TreeEntry>();
    for (const e of this.readTree(treeSha)) {
      const path = prefix ? `${prefix}/${e.name}` : e.name;
      if (e.mode === '40000') for (const [p, f] of this.files(e.sha, path)) out.set(p, f);
      else out.set(path, { ...e, name: path });
    }
    return out;
  }

  /**
   * Applies changes to a tree (or to nothing), building the nested trees a path needs and dropping
   * trees that end up empty, as git does. Returns the new root tree (the empty tree if all is gone).
   */
  updateTree(baseTree: string | undefined, changes: TreeChange[]): string {
    return this.applyAt(baseTree, changes, '') ?? this.writeTree([]);
  }

  private applyAt(treeSha: string | undefined, changes: TreeChange[], where: string): string | undefined {
    const entries = new Map<string, TreeEntry>((treeSha ? this.readTree(treeSha) : []).map((e) => [e.name, e]));
    const nested = new Map<string, TreeChange[]>();
    for (const change of changes) {
      const slash = change.path.indexOf('/');
      if (slash === -1) {
        if (change.sha === null) {
          if (!entries.delete(change.path)) throw new GitError(`nothing to delete at ${where}${change.path}`);
        } else {
          entries.set(change.path, { mode: change.mode, name: change.path, sha: change.sha });
        }
      } else {
        const name = change.path.slice(0, slash);
        const rest = { ...change, path: change.path.slice(slash + 1) };
        nested.set(name, [...(nested.get(name) ?? []), rest]);
      }
    }
    for (const [name, sub] of nested) {
      const existing = entries.get(name);
      const subtree = existing?.mode === '40000' ? existing.sha : undefined;
      if (existing && !subtree && sub.every((c) => c.sha === null)) throw new GitError(`nothing to delete under ${where}${name}`);
      const sha = this.applyAt(subtree, sub, `${where}${name}/`);
      if (sha === undefined) entries.delete(name);
      else entries.set(name, { mode: '40000', name, sha });
    }
    if (entries.size === 0) return undefined;
    return this.writeTree([...entries.values()]);
  }

  /** What changed between two trees, file by file, sorted by path. */
  diffTrees(from: string | undefined, to: string | undefined): FileChange[] {
    const a = from ? this.files(from) : new Map<string, TreeEntry>();
    const b = to ? this.files(to) : new Map<string, TreeEntry>();
    const changes: FileChange[] = [];
    for (const [path, entry] of b) {
      const old = a.get(path);
      if (!old) changes.push({ path, status: 'added', after: entry.sha });
      else if (old.sha !== entry.sha || old.mode !== entry.mode) changes.push({ path, status: 'modified', before: old.sha, after: entry.sha });
    }
    for (const [path, entry] of a) if (!b.has(path)) changes.push({ path, status: 'removed', before: entry.sha });
    return changes.sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));
  }

  /** Commits reachable from `head`, nearest first (breadth first). */
  ancestors(head: string): string[] {
    const seen = new Set<string>([head]);
    const queue = [head];
    for (let i = 0; i < queue.length; i++) {
      for (const parent of this.readCommit(queue[i]!).parents) {
        if (!seen.has(parent)) {
          seen.add(parent);
          queue.push(parent);
        }
      }
    }
    return queue;
  }

  isAncestor(ancestor: string, of: string): boolean {
    return this.ancestors(of).includes(ancestor);
  }

  mergeBase(a: string, b: string): string | undefined {
    const fromA = new Set(this.ancestors(a));
    return this.ancestors(b).find((sha) => fromA.has(sha));
  }

  /** Commits reachable from `head` but not from `base` (what a pull request would contain). */
  commitsBetween(base: string, head: string): string[] {
    const fromBase = new Set(this.ancestors(base));
    return this.ancestors(head).filter((sha) => !fromBase.has(sha));
  }
}
