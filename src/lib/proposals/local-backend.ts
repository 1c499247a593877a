/**
 * The `local` backend (the default): proposals become branches of the site's own git repository,
 * written with isomorphic-git straight into the object database — the working tree, the index and
 * the base branch are never touched. Each proposal is one commit (author: the employee; committer:
 * Pinkas) on `pinkas/<slug>-<id>`, recorded in `.git/pinkas/proposals/<id>.json` so that
 * `GET /api/proposals` can list it. Reviewers merge the branch with git as they would any other.
 *
 * Crash-safe: objects, refs and records are written atomically (atomic-fs.ts) in that order, what
 * an earlier process left half-done is repaired before the first use (repair.ts), and a submit
 * retried after a crash finds its branch and adopts it (branch-adoption.ts).
 */
import path from 'node:path';
import git, { type TreeEntry } from 'isomorphic-git';
import pLimit from 'p-limit';
import { atomicFs as fs } from './atomic-fs.ts';
import { BackendError } from './backend-errors.ts';
import { branchState } from './branch-adoption.ts';
import { LocalReads } from './local-reads.ts';
import { ProposalRecords, type StoredProposal } from './records.ts';
import { repairProposalState, type Repair } from './repair.ts';
import type { PreparedProposal, Proposal, ProposalBackend, ProposalStatus } from './types.ts';
import type { PendingProposal } from './wire.ts';

export interface LocalBackendOptions {
  /** The repository's working folder (where `.git` is). */
  dir: string;
  /** The branch proposals are based on (default: the branch checked out). */
  baseBranch?: string;
  /** Where a contributor can see a proposal (there is no pull request page for a local branch). */
  proposalUrl?: (id: string) => string;
  committer?: { name: string; email: string };
  /** Where the backend says what it repaired after a crash (default: console.warn). */
  log?: (message: string) => void;
}

const notFound = (error: unknown) => (error as { code?: string }).code === 'NotFoundError';

export class LocalBackend implements ProposalBackend {
  readonly name = 'local' as const;
  readonly #dir: string;
  readonly #gitdir: string;
  readonly #options: LocalBackendOptions;
  #baseBranch: string | undefined;
  readonly #records: ProposalRecords;
  /** Ref updates are serialized: isomorphic-git has no compare-and-swap on refs. */
  #lock: Promise<unknown> = Promise.resolve();
  #repaired: Promise<Repair[]> | undefined;
  readonly #reads: LocalReads;
  /** Records read so far, by id: a record is written once, so each is read from disk once. */
  readonly #recordCache = new Map<string, StoredProposal>();

  constructor(options: LocalBackendOptions) {
    this.#dir = options.dir;
    this.#gitdir = path.join(options.dir, '.git');
    this.#options = options;
    this.#baseBranch = options.baseBranch;
    this.#records = new ProposalRecords(this.#gitdir);
    this.#reads = new LocalReads(options.dir);
  }

  /** The repository that contains `folder` (for the content folder of `npm run dev`). */
  static async forFolder(folder: string, options: Omit<LocalBackendOptions, 'dir'> = {}): Promise<LocalBackend> {
    const dir = await git.findRoot({ fs, filepath: path.resolve(folder) });
    return new LocalBackend({ ...options, dir });
  }

  get dir(): string {
    return this.#dir;
  }

  async baseBranch(): Promise<string> {
    this.#baseBranch ??= (await git.currentBranch({ fs, dir: this.#dir })) ?? 'main';
    return this.#baseBranch;
  }

  /**
   * Puts right what a crash of an earlier process left half-done (repair.ts), once, before this
   * backend first reads or writes; every other method waits for it. Returns what was repaired.
   */
  repair(): Promise<Repair[]> {
    this.#repaired ??= repairProposalState(this.#gitdir, this.#records).then((repairs) => {
      for (const r of repairs) this.#log(`[pinkas] repaired ${r.path} in ${this.#gitdir} (${r.kind}): ${r.reason}`);
      return repairs;
    });
    this.#repaired.catch(() => (this.#repaired = undefined));
    return this.#repaired;
  }

  #log(message: string): void {
    (this.#options.log ?? console.warn)(message);
  }

  async head(): Promise<string> {
    await this.repair();
    const branch = await this.baseBranch();
    try {
      return await git.resolveRef({ fs, dir: this.#dir, ref: `refs/heads/${branch}` });
    } catch (error) {
      if (!notFound(error)) throw error;
      throw new BackendError('local', { kind: 'service-access' }, `The repository ${this.#dir} has no branch ${branch} to base proposals on: check PINKAS_BASE_BRANCH.`, { cause: error });
    }
  }

  async readFile(filepath: string, commit: string): Promise<Uint8Array | undefined> {
    await this.repair();
    try {
      await git.readCommit({ fs, dir: this.#dir, oid: commit });
    } catch (error) {
      // Not there, or not a commit (the id of a tree or a file).
      if (!notFound(error) && (error as { code?: string }).code !== 'ObjectTypeError') throw error;
      throw new BackendError('local', { kind: 'unknown-commit', commit }, `The repository ${this.#dir} has no commit ${commit}.`, { cause: error });
    }
    try {
      const { blob } = await git.readBlob({ fs, dir: this.#dir, oid: commit, filepath });
      return blob;
    } catch (error) {
      // No such file, or a folder there: no file.
      if (notFound(error) || (error as { code?: string }).code === 'ObjectTypeError') return undefined;
      throw error;
    }
  }

  files(folder: string, commit: string): Promise<string[]> {
    return this.#reads.files(folder, commit);
  }

  /** By its id (the record): the branch of a proposal that was never recorded is not this proposal. */
  async find(proposal: Pick<PreparedProposal, 'id'>): Promise<Proposal | undefined> {
    await this.repair();
    const stored = await this.#records.read(proposal.id);
    return stored ? this.#withStatus(stored, await this.head()) : undefined;
  }

  create(proposal: PreparedProposal): Promise<Proposal> {
    const run = this.#lock.then(() => this.#create(proposal));
    this.#lock = run.catch(() => undefined);
    return run;
  }

  async #create(p: PreparedProposal): Promise<Proposal> {
    await this.repair();
    const existing = await this.#records.read(p.id);
    if (existing) return this.#withStatus(existing, await this.head());
    const dir = this.#dir;
    // Blobs, then the trees from the changed files up to the root, then one commit on the parent.
    const tree = await this.#treeWith(p.parent, p.files);
    const when = { timestamp: Math.floor(Date.parse(p.createdAt) / 1000), timezoneOffset: 0 };
    const committer = this.#options.committer ?? { name: 'Pinkas', email: 'pinkas@localhost' };
    const written = await git.writeCommit({
      fs,
      dir,
      commit: {
        message: p.message.endsWith('\n') ? p.message : `${p.message}\n`,
        tree,
        parent: [p.parent],
        author: { name: p.author.name, email: p.author.email, ...when },
        committer: { ...committer, ...when },
      },
    });
    const { commit, createdAt } = await this.#writeBranch(p, written, tree);
    const stored: StoredProposal = {
      id: p.id,
      url: this.#options.proposalUrl?.(p.id) ?? `/proposals/#${p.id}`,
      branch: p.branch,
      path: p.path,
      title: p.title,
      summary: p.summary,
      createdAt,
      author: { name: p.author.name, email: p.author.email },
      reviewers: [...p.reviewers.users.map((u) => `@${u}`), ...p.reviewers.teams.map((t) => `team:${t}`)],
      mergedWithNewerChanges: p.mergedWithNewerChanges,
      fingerprint: p.fingerprint,
      commit,
      submitter: p.author.email.toLowerCase(),
    };
    await this.#records.write(stored);
    return this.#withStatus(stored, await this.head());
  }

  /**
   * Points the proposal's branch at `commit`. When the branch is already there (a crash between
   * the branch and the record), a branch holding this proposal's commit is adopted as it is, and a
   * torn one is written again; only a branch holding something else is refused.
   */
  async #writeBranch(p: PreparedProposal, commit: string, tree: string): Promise<{ commit: string; createdAt: string }> {
    const dir = this.#dir;
    const ref = `refs/heads/${p.branch}`;
    try {
      await git.writeRef({ fs, dir, ref, value: commit, force: false });
      return { commit, createdAt: p.createdAt };
    } catch (error) {
      if ((error as { code?: string }).code !== 'AlreadyExistsError') throw error;
      const state = await branchState({ fs, dir, ref, proposal: p, tree, treeOn: (parent) => this.#treeWith(parent, p.files) });
      if (state.kind === 'own') return state;
      if (state.kind === 'torn') {
        this.#log(`[pinkas] rewrote the torn branch ${p.branch} in ${dir}: ${state.reason}`);
        await git.writeRef({ fs, dir, ref, value: commit, force: true });
        return { commit, createdAt: p.createdAt };
      }
      throw new BackendError('local', { kind: 'branch-taken', branch: p.branch }, `The branch ${p.branch} already exists in ${dir}, holding commit ${state.commit.slice(0, 7)}, and no proposal ${p.id} is recorded for it.`, { cause: error });
    }
  }

  /** The tree of `parent` with `files` written into it. */
  async #treeWith(parent: string, files: PreparedProposal['files']): Promise<string> {
    const dir = this.#dir;
    let root = (await git.readTree({ fs, dir, oid: parent })).tree;
    for (const file of files) {
      const blob = await git.writeBlob({ fs, dir, blob: file.content });
      root = await this.#withFile(root, file.path.split('/'), blob);
    }
    return git.writeTree({ fs, dir, tree: root });
  }

  async list(submitterEmail: string, limit: number): Promise<Proposal[]> {
    const ids = await this.#records.ids();
    if (ids.length === 0) return [];
    const head = await this.head();
    const bounded = pLimit(16);
    const records = await Promise.all(ids.map((id) => bounded(() => this.#records.read(id))));
    const mine = records
      .filter((s): s is StoredProposal => s?.submitter === submitterEmail.toLowerCase())
      .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0))
      .slice(0, limit);
    const merged = await this.#reads.contained(head, mine.map((s) => ({ oid: s.commit, time: Date.parse(s.createdAt) / 1000 })));
    return Promise.all(mine.map((s) => bounded(() => this.#withStatus(s, head, merged))));
  }

  /** Each page's open proposals: the records (each read once) of that page whose branch is open. */
  async pending(filepath: string, limit: number): Promise<PendingProposal[]> {
    await this.repair();
    const bounded = pLimit(16);
    const ids = await this.#records.ids();
    const records = await Promise.all(
      ids.map((id) =>
        bounded(async () => {
          const known = this.#recordCache.get(id) ?? (await this.#records.read(id));
          if (known) this.#recordCache.set(id, known);
          return known;
        }),
      ),
    );
    const forPage = records.filter((s): s is StoredProposal => s?.path === filepath).sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
    if (forPage.length === 0) return [];
    const head = await this.head();
    const merged = await this.#reads.contained(head, forPage.map((s) => ({ oid: s.commit, time: Date.parse(s.createdAt) / 1000 })));
    const open: PendingProposal[] = [];
    for (const s of forPage) {
      if (open.length >= limit) break;
      if ((await this.#withStatus(s, head, merged)).status === 'open') open.push({ id: s.id, title: s.title, summary: s.summary, createdAt: s.createdAt });
    }
    return open;
  }

  /**
   * Open while its branch is not in the base branch; merged once it is; closed if the branch was
   * deleted unmerged. `merged`: the proposals' commits the base branch is known to contain.
   */
  async #withStatus(stored: StoredProposal, head: string, merged?: Set<string>): Promise<Proposal> {
    const { commit, submitter: _submitter, author: _author, ...proposal } = stored;
    let status: ProposalStatus;
    const contained = merged ?? (await this.#reads.contained(head, [{ oid: commit, time: Date.parse(stored.createdAt) / 1000 }]));
    if (contained.has(commit)) status = 'merged';
    else {
      const branchExists = await git.resolveRef({ fs, dir: this.#dir, ref: `refs/heads/${stored.branch}` }).then(() => true, () => false);
      status = branchExists ? 'open' : 'closed';
    }
    return { ...proposal, status };
  }

  /**
   * A tree with `parts` (a path) set to `blob`, writing the subtrees on the way; never replacing a
   * file with a folder or a folder with a file (`path-taken`). `done`: the parts walked so far.
   */
  async #withFile(tree: TreeEntry[], parts: string[], blob: string, done: string[] = []): Promise<TreeEntry[]> {
    const [name, ...rest] = parts as [string, ...string[]];
    const there = tree.find((e) => e.path === name);
    const here = [...done, name].join('/');
    if (there && (there.type === 'tree') !== (rest.length > 0)) {
      const path = [...done, ...parts].join('/');
      const existing = { path: here, kind: there.type === 'tree' ? ('folder' as const) : ('file' as const) };
      throw new BackendError('local', { kind: 'path-taken', path, existing }, `${path} cannot be written in ${this.#dir}: ${here} is a ${existing.kind}.`);
    }
    const entries = tree.filter((e) => e.path !== name);
    if (rest.length === 0) {
      entries.push({ mode: '100644', path: name, oid: blob, type: 'blob' });
    } else {
      const existing = tree.find((e) => e.path === name && e.type === 'tree');
      const children = existing ? (await git.readTree({ fs, dir: this.#dir, oid: existing.oid })).tree : [];
      const oid = await git.writeTree({ fs, dir: this.#dir, tree: await this.#withFile(children, rest, blob, [...done, name]) });
      entries.push({ mode: '040000', path: name, oid, type: 'tree' });
    }
    return entries;
  }
}
