/**
 * The proposal service: turns a contributor's edit into a branch, one commit and a review request,
 * through a `ProposalBackend`. Framework-free; the Astro routes in src/pages/api/ only translate
 * HTTP to and from it.
 *
 * Guarantees: nothing reaches the base branch (a backend only creates branches); a retried submit
 * (same idempotency key and the same request, or the same request again) returns the first
 * proposal instead of opening a second — also when the duplicates reach two service processes at
 * once, which share their claims and the per-person rate limit through the store
 * (submit-claims.ts, rate-limit.ts) — and a key reused for another request is refused; a page
 * that changed since the editor opened it is merged three-way, and a conflict is returned (409)
 * with both versions instead of overwriting anything; a proposal writes only the files it names,
 * and never turns a file into a folder, a folder into a file, or a page into two at one address.
 * The contributor's text is merged, checked and diffed in a worker with a time budget
 * (check-pool.ts), so no request waits for another's page. What the backend cannot do, it reports
 * as a `BackendError`, which passes through to the HTTP layer's one answer for it.
 */
import type { CheckOptions } from '../content/check.ts';
import { slugFromPath } from '../paths.ts';
import { absoluteUrl } from '../urls.ts';
import { sharedCheckPool, type PageChecker } from './check-pool.ts';
import { codeOwners, reviewersFrom } from './codeowners.ts';
import { ProposalError } from './errors.ts';
import { proposalBranch, proposalId, requestFingerprint, submitterTag } from './ids.ts';
import type { PageOutcome } from './page-change.ts';
import { commitMessage, pullRequestBody, pullRequestTitle, type ChangedPath, type ProposalText } from './pr-text.ts';
import { MemoryCoordination, type Coordination } from './coordination.ts';
import { proposalLimitKey, takeProposalSlot, type RateLimits } from './rate-limit.ts';
import { Layout, layoutProblem } from './repo-layout.ts';
import { pagePath, refuseProblems, validateRequest, type ValidatedRequest } from './request.ts';
import { reusedKey, SubmitClaims, type ClaimTimings } from './submit-claims.ts';
import type { Identity, PreparedProposal, Proposal, ProposalBackend } from './types.ts';
import { pendingLimit, type ConflictDetails, type PendingProposal, type RetryDetails } from './wire.ts';

export interface ServiceOptions {
  backend: ProposalBackend;
  /** The content folder, repository-relative (`content`). */
  contentPrefix: string;
  /** The public site URL and base path, for links to the page in the pull request. */
  siteUrl?: string;
  basePath?: string;
  rateLimits?: RateLimits;
  /**
   * What the service shares with the other processes of the wiki: the rate limit's counters and
   * the claims that make a submit run once (the store; default: this process's memory alone).
   */
  coordination?: Coordination;
  /** How claims are held, renewed and waited for (submit-claims.ts). */
  claimTimings?: Partial<ClaimTimings>;
  /** Where pages are merged and checked (default: the process's pool of worker threads). */
  checker?: PageChecker;
  /** The site's language and policy choices, as the editor's check has them. */
  check?: CheckOptions;
  now?: () => Date;
}

/** How many proposals `list` returns at most, and by default. */
export const listLimits = { max: 100, default: 50 } as const;

const decoder = new TextDecoder();
const encoder = new TextEncoder();

/** A name as git can hold it in `Name <email>`: no angle brackets, no line breaks or other controls. */
export function gitName(name: string, email: string): string {
  const clean = name.replace(/[<>\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim();
  return clean || email.split('@')[0]!;
}

export class ProposalService {
  readonly #options: ServiceOptions;
  readonly #coordination: Coordination;
  readonly #claims: SubmitClaims;

  constructor(options: ServiceOptions) {
    this.#options = options;
    this.#coordination = options.coordination ?? new MemoryCoordination();
    this.#claims = new SubmitClaims(this.#coordination, options.claimTimings, () => this.#now());
    // A worker starts now, while the first contributor is still typing.
    if (!options.checker) sharedCheckPool().warm(1);
  }

  get backend(): ProposalBackend {
    return this.#options.backend;
  }

  /**
   * Submits a proposal. `idempotencyKey` names one submit attempt (the editor sends the same key
   * when it retries); without one, the same request from the same person counts as a retry.
   */
  async submit(body: unknown, identity: Identity, idempotencyKey?: string): Promise<Proposal> {
    const request = validateRequest(body, this.#options.contentPrefix);
    if (idempotencyKey !== undefined && !/^[A-Za-z0-9._:-]{8,128}$/.test(idempotencyKey)) {
      throw new ProposalError(400, 'The Idempotency-Key header must be 8 to 128 letters, digits or . _ : -', { field: 'Idempotency-Key' });
    }
    const fingerprint = requestFingerprint(request);
    const id = proposalId(identity.email, idempotencyKey ?? fingerprint);
    return this.#claims.once(id, fingerprint, () => this.#submit(request, { ...identity, name: gitName(identity.name, identity.email) }, id, fingerprint));
  }

  #now(): Date {
    return this.#options.now?.() ?? new Date();
  }

  /** The person's newest proposals (`limit`, at most `listLimits.max`), newest first. */
  async list(identity: Identity, limit: number = listLimits.default): Promise<Proposal[]> {
    return this.#options.backend.list(identity.email, Math.max(1, Math.min(listLimits.max, Math.floor(limit))));
  }

  /**
   * The proposals waiting for review that change the page at `path` (repository-relative), newest
   * first, at most `pendingLimit`: for anyone reading the page, so never who made them.
   */
  async pending(path: string): Promise<PendingProposal[]> {
    if (path.length > 300 || /[\u0000-\u001f\u007f]/.test(path)) throw new ProposalError(400, "path must be the page's path in the repository, such as content/hr/leave.mdx.", { field: 'path' });
    pagePath(path, this.#options.contentPrefix);
    return this.#options.backend.pending(path, pendingLimit);
  }

  async #submit(request: ValidatedRequest, identity: Identity, id: string, fingerprint: string): Promise<Proposal> {
    const { backend } = this.#options;
    const slug = slugFromPath(request.contentPath);
    const branch = proposalBranch(slug, id);
    // A retry of a proposal that was already created returns it, without counting against the limit.
    const existing = await backend.find({ id, branch });
    if (existing) {
      if (existing.fingerprint !== undefined && existing.fingerprint !== fingerprint) throw reusedKey(existing);
      return existing;
    }

    const allowed = await takeProposalSlot(this.#coordination, proposalLimitKey(identity.email), this.#options.rateLimits ?? { perMinute: 10, perDay: 200 }, this.#now());
    if (!allowed.ok) {
      const details: RetryDetails = { retryAfter: allowed.retryAfter };
      throw new ProposalError(429, `Too many proposals: the limit is ${allowed.limit}. Your draft is kept; try again in ${allowed.retryAfter} s.`, details, { 'Retry-After': String(allowed.retryAfter) });
    }

    const head = await backend.head();
    const [baseBytes, theirsBytes, layout] = await Promise.all([
      backend.readFile(request.path, request.baseCommit),
      head === request.baseCommit ? undefined : backend.readFile(request.path, head),
      this.#layout(head),
    ]);
    const isNew = baseBytes === undefined;
    const base = baseBytes === undefined ? '' : decoder.decode(baseBytes);
    const theirs = head === request.baseCommit ? (isNew ? undefined : base) : theirsBytes === undefined ? undefined : decoder.decode(theirsBytes);

    if (isNew && theirs !== undefined) {
      const details: ConflictDetails = { conflict: true, head, theirs, yours: request.content, conflicts: [{ line: 1, base: '', yours: request.content, theirs }] };
      throw new ProposalError(409, `Someone else has created ${request.path} since you started. Compare the two versions and resolve them.`, details);
    }
    if (isNew && request.minor) {
      throw new ProposalError(422, 'A new page cannot be marked as a minor change: nobody has acknowledged it yet.', { field: 'minor' });
    }
    if (!isNew && theirs === undefined) {
      const details: ConflictDetails = { conflict: true, head, theirs: '', yours: request.content, conflicts: [] };
      throw new ProposalError(409, `${request.path} has been deleted or moved on the base branch since you started editing it.`, details);
    }
    const files = [{ path: request.contentPath, field: 'path' as const }, ...request.images.map((i) => ({ path: i.contentPath, field: 'images' as const }))];
    const problem = layoutProblem(layout, files, (p) => this.#repoPath(p));
    if (problem) throw new ProposalError(422, `${problem.message}. Nothing was changed.`, { field: problem.field, path: problem.path });

    const outcome = await this.#checker().check({
      displayPath: request.path,
      contentPath: request.contentPath,
      base,
      yours: request.content,
      ...(theirs !== undefined && theirs !== base ? { theirs } : {}),
      ...(this.#options.check ? { options: this.#options.check } : {}),
    });
    if (outcome.kind === 'conflict') {
      const details: ConflictDetails = { conflict: true, head, theirs: theirs!, yours: request.content, conflicts: outcome.conflicts };
      const parts = outcome.conflicts.length === 1 ? 'one part was' : `${outcome.conflicts.length} parts were`;
      throw new ProposalError(409, `The page has changed since you started editing it, and ${parts} changed both by you and by someone else. Choose what to keep.`, details);
    }
    refuseProblems(outcome.problems);
    if (theirs !== undefined && outcome.content === theirs) {
      throw new ProposalError(422, 'The proposal changes nothing: the page already says exactly this.', { field: 'content' });
    }
    const changed: ChangedPath[] = [
      { path: request.path, change: isNew ? 'added' : 'changed' },
      ...request.images.map((i): ChangedPath => ({ path: i.path, change: layout.kindOf(i.contentPath) === 'file' ? 'changed' : 'added' })),
    ];
    return backend.create(await this.#prepare(request, identity, { id, branch, head, slug, isNew, base, outcome, changed, fingerprint }));
  }

  async #prepare(
    request: ValidatedRequest,
    identity: Identity,
    p: { id: string; branch: string; head: string; slug: string; isNew: boolean; base: string; outcome: Extract<PageOutcome, { kind: 'ready' }>; changed: ChangedPath[]; fingerprint: string },
  ): Promise<PreparedProposal> {
    const { backend } = this.#options;
    let owners = p.outcome.owners;
    if (owners.length === 0) {
      const file = await backend.readFile('.github/CODEOWNERS', p.head).catch(() => undefined);
      if (file) owners = codeOwners(decoder.decode(file), request.path);
    }
    const text: ProposalText = {
      identity,
      pageTitle: p.outcome.title,
      path: request.path,
      pageUrl: this.#options.siteUrl ? absoluteUrl(this.#options.siteUrl, this.#options.basePath ?? '/', p.slug) : undefined,
      owners,
      summary: request.summary,
      reason: request.reason,
      changes: p.outcome.changes,
      isNew: p.isNew,
      files: p.changed,
      merge: p.outcome.merged ? { base: request.baseCommit, head: p.head } : undefined,
      id: p.id,
      fingerprint: p.fingerprint,
      minor: request.minor === true,
    };
    return {
      id: p.id,
      branch: p.branch,
      parent: p.head,
      files: [{ path: request.path, content: encoder.encode(p.outcome.content) }, ...request.images.map((i) => ({ path: i.path, content: i.bytes }))],
      path: request.path,
      message: commitMessage(text),
      author: { name: identity.name, email: identity.email, ...(identity.token ? { token: identity.token } : {}) },
      title: pullRequestTitle(text),
      summary: request.summary,
      body: pullRequestBody(text, submitterTag(identity.email)),
      labels: ['pinkas', `section:${p.slug.split('/')[0]}`],
      reviewers: reviewersFrom(owners, identity.login),
      mergedWithNewerChanges: p.outcome.merged,
      createdAt: this.#now().toISOString(),
      fingerprint: p.fingerprint,
    };
  }

  #checker(): PageChecker {
    return this.#options.checker ?? sharedCheckPool();
  }

  #prefix(): string {
    return this.#options.contentPrefix.replace(/\/+$/, '');
  }

  #repoPath(contentPath: string): string {
    return this.#prefix() ? `${this.#prefix()}/${contentPath}` : contentPath;
  }

  /** The content folder at `commit`: what a proposal's files must fit. */
  async #layout(commit: string): Promise<Layout> {
    const prefix = this.#prefix();
    const files = await this.#options.backend.files(prefix, commit);
    return new Layout(prefix ? files.filter((f) => f.startsWith(`${prefix}/`)).map((f) => f.slice(prefix.length + 1)) : files);
  }
}
