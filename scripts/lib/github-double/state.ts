/**
 * The repository the double serves: git objects and refs, pull requests, labels, issue numbers, users.
 * Domain errors are thrown as ApiError with the status and body GitHub answers with.
 */
import { GitError, ObjectStore, type Commit, type FileChange, type Person } from './git-model.ts';
import type { AppOptions, UserRecord } from './auth.ts';

export interface ErrorBody {
  message: string;
  documentation_url?: string;
  status?: string;
  errors?: { resource?: string; field?: string; code: string; message?: string }[];
}

export class ApiError extends Error {
  readonly status: number;
  readonly body: ErrorBody;
  /** A response GitHub gives on any route (e.g. 404 for a missing resource), documented or not. */
  readonly generic: boolean;
  constructor(status: number, body: ErrorBody, generic = false) {
    super(body.message);
    this.status = status;
    this.body = { ...body, status: String(status) };
    this.generic = generic;
  }
}

export const notFound = (message = 'Not Found') => new ApiError(404, { message }, true);
export const unprocessable = (message: string, errors?: ErrorBody['errors']) => new ApiError(422, { message, ...(errors ? { errors } : {}) });

export interface LabelRecord {
  id: number;
  name: string;
  color: string;
  description: string | null;
}

export interface PullRecord {
  number: number;
  id: number;
  title: string;
  body: string | null;
  user: UserRecord;
  headRef: string;
  /** The head commit: follows the branch while the pull request is open. */
  headSha: string;
  baseRef: string;
  state: 'open' | 'closed';
  draft: boolean;
  maintainerCanModify: boolean;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  mergedAt: string | null;
  mergeCommitSha: string | null;
  mergedBy: UserRecord | null;
  labels: string[];
  requestedReviewers: string[];
  requestedTeams: string[];
}

/** A plain issue: open, without a body, opened by the repository's owner. */
export interface IssueRecord {
  number: number;
  id: number;
  title: string;
  labels: string[];
  createdAt: string;
}

export interface TeamRecord {
  id: number;
  slug: string;
  name: string;
}

export const nowIso = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

export class RepoState {
  readonly git = new ObjectStore();
  readonly refs = new Map<string, string>();
  readonly pulls = new Map<number, PullRecord>();
  readonly issues = new Map<number, IssueRecord>();
  readonly labels = new Map<string, LabelRecord>();
  readonly users = new Map<string, UserRecord>();
  readonly teams = new Map<string, TeamRecord>();
  readonly repoId = 700_000_001;
  readonly createdAt = nowIso();
  pushedAt = this.createdAt;
  ownerUser: UserRecord;
  appBot: UserRecord | undefined;
  private nextNumber = 1;
  private nextId = 9_000_001;
  private nextUserId = 5_000_001;

  readonly owner: string;
  readonly name: string;
  readonly defaultBranch: string;

  // (No parameter properties: the benchmarks run this file with Node's type stripping.)
  constructor(owner: string, name: string, defaultBranch: string, ownerType: 'User' | 'Organization') {
    this.owner = owner;
    this.name = name;
    this.defaultBranch = defaultBranch;
    this.ownerUser = this.user(owner, { type: ownerType });
  }

  id(): number {
    return this.nextId++;
  }

  /** The user with this login, created on first mention. */
  user(login: string, init: Partial<Omit<UserRecord, 'login'>> = {}): UserRecord {
    const key = login.toLowerCase();
    let user = this.users.get(key);
    if (!user) {
      user = {
        login,
        id: init.id ?? this.nextUserId++,
        name: init.name ?? null,
        email: init.email ?? `${login}@users.noreply.github.com`,
        type: init.type ?? 'User',
      };
      this.users.set(key, user);
    } else {
      Object.assign(user, Object.fromEntries(Object.entries(init).filter(([, v]) => v !== undefined)));
    }
    return user;
  }

  knownUser(login: string): UserRecord | undefined {
    return this.users.get(login.toLowerCase());
  }

  setApp(app: AppOptions): UserRecord {
    this.appBot = this.user(`${app.slug}[bot]`, { id: app.botId ?? 41_898_282 + app.id, type: 'Bot', name: `${app.slug}[bot]` });
    this.appBot.email = `${this.appBot.id}+${app.slug}[bot]@users.noreply.github.com`;
    return this.appBot;
  }

  team(slug: string): TeamRecord {
    let team = this.teams.get(slug.toLowerCase());
    if (!team) {
      team = { id: this.id(), slug, name: slug };
      this.teams.set(slug.toLowerCase(), team);
    }
    return team;
  }

  takeNumber(): number {
    return this.nextNumber++;
  }

  // ---- git ---------------------------------------------------------------------------------

  branchSha(branch: string): string | undefined {
    return this.refs.get(`refs/heads/${branch}`);
  }

  setRef(ref: string, sha: string): void {
    this.refs.set(ref, sha);
    this.pushedAt = nowIso();
    // Open pull requests follow their head branch.
    for (const pr of this.pulls.values()) {
      if (pr.state === 'open' && ref === `refs/heads/${pr.headRef}`) {
        pr.headSha = sha;
        pr.updatedAt = nowIso();
      }
    }
  }

  /** A commit from a branch name, `heads/x`, `refs/heads/x`, a tag, or a (possibly abbreviated) commit sha. */
  resolveCommitish(ref: string): string | undefined {
    const candidates = ref.startsWith('refs/') ? [ref] : [`refs/heads/${ref}`, `refs/tags/${ref}`, `refs/${ref}`];
    for (const name of candidates) {
      const sha = this.refs.get(name);
      if (sha) return sha;
    }
    const sha = this.git.expand(ref.toLowerCase());
    return sha && this.git.has(sha, 'commit') ? sha : undefined;
  }

  commit(sha: string): Commit {
    return this.git.readCommit(sha);
  }

  /** Writes files (null deletes) on top of a commit and returns the new commit; does not move refs. */
  commitOnto(parent: string | undefined, files: Record<string, string | Uint8Array | null>, message: string, author: Person, committer = author): string {
    const base = parent ? this.git.readCommit(parent).tree : undefined;
    const changes = Object.entries(files).map(([path, content]) => ({
      path: path.replace(/^\/+/, ''),
      mode: '100644' as const,
      sha: content === null ? null : this.git.writeBlob(content),
    }));
    const tree = this.git.updateTree(base, changes);
    return this.git.writeCommit({ tree, parents: parent ? [parent] : [], author, committer, message });
  }

  changedFiles(from: string, to: string): FileChange[] {
    const tree = (ref: string) => {
      const sha = this.resolveCommitish(ref);
      if (sha) return this.git.readCommit(sha).tree;
      if (this.git.has(ref, 'tree')) return ref;
      throw new GitError(`unknown commit or tree ${ref}`);
    };
    return this.git.diffTrees(tree(from), tree(to));
  }

  // ---- pull requests -----------------------------------------------------------------------

  pull(number: number): PullRecord {
    const pr = this.pulls.get(number);
    if (!pr) throw notFound();
    return pr;
  }

  /** Labels on an issue or pull request. */
  labelsOf(number: number): string[] {
    const target = this.pulls.get(number) ?? this.issues.get(number);
    if (!target) throw notFound();
    return target.labels;
  }

  label(name: string): LabelRecord {
    let label = this.labels.get(name.toLowerCase());
    if (!label) {
      // GitHub creates labels that do not exist yet, grey and without a description. The description is
      // "" rather than null: GitHub's pull-request-simple schema does not allow null there.
      label = { id: this.id(), name, color: 'ededed', description: '' };
      this.labels.set(name.toLowerCase(), label);
    }
    return label;
  }

  /** Whether a pull request's changes apply cleanly to its base (file-level three-way check). */
  mergeable(pr: PullRecord): boolean {
    const base = this.branchSha(pr.baseRef);
    if (!base) return false;
    const mergeBase = this.git.mergeBase(base, pr.headSha);
    if (!mergeBase) return false;
    const mbTree = this.git.readCommit(mergeBase).tree;
    const ours = new Map(this.git.diffTrees(mbTree, this.git.readCommit(base).tree).map((c) => [c.path, c.after ?? null]));
    return this.git.diffTrees(mbTree, this.git.readCommit(pr.headSha).tree).every((c) => !ours.has(c.path) || ours.get(c.path) === (c.after ?? null));
  }

  /** The tree you get by applying the head's changes since the merge base onto the base. */
  mergedTree(pr: PullRecord): string {
    const base = this.branchSha(pr.baseRef)!;
    const mergeBase = this.git.mergeBase(base, pr.headSha);
    if (!mergeBase || !this.mergeable(pr)) throw new ApiError(405, { message: 'Pull Request is not mergeable' });
    const changes = this.git.diffTrees(this.git.readCommit(mergeBase).tree, this.git.readCommit(pr.headSha).tree);
    const headFiles = this.git.files(this.git.readCommit(pr.headSha).tree);
    const baseFiles = this.git.files(this.git.readCommit(base).tree);
    return this.git.updateTree(
      this.git.readCommit(base).tree,
      changes
        .filter((c) => c.status !== 'removed' || baseFiles.has(c.path))
        .map((c) => ({ path: c.path, mode: headFiles.get(c.path)?.mode ?? '100644', sha: c.after ?? null })),
    );
  }
}
