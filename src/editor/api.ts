/**
 * The editor's side of the proposal service (src/lib/proposals/http.ts): who is signed in, and
 * submitting a proposal, with every answer turned into one of a few outcomes the editor shows.
 */
import type { ConflictDetails, ContentProblem, ErrorBody, ProposalList, ProposalRequest, PublicProposal, RetryDetails, SessionAnswer } from '../lib/proposals/wire.ts';

/** `GET /api/session`. */
export type Session = SessionAnswer;

/** A proposal as `GET /api/proposals` and `POST /api/proposals` describe it. */
export type Proposal = PublicProposal;

/** What `POST /api/proposals` takes. */
export type ProposalBody = ProposalRequest;

export interface LineProblem {
  line: number;
  column: number;
  message: string;
}

export type SubmitOutcome =
  | { kind: 'created'; proposal: Proposal }
  /** 422: the page breaks the rules; `problems` at their lines (may be empty: "changes nothing"). */
  | { kind: 'invalid'; message: string; problems: LineProblem[] }
  /** 409 with a conflict: the page changed in the same place since `baseCommit`. */
  | { kind: 'conflict'; message: string; head: string; theirs: string; yours: string }
  | { kind: 'signin'; message: string; loginUrl?: string }
  /** Anything else (status 0: the network); the contributor can retry. */
  | { kind: 'error'; status: number; message: string; retryAfter?: number };

function apiUrl(base: string, path: string): string {
  return `${base.endsWith('/') ? base : `${base}/`}api/${path}`;
}

export async function getSession(base: string): Promise<Session | { error: string }> {
  try {
    const response = await fetch(apiUrl(base, 'session'), { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
    const body = (await response.json().catch(() => undefined)) as (Session & Partial<ErrorBody>) | undefined;
    if (!response.ok || !body || typeof body.signedIn !== 'boolean') return { error: body?.error ?? `HTTP ${response.status}` };
    return body;
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/** Where to sign in, coming back to this page afterwards. */
export function signInUrl(loginUrl: string, returnTo: string): string {
  return `${loginUrl}${loginUrl.includes('?') ? '&' : '?'}returnTo=${encodeURIComponent(returnTo)}`;
}

/** A random key for one submit attempt (`Idempotency-Key`): retries of the same content reuse it. */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `pinkas-${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** A short fingerprint of what is submitted, to tell a retry of the same proposal from a new one. */
export function fingerprint(body: ProposalBody): string {
  // `minor` only when set, so that a draft's attempt from before it existed keeps its fingerprint.
  const text = JSON.stringify([
    body.path,
    body.baseCommit,
    body.content,
    body.summary,
    body.reason ?? '',
    (body.images ?? []).map((i) => [i.path, i.base64.length, i.base64.slice(0, 64), i.base64.slice(-64)]),
    ...(body.minor ? ['minor'] : []),
  ]);
  // cyrb53: 53 bits are plenty to tell two attempts apart.
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36) + `-${text.length}`;
}

/** Turns the service's answer into an outcome (exported for tests). */
export function outcomeOf(status: number, body: unknown): SubmitOutcome {
  const b = (body ?? {}) as Partial<Record<keyof ErrorBody, unknown>>;
  const message = typeof b.error === 'string' ? b.error : `HTTP ${status}`;
  if (status === 201 || status === 200) return { kind: 'created', proposal: body as Proposal };
  if (status === 422) {
    const details = Array.isArray(b.details) ? b.details : [];
    const problems = details
      .filter((d): d is Partial<ContentProblem> & Pick<ContentProblem, 'line' | 'message'> => typeof d?.line === 'number' && typeof d?.message === 'string')
      .map((d) => ({ line: d.line, column: typeof d.column === 'number' ? d.column : 1, message: d.message }));
    return { kind: 'invalid', message, problems };
  }
  if (status === 409) {
    const d = b.details as Partial<ConflictDetails> | undefined;
    if (d?.conflict && typeof d.head === 'string' && typeof d.theirs === 'string') {
      return { kind: 'conflict', message, head: d.head, theirs: d.theirs, yours: typeof d.yours === 'string' ? d.yours : '' };
    }
  }
  if (status === 401) {
    const d = b.details as { login?: string } | undefined;
    return { kind: 'signin', message, ...(typeof d?.login === 'string' ? { loginUrl: d.login } : {}) };
  }
  const retryAfter = (b.details as Partial<RetryDetails> | undefined)?.retryAfter;
  return { kind: 'error', status, message, ...(typeof retryAfter === 'number' ? { retryAfter } : {}) };
}

export async function submitProposal(base: string, body: ProposalBody, idempotencyKey: string): Promise<SubmitOutcome> {
  let response: Response;
  try {
    response = await fetch(apiUrl(base, 'proposals'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'Idempotency-Key': idempotencyKey },
      credentials: 'same-origin',
      body: JSON.stringify(body),
    });
  } catch (error) {
    return { kind: 'error', status: 0, message: (error as Error).message };
  }
  const json = await response.json().catch(() => undefined);
  if (json === undefined && response.status !== 201) return { kind: 'error', status: response.status, message: `HTTP ${response.status} ${response.statusText}`.trim() };
  return outcomeOf(response.status, json);
}

export async function listProposals(base: string): Promise<{ proposals: Proposal[] } | { status: number; error: string }> {
  try {
    const response = await fetch(apiUrl(base, 'proposals'), { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
    const body = (await response.json().catch(() => undefined)) as Partial<ProposalList & ErrorBody> | undefined;
    if (!response.ok || !Array.isArray(body?.proposals)) return { status: response.status, error: body?.error ?? `HTTP ${response.status}` };
    return { proposals: body.proposals };
  } catch (error) {
    return { status: 0, error: (error as Error).message };
  }
}
