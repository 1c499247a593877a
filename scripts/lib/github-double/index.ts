/**
 * A test double of the GitHub REST API for one repository, on 127.0.0.1, that checks every request it
 * receives and every response it sends against GitHub's own OpenAPI description (`@octokit/openapi`).
 *
 *   const gh = await startGitHubDouble({ owner: 'galil', repo: 'wiki', files: { 'content/hr/leave.mdx': '…' },
 *                                        users: { 'ghp_dana': { login: 'dana', email: 'dana@galil.example' } } });
 *   const octokit = new Octokit({ baseUrl: gh.url, auth: 'ghp_dana' });
 *   …
 *   expect(gh.violations).toEqual([]);
 *   await gh.close();
 */
import type { AddressInfo } from 'node:net';
import { newOAuthCode, type AppOptions, type OAuthCode, type OAuthOptions } from './auth.ts';
import type { Commit, FileChange, GitObject, Person } from './git-model.ts';
import { githubContract, type OpenApiContract } from './openapi.ts';
import { Views } from './representations.ts';
import { startServer, type Fault, type RequestLogEntry } from './server.ts';
import { nowIso, RepoState, type PullRecord } from './state.ts';

export type { AppOptions, OAuthOptions } from './auth.ts';
export type { Commit, FileChange, GitObject, Person } from './git-model.ts';
export { hashObject, ObjectStore } from './git-model.ts';
export { githubContract, OpenApiContract } from './openapi.ts';
export type { Fault, FaultKind, RequestLogEntry } from './server.ts';

export interface UserOptions {
  login: string;
  name?: string;
  email: string;
  id?: number;
}

export interface GitHubDoubleOptions {
  owner: string;
  repo: string;
  /** Default `main`. */
  defaultBranch?: string;
  /** Default `Organization` (team reviewers need one). */
  ownerType?: 'User' | 'Organization';
  /** The files of the initial commit on the default branch. */
  files?: Record<string, string | Uint8Array>;
  /** The initial commit's message and author (default "Initial commit" by Pinkas Seed on 2026-01-01T00:00:00Z). */
  initialCommit?: { message?: string; author?: Person };
  /** Personal access tokens: token → user. */
  users?: Record<string, UserOptions>;
  /** Logins that may be requested as reviewers (default: every user the double knows). */
  collaborators?: string[];
  /** Team slugs of the owning organization that may be requested as reviewers. */
  teams?: string[];
  /** A GitHub App whose JWTs the double accepts. */
  app?: AppOptions;
  /** The OAuth app whose web-flow codes the double exchanges. */
  oauth?: OAuthOptions;
  /** The most entries a recursive tree answer holds before it is `truncated` (default GitHub's 100,000). */
  treeEntryLimit?: number;
}

/** A pull request as the test sees it. */
export interface PullSnapshot {
  number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  draft: boolean;
  merged: boolean;
  user: string;
  head: string;
  headSha: string;
  base: string;
  labels: string[];
  requestedReviewers: string[];
  requestedTeams: string[];
  mergedAt: string | null;
  closedAt: string | null;
  mergeCommitSha: string | null;
}

export interface GitHubDouble {
  /** The base URL, e.g. `http://127.0.0.1:PORT`: Octokit's `baseUrl`, and the OAuth host. */
  readonly url: string;
  readonly owner: string;
  readonly repo: string;
  readonly defaultBranch: string;
  /** Every contract violation seen (request or response); tests assert it stays empty. */
  readonly violations: string[];
  /** Requests per route, keyed `METHOD /template` as in GitHub's description. */
  readonly requests: Map<string, number>;
  /** Every request, in order, with the status sent (or `dropped`). */
  readonly log: RequestLogEntry[];
  /** The App's bot user (commits by the App default to it), when an App is configured. */
  readonly appBot: { login: string; id: number; name: string; email: string } | undefined;
  /** The prepared OpenAPI contract, for validating values directly. */
  readonly contract: OpenApiContract;
  close(): Promise<void>;

  /**
   * Commits files (null deletes) onto a branch (default: the default branch; a new branch starts from it)
   * as someone else, e.g. to change a page under an open proposal; returns the sha.
   */
  commitFiles(files: Record<string, string | Uint8Array | null>, message: string, author?: Partial<Person>, options?: { branch?: string }): string;
  /** A file's text at a branch, tag or commit, or undefined. */
  fileAt(ref: string, path: string): string | undefined;
  /** All refs: `refs/heads/main` → sha. */
  refs(): Record<string, string>;
  pulls(): PullSnapshot[];
  /** A commit, parsed (tree, parents, author, committer with UTC dates, message). */
  commit(sha: string): Commit;
  /** Files that differ between two commits (or refs, or trees). */
  changedFiles(from: string, to: string): FileChange[];
  /** Merges an open pull request as `by` (default: the owner); returns the merge commit. */
  mergePull(number: number, options?: { by?: string; method?: 'merge' | 'squash' }): string;
  closePull(number: number): void;
  /** Opens a plain issue (issues and pull requests share their numbers). */
  createIssue(title: string): number;
  /** Starts GitHub's OAuth web flow for `login`: returns the code the callback would receive. */
  authorize(login: string, options?: { scopes?: string[]; name?: string; email?: string }): string;
  /** Makes the next matching request(s) fail. */
  failNext(fault: Fault): void;
  /** A raw git object (for exporting to a real repository). */
  object(sha: string): GitObject | undefined;
  /** Every object id in the store. */
  objectIds(): string[];
}

export async function startGitHubDouble(options: GitHubDoubleOptions): Promise<GitHubDouble> {
  const contract = githubContract();
  const defaultBranch = options.defaultBranch ?? 'main';
  const state = new RepoState(options.owner, options.repo, defaultBranch, options.ownerType ?? 'Organization');
  const userTokens = new Map<string, string>();
  for (const [token, u] of Object.entries(options.users ?? {})) {
    state.user(u.login, { name: u.name ?? null, email: u.email, id: u.id });
    userTokens.set(token, u.login);
  }
  for (const login of options.collaborators ?? []) state.user(login);
  for (const slug of options.teams ?? []) state.team(slug);
  if (options.app) state.setApp(options.app);

  const seed = options.initialCommit;
  const seedAuthor = seed?.author ?? { name: 'Pinkas Seed', email: 'seed@example.com', date: '2026-01-01T00:00:00Z' };
  state.refs.set(`refs/heads/${defaultBranch}`, state.commitOnto(undefined, options.files ?? {}, seed?.message ?? 'Initial commit', seedAuthor));

  let url = '';
  const views = new Views('', state, options.treeEntryLimit);
  const violations: string[] = [];
  const requests = new Map<string, number>();
  const log: RequestLogEntry[] = [];
  const faults: Fault[] = [];
  const oauthCodes = new Map<string, OAuthCode>();
  const server = startServer(
    {
      state,
      views,
      contract,
      app: options.app,
      oauth: options.oauth,
      collaborators: options.collaborators ? new Set(options.collaborators.map((l) => l.toLowerCase())) : undefined,
      userTokens,
      installationTokens: new Map(),
      oauthCodes,
      violations,
      requests,
      log,
      faults,
    },
    () => url,
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  server.unref();
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  views.api = url;

  const snapshot = (pr: PullRecord): PullSnapshot => ({
    number: pr.number,
    title: pr.title,
    body: pr.body,
    state: pr.state,
    draft: pr.draft,
    merged: pr.mergedAt !== null,
    user: pr.user.login,
    head: pr.headRef,
    headSha: pr.headSha,
    base: pr.baseRef,
    labels: [...pr.labels],
    requestedReviewers: [...pr.requestedReviewers],
    requestedTeams: [...pr.requestedTeams],
    mergedAt: pr.mergedAt,
    closedAt: pr.closedAt,
    mergeCommitSha: pr.mergeCommitSha,
  });

  const requireCommit = (ref: string) => {
    const sha = state.resolveCommitish(ref);
    if (!sha) throw new Error(`GitHub double: no commit ${ref}`);
    return sha;
  };

  return {
    url,
    owner: options.owner,
    repo: options.repo,
    defaultBranch,
    violations,
    requests,
    log,
    contract,
    appBot: state.appBot && { login: state.appBot.login, id: state.appBot.id, name: state.appBot.name!, email: state.appBot.email },

    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),

    commitFiles(files, message, author, opts) {
      const branch = opts?.branch ?? defaultBranch;
      const who: Person = { name: author?.name ?? 'Wiki Editor', email: author?.email ?? 'editor@example.com', date: author?.date ?? nowIso() };
      // A new branch starts from the default branch.
      const sha = state.commitOnto(state.branchSha(branch) ?? state.branchSha(defaultBranch), files, message, who);
      state.setRef(`refs/heads/${branch}`, sha);
      return sha;
    },

    fileAt(ref, path) {
      const entry = state.git.lookup(state.commit(requireCommit(ref)).tree, path);
      return entry && entry.mode !== '40000' && entry.mode !== '160000' ? state.git.readBlob(entry.sha).toString('utf8') : undefined;
    },

    refs: () => Object.fromEntries([...state.refs].sort(([a], [b]) => (a < b ? -1 : 1))),
    pulls: () => [...state.pulls.values()].map(snapshot),
    commit: (sha) => state.commit(requireCommit(sha)),
    changedFiles: (from, to) => state.changedFiles(from, to),

    mergePull(number, opts) {
      const pr = state.pulls.get(number);
      if (!pr || pr.state !== 'open') throw new Error(`GitHub double: pull request #${number} is not open`);
      if (!state.mergeable(pr)) throw new Error(`GitHub double: pull request #${number} has conflicts`);
      const by = state.user(opts?.by ?? options.owner);
      const now = nowIso();
      const base = state.branchSha(pr.baseRef)!;
      const tree = state.mergedTree(pr);
      const author: Person = { name: by.name ?? by.login, email: by.email, date: now };
      const committer: Person = { name: 'GitHub', email: 'noreply@github.com', date: now };
      const sha =
        opts?.method === 'squash'
          ? state.git.writeCommit({ tree, parents: [base], author, committer, message: `${pr.title} (#${pr.number})` })
          : state.git.writeCommit({
              tree,
              parents: [base, pr.headSha],
              author,
              committer,
              message: `Merge pull request #${pr.number} from ${options.owner}/${pr.headRef}\n\n${pr.title}`,
            });
      state.setRef(`refs/heads/${pr.baseRef}`, sha);
      Object.assign(pr, { state: 'closed', mergedAt: now, closedAt: now, updatedAt: now, mergeCommitSha: sha, mergedBy: by });
      return sha;
    },

    closePull(number) {
      const pr = state.pulls.get(number);
      if (!pr) throw new Error(`GitHub double: no pull request #${number}`);
      const now = nowIso();
      Object.assign(pr, { state: 'closed', closedAt: pr.closedAt ?? now, updatedAt: now });
    },

    createIssue(title) {
      const number = state.takeNumber();
      state.issues.set(number, { number, id: state.id(), title, labels: [], createdAt: nowIso() });
      return number;
    },

    authorize(login, opts) {
      state.user(login, { name: opts?.name, email: opts?.email });
      const code = newOAuthCode();
      oauthCodes.set(code, { code, login, scopes: opts?.scopes ?? [], expiresAt: Date.now() + 10 * 60_000 });
      return code;
    },

    failNext(fault) {
      faults.push({ ...fault, times: fault.times ?? 1 });
    },

    object: (sha) => state.git.get(sha),
    objectIds: () => [...state.git.all()].map(([sha]) => sha),
  };
}
