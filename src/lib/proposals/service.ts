/**
 * The proposal service: turns a contributor's edit into a branch, one commit and a review request,
 * through a `ProposalBackend`. Framework-free; the Astro routes in src/pages/api/ only translate
 * HTTP to and from it.
 *
 * Guarantees: nothing reaches the base branch (a backend only creates branches); a retried submit
 * (same idempotency key, or the same content again) returns the first proposal instead of opening
 * a second; a page that changed since the editor opened it is merged three-way, and a conflict is
 * returned (409) with both versions instead of overwriting anything. What the backend cannot do,
 * it reports as a `BackendError`, which passes through to the HTTP layer's one answer for it.
 */
import { contributionProfile } from '../content/check.ts';
import { preparePage } from '../content/prepare.ts';
import { slugFromPath } from '../paths.ts';
import { absoluteUrl } from '../urls.ts';
import { codeOwners, reviewersFrom } from './codeowners.ts';
import { ProposalError } from './errors.ts';
import { proposalBranch, proposalId, sha256, submitterTag } from './ids.ts';
import { mergePage } from './merge.ts';
import { commitMessage, pullRequestBody, pullRequestTitle, type ProposalText } from './pr-text.ts';
import { RateLimiter, type RateLimits } from './rate-limit.ts';
import { checkContent, validateRequest, type ValidatedRequest } from './request.ts';
import type { Identity, PreparedProposal, Proposal, ProposalBackend } from './types.ts';
import type { ConflictDetails, RetryDetails } from './wire.ts';

export interface ServiceOptions {
  backend: ProposalBackend;
  /** The content folder, repository-relative (`content`). */
  contentPrefix: string;
  /** The public site URL and base path, for links to the page in the pull request. */
  siteUrl?: string;
  basePath?: string;
  rateLimits?: RateLimits;
  now?: () => Date;
}

const decoder = new TextDecoder();
const encoder = new TextEncoder();

export class ProposalService {
  readonly #options: ServiceOptions;
  readonly #limiter: RateLimiter;
  readonly #inFlight = new Map<string, Promise<Proposal>>();

  constructor(options: ServiceOptions) {
    this.#options = options;
    this.#limiter = new RateLimiter(options.rateLimits ?? { perMinute: 10, perDay: 200 });
  }

  get backend(): ProposalBackend {
    return this.#options.backend;
  }

  /**
   * Submits a proposal. `idempotencyKey` names one submit attempt (the editor sends the same key
   * when it retries); without one, the same content from the same person counts as a retry.
   */
  async submit(body: unknown, identity: Identity, idempotencyKey?: string): Promise<Proposal> {
    const request = validateRequest(body, this.#options.contentPrefix);
    if (idempotencyKey !== undefined && !/^[A-Za-z0-9._:-]{8,128}$/.test(idempotencyKey)) {
      throw new ProposalError(400, 'The Idempotency-Key header must be 8 to 128 letters, digits or . _ : -', { field: 'Idempotency-Key' });
    }
    const key = idempotencyKey ?? sha256(JSON.stringify([request.path, request.baseCommit, request.content, request.summary]));
    const id = proposalId(identity.email, key);
    const running = this.#inFlight.get(id);
    if (running) return running;
    const work = this.#submit(request, identity, id).finally(() => this.#inFlight.delete(id));
    this.#inFlight.set(id, work);
    return work;
  }

  async list(identity: Identity): Promise<Proposal[]> {
    return this.#options.backend.list(identity.email);
  }

  async #submit(request: ValidatedRequest, identity: Identity, id: string): Promise<Proposal> {
    const { backend } = this.#options;
    const slug = slugFromPath(request.contentPath);
    const branch = proposalBranch(slug, id);
    // A retry of a proposal that was already created returns it, without counting against the limit.
    const existing = await backend.find({ id, branch });
    if (existing) return existing;

    const allowed = this.#limiter.take(identity.email.toLowerCase());
    if (!allowed.ok) {
      const details: RetryDetails = { retryAfter: allowed.retryAfter };
      throw new ProposalError(429, `Too many proposals: the limit is ${allowed.limit}. Your draft is kept; try again in ${allowed.retryAfter} s.`, details, { 'Retry-After': String(allowed.retryAfter) });
    }

    const head = await backend.head();
    const baseBytes = await backend.readFile(request.path, request.baseCommit);
    const theirsBytes = head === request.baseCommit ? baseBytes : await backend.readFile(request.path, head);
    const isNew = baseBytes === undefined;
    const base = baseBytes === undefined ? '' : decoder.decode(baseBytes);
    const theirs = theirsBytes === undefined ? undefined : decoder.decode(theirsBytes);

    let content = request.content;
    let merged = false;
    if (isNew && theirs !== undefined) {
      const details: ConflictDetails = { conflict: true, head, theirs, yours: request.content, conflicts: [{ line: 1, base: '', yours: request.content, theirs }] };
      throw new ProposalError(409, `Someone else has created ${request.path} since you started. Compare the two versions and resolve them.`, details);
    }
    if (!isNew && theirs === undefined) {
      const details: ConflictDetails = { conflict: true, head, theirs: '', yours: request.content, conflicts: [] };
      throw new ProposalError(409, `${request.path} has been deleted or moved on the base branch since you started editing it.`, details);
    }
    if (theirs !== undefined && theirs !== base) {
      const outcome = mergePage(base, request.content, theirs);
      if (outcome.kind === 'conflict') {
        const details: ConflictDetails = { conflict: true, head, theirs, yours: request.content, conflicts: outcome.conflicts };
        throw new ProposalError(
          409,
          `The page has changed since you started editing it, and ${outcome.conflicts.length === 1 ? 'one part was' : `${outcome.conflicts.length} parts were`} changed both by you and by someone else. Choose what to keep.`,
          details,
        );
      }
      if (outcome.kind === 'clean') {
        content = outcome.content;
        merged = true;
        checkContent(content, request.path, request.contentPath);
      }
    }
    if (theirs !== undefined && content === theirs) {
      throw new ProposalError(422, 'The proposal changes nothing: the page already says exactly this.', { field: 'content' });
    }

    // The page as the build will read it: its title and owners.
    const page = preparePage(request.contentPath, content, contributionProfile(), request.path);
    let owners = page.frontmatter.owner ?? [];
    if (owners.length === 0) {
      const file = await backend.readFile('.github/CODEOWNERS', head).catch(() => undefined);
      if (file) owners = codeOwners(decoder.decode(file), request.path);
    }
    const text: ProposalText = {
      identity,
      pageTitle: page.title,
      path: request.path,
      pageUrl: this.#options.siteUrl ? absoluteUrl(this.#options.siteUrl, this.#options.basePath ?? '/', slug) : undefined,
      owners,
      summary: request.summary,
      reason: request.reason,
      before: base,
      after: content,
      isNew,
      images: request.images.map((i) => i.path),
      merge: merged ? { base: request.baseCommit, head } : undefined,
      id,
    };
    const prepared: PreparedProposal = {
      id,
      branch,
      parent: head,
      files: [{ path: request.path, content: encoder.encode(content) }, ...request.images.map((i) => ({ path: i.path, content: i.bytes }))],
      path: request.path,
      message: commitMessage(text),
      author: { name: identity.name, email: identity.email, ...(identity.token ? { token: identity.token } : {}) },
      title: pullRequestTitle(text),
      summary: request.summary,
      body: pullRequestBody(text, submitterTag(identity.email)),
      labels: ['pinkas', `section:${slug.split('/')[0]}`],
      reviewers: reviewersFrom(owners, identity.login),
      mergedWithNewerChanges: merged,
      createdAt: (this.#options.now?.() ?? new Date()).toISOString(),
    };
    return backend.create(prepared);
  }
}
