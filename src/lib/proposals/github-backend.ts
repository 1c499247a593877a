/**
 * The `github` backend: each proposal is a branch with one commit and a pull request on GitHub.
 *
 * Git Data API, in order: blobs → tree (on the base branch's tree) → commit (author: the employee;
 * committer: the GitHub App or token owner; a Co-authored-by trailer in the message) → ref
 * `pinkas/<slug>-<id>` → pull request with a structured body → labels → review requested from the
 * page's owners (or CODEOWNERS). Octokit's retry and throttling plugins ride out 5xx answers and
 * rate limits; every step can be repeated safely, so a retried submit — even after a connection
 * dropped halfway — finishes the same proposal instead of opening a second: the branch name comes
 * from the idempotency key, an existing branch is reused, an existing pull request is returned.
 * What still fails is reported as a `BackendError` (github-failures.ts).
 *
 * Authentication: a GitHub App installation (recommended; permissions: contents and pull requests
 * read & write, metadata read) or a token. In the `github` sign-in mode the pull request is opened
 * with the contributor's own token.
 */
import { createAppAuth } from '@octokit/auth-app';
import Bottleneck from 'bottleneck/light.js';
import { Octokit } from 'octokit';
import { BackendError } from './backend-errors.ts';
import { parseUser, type GitHubBackendEnv } from './config.ts';
import { reportFailures } from './github-failures.ts';
import { PendingPulls } from './github-pending.ts';
import { GitHubTrees } from './github-trees.ts';
import { submitterTag } from './ids.ts';
import { readMarker } from './pr-text.ts';
import { folders, pathConflict } from './repo-layout.ts';
import type { PreparedProposal, Proposal, ProposalBackend } from './types.ts';
import type { PendingProposal } from './wire.ts';

export interface GitHubBackendOptions {
  owner: string;
  repo: string;
  baseBranch?: string;
  /** The service's own client (GitHub App installation or token). */
  octokit: Octokit;
  /** A client acting as a signed-in contributor (github sign-in mode). */
  asUser?: (token: string) => Octokit;
  /**
   * The commits' committer. GitHub makes the author the committer unless told otherwise, so it is
   * always given: by default the App's bot (`<slug>[bot]`), or the token's user.
   */
  committer?: { name: string; email: string };
}

type PullRequest = {
  number: number;
  html_url: string;
  title: string;
  body?: string | null;
  state: string;
  merged_at?: string | null;
  created_at: string;
  head: { ref: string };
  requested_reviewers?: ({ login: string } | null)[] | null;
  requested_teams?: ({ slug: string } | null)[] | null;
};

const RETRIES = 4;
/** Pages of pull requests (100 each, newest first) `list` reads at most to find a person's proposals. */
const LIST_PAGES = 10;

export interface Pacing {
  /**
   * Time between two writes to GitHub. GitHub asks integrations to wait a second between mutating
   * requests, and three between requests that notify people (opening a pull request, asking for a
   * review), to avoid secondary rate limits: the defaults. A test double needs no such pause.
   */
  writeIntervalMs?: number;
  notificationIntervalMs?: number;
  /** The first retry's delay (Octokit doubles it each time). */
  retryBaseMs?: number;
  /**
   * The longest rate-limit wait (seconds, as GitHub counts them) ridden out while the contributor
   * waits for an answer (default 60); beyond it the submit fails at once, saying when to retry.
   */
  maxWaitSeconds?: number;
}

/** One limiter per spacing, shared by every client of the process (GitHub counts per integration). */
const limiters = new Map<number, Bottleneck.Group>();
function limiter(interval: number): Bottleneck.Group {
  let group = limiters.get(interval);
  if (!group) limiters.set(interval, (group = new Bottleneck.Group({ maxConcurrent: interval > 0 ? 1 : 8, minTime: interval })));
  return group;
}

/** An Octokit that retries 5xx and network failures, and waits out short primary and secondary rate limits. */
export function resilientOctokit(options: ConstructorParameters<typeof Octokit>[0], pacing: Pacing = {}): Octokit {
  const wait = (after: number, retryCount: number) => retryCount < RETRIES && after <= (pacing.maxWaitSeconds ?? 60);
  return new Octokit({
    ...options,
    retry: { retries: RETRIES, ...(pacing.retryBaseMs !== undefined ? { retryAfterBaseValue: pacing.retryBaseMs } : {}) },
    throttle: {
      write: limiter(pacing.writeIntervalMs ?? 1000),
      notifications: limiter(pacing.notificationIntervalMs ?? 3000),
      ...(pacing.retryBaseMs !== undefined ? { retryAfterBaseValue: pacing.retryBaseMs } : {}),
      onRateLimit: (after: number, _opts: unknown, _octokit: unknown, retryCount: number) => wait(after, retryCount),
      onSecondaryRateLimit: (after: number, _opts: unknown, _octokit: unknown, retryCount: number) => wait(after, retryCount),
    },
  });
}

export class GitHubBackend implements ProposalBackend {
  readonly name = 'github' as const;
  readonly #o: GitHubBackendOptions;
  /** The service's own client, and one acting as a contributor: both report failures as `BackendError`s. */
  readonly #service: Octokit;
  readonly #asUser: ((token: string) => Octokit) | undefined;
  /** The repository's default branch, once GitHub has shown the service the repository. */
  #repository: Promise<string> | undefined;
  /** Commits GitHub has shown to exist (asked once each, however many ask at the same time). */
  readonly #knownCommits = new Map<string, Promise<void>>();
  readonly #trees: GitHubTrees;
  readonly #pending: PendingPulls;
  #committer: Promise<{ name: string; email: string }> | undefined;

  /** The clients given are the backend's from then on (it adds its failure reporting to them). */
  constructor(options: GitHubBackendOptions) {
    this.#o = options;
    this.#service = reportFailures(options.octokit, 'service');
    const { asUser } = options;
    this.#asUser = asUser && ((token) => reportFailures(asUser(token), 'contributor'));
    this.#trees = new GitHubTrees(this.#service, { owner: options.owner, repo: options.repo });
    this.#pending = new PendingPulls(this.#service, { owner: options.owner, repo: options.repo });
    if (options.committer) this.#committer = Promise.resolve(options.committer);
  }

  /** The App's bot when authenticated as an App installation, else the token's user. */
  committer(): Promise<{ name: string; email: string }> {
    this.#committer ??= (async () => {
      const auth = (await this.#service.auth()) as { tokenType?: string; type?: string };
      if (auth.tokenType === 'installation' || auth.type === 'app') {
        // GET /app is answered to the App itself (Octokit signs it with the App's key).
        const app = await this.#service.request('GET /app').then((r) => r.data, () => undefined);
        const slug = app?.slug;
        if (!slug) return { name: 'Pinkas', email: 'pinkas@users.noreply.github.com' };
        const bot = await this.#service.rest.users.getByUsername({ username: `${slug}[bot]` }).then((r) => r.data, () => undefined);
        return { name: `${slug}[bot]`, email: bot ? `${bot.id}+${slug}[bot]@users.noreply.github.com` : `${slug}[bot]@users.noreply.github.com` };
      }
      const { data: user } = await this.#service.rest.users.getAuthenticated();
      return { name: user.name ?? user.login, email: user.email ?? `${user.id}+${user.login}@users.noreply.github.com` };
    })();
    this.#committer.catch(() => (this.#committer = undefined));
    return this.#committer;
  }

  static fromEnv(env: GitHubBackendEnv, pacing: Pacing = { writeIntervalMs: env.PINKAS_GITHUB_WRITE_INTERVAL_MS, notificationIntervalMs: env.PINKAS_GITHUB_WRITE_INTERVAL_MS * 3 }): GitHubBackend {
    const [owner = '', repo = ''] = env.PINKAS_GITHUB_REPO.split('/');
    const baseUrl = env.PINKAS_GITHUB_API_URL;
    const auth = env.githubAuth;
    const octokit =
      auth.kind === 'app'
        ? resilientOctokit({ baseUrl, authStrategy: createAppAuth, auth: { appId: auth.appId, privateKey: auth.privateKey.replace(/\\n/g, '\n'), installationId: auth.installationId } }, pacing)
        : resilientOctokit({ baseUrl, auth: auth.token }, pacing);
    const committer = env.PINKAS_GITHUB_COMMITTER ? parseUser(env.PINKAS_GITHUB_COMMITTER) : undefined;
    return new GitHubBackend({ owner, repo, baseBranch: env.PINKAS_BASE_BRANCH, octokit, committer, asUser: (token) => resilientOctokit({ baseUrl, auth: token }, pacing) });
  }

  get #repo() {
    return { owner: this.#o.owner, repo: this.#o.repo };
  }

  get #repoName(): string {
    return `${this.#o.owner}/${this.#o.repo}`;
  }

  /** Checks, once, that the service can see the repository (else every call fails with a bare 404); its default branch. */
  #defaultBranch(): Promise<string> {
    this.#repository ??= this.#service.rest.repos.get(this.#repo).then(
      ({ data }) => data.default_branch,
      (error: unknown) => {
        this.#repository = undefined;
        throw status(error) === 404 ? this.#misconfigured(`GitHub shows the service no repository ${this.#repoName}: check PINKAS_GITHUB_REPO, and that the GitHub App is installed on it (or the token can see it).`, error) : error;
      },
    );
    return this.#repository;
  }

  async #baseBranch(): Promise<string> {
    const branch = await this.#defaultBranch();
    return this.#o.baseBranch ?? branch;
  }

  async head(): Promise<string> {
    const branch = await this.#baseBranch();
    const { data } = await this.#service.rest.git.getRef({ ...this.#repo, ref: `heads/${branch}` }).catch((error: unknown) => {
      throw status(error) === 404 ? this.#misconfigured(`${this.#repoName} has no branch ${branch} to base proposals on: check PINKAS_BASE_BRANCH.`, error) : error;
    });
    return data.object.sha;
  }

  #misconfigured(message: string, cause: unknown): BackendError {
    return new BackendError('github', { kind: 'service-access' }, message, { cause });
  }

  /** Makes sure `commit` is a commit of the repository (`unknown-commit` when it is not). */
  #knownCommit(commit: string): Promise<void> {
    let known = this.#knownCommits.get(commit);
    if (!known) {
      known = this.#service.rest.git.getCommit({ ...this.#repo, commit_sha: commit }).then(
        () => undefined,
        (error: unknown) => {
          this.#knownCommits.delete(commit);
          if (status(error) === 404 || status(error) === 422) {
            throw new BackendError('github', { kind: 'unknown-commit', commit }, `${this.#repoName} has no commit ${commit}.`, { cause: error });
          }
          throw error;
        },
      );
      this.#knownCommits.set(commit, known);
    }
    return known;
  }

  async files(folder: string, commit: string): Promise<string[]> {
    await this.#knownCommit(commit);
    return this.#trees.files(folder, commit);
  }

  /** Refuses files that would run through a file of `parent`, or replace one of its folders. */
  async #checkPaths(p: PreparedProposal): Promise<void> {
    const paths = p.files.map((f) => f.path);
    const kinds = await this.#trees.kinds(p.parent, [...new Set(paths.flatMap((path) => [...folders(path), path]))]);
    for (const path of paths) {
      const conflict = pathConflict(path, (q) => kinds.get(q));
      if (conflict) {
        throw new BackendError('github', { kind: 'path-taken', ...conflict }, `${path} cannot be written in ${this.#repoName}: ${conflict.existing.path} is a ${conflict.existing.kind} at ${p.parent.slice(0, 7)}.`);
      }
    }
  }

  async readFile(path: string, commit: string): Promise<Uint8Array | undefined> {
    await this.#knownCommit(commit);
    try {
      const { data } = await this.#service.rest.repos.getContent({ ...this.#repo, path, ref: commit });
      if (Array.isArray(data) || data.type !== 'file' || !('content' in data)) return undefined;
      return Uint8Array.from(Buffer.from(data.content, 'base64'));
    } catch (error) {
      if (status(error) === 404) return undefined;
      throw error;
    }
  }

  /** By its branch's pull request (the id is in the pull request's marker). */
  async find(proposal: Pick<PreparedProposal, 'branch'>): Promise<Proposal | undefined> {
    await this.#defaultBranch();
    const pull = await this.#pullFor(this.#service, proposal.branch);
    return pull ? toProposal(pull) : undefined;
  }

  /** From one list of the open `pinkas` pull requests, used for every page for a few seconds (github-pending.ts). */
  async pending(path: string, limit: number): Promise<PendingProposal[]> {
    await this.#defaultBranch();
    return this.#pending.forPage(path, limit);
  }

  /** (Then the pages' pending proposals are listed again, with this one.) */
  create(p: PreparedProposal): Promise<Proposal> {
    return this.#create(p).finally(() => this.#pending.forget());
  }

  async #create(p: PreparedProposal): Promise<Proposal> {
    const octokit = p.author.token && this.#asUser ? this.#asUser(p.author.token) : this.#service;
    const repo = this.#repo;
    const existing = await this.#pullFor(octokit, p.branch);
    if (existing) return toProposal(existing);

    // The branch may exist from an attempt whose pull request was never opened: reuse its commit.
    let tip = await this.#branchTip(octokit, p.branch);
    if (tip === undefined) {
      await this.#checkPaths(p);
      const { data: parent } = await octokit.rest.git.getCommit({ ...repo, commit_sha: p.parent });
      const tree: { path: string; mode: '100644'; type: 'blob'; sha?: string; content?: string }[] = [];
      for (const file of p.files) {
        // Text goes into the tree request itself (one write less); images need a base64 blob.
        const text = isText(file.content);
        if (text !== undefined) {
          tree.push({ path: file.path, mode: '100644', type: 'blob', content: text });
        } else {
          const { data: blob } = await octokit.rest.git.createBlob({ ...repo, content: Buffer.from(file.content).toString('base64'), encoding: 'base64' });
          tree.push({ path: file.path, mode: '100644', type: 'blob', sha: blob.sha });
        }
      }
      const { data: newTree } = await octokit.rest.git.createTree({ ...repo, base_tree: parent.tree.sha, tree });
      const { data: commit } = await octokit.rest.git.createCommit({
        ...repo,
        message: p.message,
        tree: newTree.sha,
        parents: [p.parent],
        author: { name: p.author.name, email: p.author.email, date: p.createdAt },
        committer: { ...(await this.committer()), date: p.createdAt },
      });
      try {
        await octokit.rest.git.createRef({ ...repo, ref: `refs/heads/${p.branch}`, sha: commit.sha });
      } catch (error) {
        // Created meanwhile: by a retry whose answer was lost, or a concurrent duplicate.
        tip = status(error) === 422 ? await this.#branchTip(octokit, p.branch) : undefined;
        if (tip === undefined) throw error;
      }
    }
    if (tip !== undefined) await this.#checkOwnBranch(octokit, p, tip);

    let pull: PullRequest;
    try {
      ({ data: pull } = await octokit.rest.pulls.create({ ...repo, title: p.title, head: p.branch, base: await this.#baseBranch(), body: p.body, maintainer_can_modify: true }));
    } catch (error) {
      const found = status(error) === 422 ? await this.#pullFor(octokit, p.branch) : undefined;
      if (!found) throw error;
      return toProposal(found);
    }
    if (p.labels.length) await octokit.rest.issues.addLabels({ ...repo, issue_number: pull.number, labels: p.labels });
    if (p.reviewers.users.length || p.reviewers.teams.length) {
      try {
        const { data } = await octokit.rest.pulls.requestReviewers({ ...repo, pull_number: pull.number, reviewers: p.reviewers.users, team_reviewers: p.reviewers.teams });
        pull = data as PullRequest;
      } catch (error) {
        // An owner who is not a collaborator cannot be asked; the pull request stands without them.
        if (status(error) !== 422) throw error;
        console.warn(`[pinkas] could not request review on #${pull.number}: ${(error as Error).message}`);
      }
    }
    return toProposal(pull);
  }

  /** From the newest pull requests of the repository: at most `LIST_PAGES` requests, however many it has. */
  async list(submitterEmail: string, limit: number): Promise<Proposal[]> {
    await this.#defaultBranch();
    const tag = submitterTag(submitterEmail);
    const mine: Proposal[] = [];
    let pages = 0;
    const newestFirst = { ...this.#repo, state: 'all', sort: 'created', direction: 'desc', per_page: 100 } as const;
    for await (const { data } of this.#service.paginate.iterator(this.#service.rest.pulls.list, newestFirst)) {
      for (const pull of data as PullRequest[]) {
        if (pull.head.ref.startsWith('pinkas/') && readMarker(pull.body)?.submitter === tag) mine.push(toProposal(pull));
      }
      if (mine.length >= limit || ++pages >= LIST_PAGES) break;
    }
    return mine.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0)).slice(0, limit);
  }

  /** The commit a branch points at, or undefined when there is no such branch. */
  async #branchTip(octokit: Octokit, branch: string): Promise<string | undefined> {
    try {
      return (await octokit.rest.git.getRef({ ...this.#repo, ref: `heads/${branch}` })).data.object.sha;
    } catch (error) {
      if (status(error) === 404) return undefined;
      throw error;
    }
  }

  /** An existing branch is reused only when its commit is this proposal's: same author, same message. */
  async #checkOwnBranch(octokit: Octokit, p: PreparedProposal, tip: string): Promise<void> {
    const { data: commit } = await octokit.rest.git.getCommit({ ...this.#repo, commit_sha: tip });
    if (commit.author.email.toLowerCase() !== p.author.email.toLowerCase() || commit.message.trim() !== p.message.trim()) {
      throw new BackendError('github', { kind: 'branch-taken', branch: p.branch }, `The branch ${p.branch} of ${this.#repoName} holds commit ${tip.slice(0, 7)}, which is not this proposal's.`);
    }
  }

  async #pullFor(octokit: Octokit, branch: string): Promise<PullRequest | undefined> {
    const { data } = await octokit.rest.pulls.list({ ...this.#repo, head: `${this.#o.owner}:${branch}`, state: 'all', per_page: 1 });
    return (data as PullRequest[])[0];
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The file as UTF-8 text, or undefined for binary content (an image). */
function isText(bytes: Uint8Array): string | undefined {
  try {
    const text = utf8.decode(bytes);
    return text.includes('\u0000') ? undefined : text;
  } catch {
    return undefined;
  }
}

function status(error: unknown): number | undefined {
  return (error as { status?: number }).status;
}

function toProposal(pull: PullRequest): Proposal {
  const marker = readMarker(pull.body);
  if (!marker) throw new BackendError('github', { kind: 'branch-taken', branch: pull.head.ref }, `The branch ${pull.head.ref} has pull request #${pull.number}, which is not a Pinkas proposal.`);
  return {
    id: marker.id,
    url: pull.html_url,
    branch: pull.head.ref,
    path: marker.path,
    title: pull.title,
    summary: marker.summary,
    status: pull.merged_at ? 'merged' : pull.state === 'closed' ? 'closed' : 'open',
    createdAt: pull.created_at,
    reviewers: [...(pull.requested_reviewers ?? []).flatMap((r) => (r ? [`@${r.login}`] : [])), ...(pull.requested_teams ?? []).flatMap((t) => (t ? [`team:${t.slug}`] : []))],
    mergedWithNewerChanges: marker.mergedWithNewerChanges,
    ...(marker.fingerprint ? { fingerprint: marker.fingerprint } : {}),
  };
}
