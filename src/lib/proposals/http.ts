/**
 * HTTP for the proposal service, on web-standard Request/Response (no Astro here): the Astro routes
 * in src/pages/api/ call these. Every error is JSON `{ error, details }` with a fitting status.
 */
import { answerFor, concernsAdmin, ProposalError } from './errors.ts';
import { identify, type IdentityConfig } from './identity.ts';
import { listLimits, type ProposalService } from './service.ts';
import type { Proposal } from './types.ts';
import { proposalLimits as limits, type PendingAnswer, type ProposalList, type PublicProposal, type SessionAnswer } from './wire.ts';

export interface HttpDeps {
  service: ProposalService;
  identity: IdentityConfig;
  /**
   * The site's own origin (from PINKAS_SITE), when configured: the only one allowed to POST. Without
   * it, the request's own origin (from its Host header) is.
   */
  siteOrigin?: string;
  /** The site's base path (`/` or `/wiki/`), for the sign-in link. */
  basePath?: string;
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', ...headers },
  });
}

function errorResponse(error: unknown): Response {
  if (concernsAdmin(error)) {
    const e = error as Error & { cause?: { message?: string } };
    console.error(`[pinkas] proposal service error: ${e.name}: ${e.message}${e.cause?.message ? ` (${e.cause.message})` : ''}`);
  }
  const answer = answerFor(error);
  return json(answer.status, answer.toJSON(), answer.headers);
}

/**
 * Refuses cross-site requests: a browser always says where a POST comes from (Origin, and
 * Sec-Fetch-Site in current browsers). A same-origin client needs no token. The origin compared
 * with is the configured site's when there is one: a page of another name that resolves to this
 * server (DNS rebinding) sends a Host of its own, and looks same-origin to the browser.
 */
export function checkSameOrigin(request: Request, siteOrigin?: string) {
  const site = request.headers.get('sec-fetch-site');
  if (site && site !== 'same-origin' && site !== 'none') {
    throw new ProposalError(403, `Cross-site requests are refused (Sec-Fetch-Site: ${site}). Propose changes from the wiki itself.`);
  }
  const origin = request.headers.get('origin');
  if (origin !== null && origin !== (siteOrigin ?? new URL(request.url).origin)) {
    throw new ProposalError(403, `Requests from ${origin} are refused: only the wiki's own pages may propose changes.`);
  }
}

/** `?limit=` of `GET /api/proposals`, if it is a number. */
function listLimit(request: Request): number | undefined {
  const value = new URL(request.url).searchParams.get('limit');
  if (value === null) return undefined;
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1) throw new ProposalError(400, `limit must be a whole number from 1 to ${listLimits.max}, not "${value.slice(0, 20)}".`, { field: 'limit' });
  return limit;
}

async function readJson(request: Request): Promise<unknown> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) throw new ProposalError(415, 'Send the proposal as JSON (Content-Type: application/json).');
  const declared = Number(request.headers.get('content-length') ?? 0);
  const tooLarge = () => new ProposalError(413, `The proposal is too large: at most ${limits.bodyBytes / 1024 / 1024} MB in all, ${limits.pageBytes / 1024} KB of text and ${limits.imageBytes / 1024 / 1024} MB per image.`);
  if (declared > limits.bodyBytes) throw tooLarge();
  const reader = request.body?.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > limits.bodyBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ProposalError(400, `The request body is not valid JSON: ${(error as Error).message}`);
  }
}

/** What the browser learns about a proposal: these fields, whatever else a backend returned. */
function publicProposal(p: Proposal): PublicProposal {
  return { id: p.id, url: p.url, branch: p.branch, path: p.path, title: p.title, summary: p.summary, status: p.status, createdAt: p.createdAt, reviewers: p.reviewers, mergedWithNewerChanges: p.mergedWithNewerChanges };
}

/** `POST /api/proposals` (submit) and `GET /api/proposals` (the caller's proposals). */
export async function handleProposals(request: Request, deps: HttpDeps): Promise<Response> {
  try {
    if (request.method === 'POST') {
      checkSameOrigin(request, deps.siteOrigin);
      const identity = identify(request, deps.identity);
      const body = await readJson(request);
      const proposal = await deps.service.submit(body, identity, request.headers.get('idempotency-key') ?? undefined);
      return json(201, publicProposal(proposal));
    }
    if (request.method === 'GET') {
      const identity = identify(request, deps.identity);
      const proposals = await deps.service.list(identity, listLimit(request));
      const list: ProposalList = { proposals: proposals.map(publicProposal) };
      return json(200, list);
    }
    return json(405, { error: `${request.method} is not supported here: use GET or POST.` }, { Allow: 'GET, POST' });
  } catch (error) {
    return errorResponse(error);
  }
}

/**
 * `GET /api/proposals/pending?path=<repository path>`: the proposals waiting for review on one
 * page. Anyone who can read the wiki may ask — no sign-in — since the answer says what is
 * proposed and when, never by whom.
 */
export async function handlePending(request: Request, deps: HttpDeps): Promise<Response> {
  try {
    if (request.method !== 'GET') return json(405, { error: `${request.method} is not supported here: use GET.` }, { Allow: 'GET' });
    const path = new URL(request.url).searchParams.get('path');
    if (!path) throw new ProposalError(400, 'Say which page: ?path=content/hr/leave.mdx (its path in the repository).', { field: 'path' });
    const answer: PendingAnswer = { path, proposals: await deps.service.pending(path) };
    return json(200, answer);
  } catch (error) {
    return errorResponse(error);
  }
}

/** `GET /api/session`: who the service thinks you are, and how to sign in when you are not. */
export function handleSession(request: Request, deps: HttpDeps): Response {
  const base = { mode: deps.identity.mode, backend: deps.service.backend.name };
  try {
    const identity = identify(request, deps.identity);
    const answer: SessionAnswer = { ...base, signedIn: true, user: { name: identity.name, email: identity.email, login: identity.login ?? null } };
    return json(200, answer);
  } catch (error) {
    if (error instanceof ProposalError && (error.status === 401 || error.status === 400)) {
      const answer: SessionAnswer = { ...base, signedIn: false, user: null, problem: error.message, ...(deps.identity.mode === 'github' ? { loginUrl: `${(deps.basePath ?? '/').replace(/\/?$/, '/')}api/auth/login` } : {}) };
      return json(200, answer);
    }
    return errorResponse(error);
  }
}
