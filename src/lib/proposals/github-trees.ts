/**
 * What the GitHub backend knows of a commit's tree: which paths are files and which are folders.
 * One request (the git trees API with `recursive`) answers for the whole tree, remembered per
 * commit (commits never change). When GitHub truncates the answer (over 100,000 entries or 7 MB),
 * it says to read one folder at a time: then only the folders asked about are read.
 */
import type { Octokit } from 'octokit';
import pLimit from 'p-limit';
import type { EntryKind } from './repo-layout.ts';

interface TreeItem {
  path?: string;
  type?: string;
  sha?: string;
}

/** At most this many commits' trees are remembered: the head, and a base or two. */
const REMEMBERED = 4;

export class GitHubTrees {
  readonly #octokit: Octokit;
  readonly #repo: { owner: string; repo: string };
  readonly #whole = new Map<string, Promise<{ kinds: Map<string, EntryKind>; complete: boolean }>>();

  constructor(octokit: Octokit, repo: { owner: string; repo: string }) {
    this.#octokit = octokit;
    this.#repo = repo;
  }

  /** Every file under `folder` ('' for all) at `commit`, repository-relative, sorted. */
  async files(folder: string, commit: string): Promise<string[]> {
    const { kinds, complete } = await this.#tree(commit);
    if (complete) return [...kinds].filter(([path, kind]) => kind === 'file' && (!folder || path.startsWith(`${folder}/`))).map(([path]) => path).sort();
    const sha = folder ? await this.#folderSha(commit, folder) : commit;
    return sha === undefined ? [] : (await this.#walk(sha, folder)).sort();
  }

  /** What each of `paths` is at `commit`: a file, a folder, or nothing (absent from the map). */
  async kinds(commit: string, paths: string[]): Promise<Map<string, EntryKind>> {
    const { kinds, complete } = await this.#tree(commit);
    if (complete) return new Map(paths.flatMap((p) => (kinds.has(p) ? [[p, kinds.get(p)!] as const] : [])));
    const out = new Map<string, EntryKind>();
    for (const path of paths) {
      const slash = path.lastIndexOf('/');
      const parent = slash === -1 ? commit : await this.#folderSha(commit, path.slice(0, slash));
      if (parent === undefined) continue;
      const item = (await this.#list(parent, false)).find((i) => i.path === path.slice(slash + 1));
      if (item) out.set(path, item.type === 'tree' ? 'folder' : 'file');
    }
    return out;
  }

  #tree(commit: string) {
    let tree = this.#whole.get(commit);
    if (!tree) {
      tree = this.#list(commit, true).then(
        (items) => ({ kinds: kindsOf(items), complete: !(items as { truncated?: boolean }).truncated }),
        (error: unknown) => {
          this.#whole.delete(commit);
          throw error;
        },
      );
      this.#whole.set(commit, tree);
      while (this.#whole.size > REMEMBERED) this.#whole.delete(this.#whole.keys().next().value!);
    }
    return tree;
  }

  /** A tree's entries (`truncated` set on the array when GitHub cut a recursive answer short). */
  async #list(treeSha: string, recursive: boolean): Promise<TreeItem[] & { truncated?: boolean }> {
    const { data } = await this.#octokit.rest.git.getTree({ ...this.#repo, tree_sha: treeSha, ...(recursive ? { recursive: 'true' } : {}) });
    return Object.assign(data.tree as TreeItem[], { truncated: data.truncated });
  }

  /** The tree of `folder` at `commit`, read one level at a time; undefined when there is no such folder. */
  async #folderSha(commit: string, folder: string): Promise<string | undefined> {
    let sha = commit;
    for (const name of folder.split('/')) {
      const item = (await this.#list(sha, false)).find((i) => i.path === name);
      if (item?.type !== 'tree' || !item.sha) return undefined;
      sha = item.sha;
    }
    return sha;
  }

  /** Every file under a tree, one folder per request, a few at a time. */
  async #walk(treeSha: string, prefix: string): Promise<string[]> {
    const limit = pLimit(4);
    const files: string[] = [];
    const visit = async (sha: string, at: string): Promise<void> => {
      const items = await limit(() => this.#list(sha, false));
      const below: Promise<void>[] = [];
      for (const item of items) {
        const path = at ? `${at}/${item.path}` : item.path!;
        if (item.type === 'tree' && item.sha) below.push(visit(item.sha, path));
        else files.push(path);
      }
      await Promise.all(below);
    };
    await visit(treeSha, prefix);
    return files;
  }
}

function kindsOf(items: TreeItem[]): Map<string, EntryKind> {
  const kinds = new Map<string, EntryKind>();
  for (const item of items) if (item.path) kinds.set(item.path, item.type === 'tree' ? 'folder' : 'file');
  return kinds;
}
