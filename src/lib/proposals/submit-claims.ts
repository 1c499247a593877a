/**
 * One submit runs once, however many times it arrives and at however many service processes at
 * the same moment (a double click, a retry after a dropped connection, two servers behind a load
 * balancer): before making a proposal, a process claims its id in the shared coordination
 * (coordination.ts: the store, or memory). The claim is held while the proposal is made,
 * renewed as it goes, and then holds the proposal for the duplicates that arrive meanwhile. A
 * duplicate waits for that proposal and returns it; if it cannot wait long enough, it is told to
 * try again in a moment (409 with Retry-After), never given a second proposal.
 *
 * A claim expires unless it is renewed: a process killed while making a proposal blocks a retry
 * for `holdMs` at most, after which the retry claims the id and finishes the proposal (the
 * backends find what the killed process made: the local backend adopts its branch, GitHub reuses
 * branch and pull request). A duplicate in the same process waits for the same promise.
 */
import { ProposalError } from './errors.ts';
import type { IdempotencyRecord } from '../store/types.ts';
import type { Coordination } from './coordination.ts';
import type { Proposal } from './types.ts';
import type { RetryDetails } from './wire.ts';

export interface ClaimTimings {
  /** How long a claim holds without being renewed: after a crash, a retry waits at most this. */
  holdMs: number;
  /** How often the process making the proposal renews its claim. */
  renewMs: number;
  /** How long a duplicate waits for the proposal another request is making, before a 409. */
  waitMs: number;
  /** How often a waiting duplicate looks again. */
  pollMs: number;
  /** How long a finished proposal is kept for duplicates (later retries find it in the backend). */
  keepMs: number;
}

export const defaultClaimTimings: ClaimTimings = { holdMs: 20_000, renewMs: 5_000, waitMs: 25_000, pollMs: 200, keepMs: 120_000 };

/** What a finished claim holds. */
interface Finished {
  fingerprint: string;
  proposal: Proposal;
}

/** Seconds a duplicate that could not wait is told to wait before trying again. */
const RETRY_AFTER = 5;

export function reusedKey(proposal: Pick<Proposal, 'id' | 'url'>): ProposalError {
  return new ProposalError(
    422,
    `This Idempotency-Key was already used for a different proposal (${proposal.url}), so this one was not made. Nothing was changed; a new proposal needs a new key.`,
    { field: 'Idempotency-Key', proposal: proposal.id },
  );
}

function keyInUse(): ProposalError {
  return new ProposalError(422, 'This Idempotency-Key is being used for a different proposal right now, so this one was not made. Nothing was changed; a new proposal needs a new key.', { field: 'Idempotency-Key' });
}

function stillBeingMade(): ProposalError {
  const details: RetryDetails = { retryAfter: RETRY_AFTER };
  return new ProposalError(409, 'This proposal is being created right now, by the same submit sent a moment ago. Your draft is kept; try again in a moment to see it.', details, { 'Retry-After': String(RETRY_AFTER) });
}

function isFinished(value: unknown): value is Finished {
  const v = value as Partial<Finished> | undefined;
  return typeof v?.fingerprint === 'string' && typeof v.proposal?.id === 'string';
}

export class SubmitClaims {
  readonly #coordination: Coordination;
  readonly #timings: ClaimTimings;
  readonly #now: () => Date;
  readonly #local = new Map<string, { fingerprint: string; work: Promise<Proposal> }>();

  constructor(coordination: Coordination, timings: Partial<ClaimTimings> = {}, now: () => Date = () => new Date()) {
    this.#coordination = coordination;
    this.#timings = { ...defaultClaimTimings, ...timings };
    this.#now = now;
  }

  /**
   * Makes the proposal `id` with `work`, unless another request for it is doing so or has done
   * so: then its proposal. A request for the same id with another `fingerprint` is refused (422).
   */
  once(id: string, fingerprint: string, work: () => Promise<Proposal>): Promise<Proposal> {
    const local = this.#local.get(id);
    if (local) {
      if (local.fingerprint !== fingerprint) return Promise.reject(keyInUse());
      return local.work;
    }
    const run = this.#once(`proposal:${id}`, fingerprint, work).finally(() => this.#local.delete(id));
    this.#local.set(id, { fingerprint, work: run });
    return run;
  }

  #in(ms: number): Date {
    return new Date(this.#now().getTime() + ms);
  }

  async #once(key: string, fingerprint: string, work: () => Promise<Proposal>): Promise<Proposal> {
    const c = this.#coordination;
    const deadline = this.#in(this.#timings.waitMs).getTime();
    for (;;) {
      const claim = await c.claim({ key, expiresAt: this.#in(this.#timings.holdMs) });
      if (claim.claimed) return this.#make(key, claim.token, fingerprint, work);
      let record: IdempotencyRecord | undefined = claim.record;
      while (record?.state === 'in-flight') {
        if (this.#now().getTime() >= deadline) throw stillBeingMade();
        await new Promise((resolve) => setTimeout(resolve, this.#timings.pollMs));
        record = await c.getClaim(key);
      }
      if (record?.state === 'done' && isFinished(record.result)) {
        const { proposal } = record.result;
        if (record.result.fingerprint !== fingerprint) throw reusedKey(proposal);
        return proposal;
      }
      // Released after a failure, or expired: this request claims it next.
      if (this.#now().getTime() >= deadline) throw stillBeingMade();
    }
  }

  async #make(key: string, token: string, fingerprint: string, work: () => Promise<Proposal>): Promise<Proposal> {
    const c = this.#coordination;
    const renew = setInterval(() => void c.renewClaim({ key, token, expiresAt: this.#in(this.#timings.holdMs) }).catch(() => false), this.#timings.renewMs);
    renew.unref?.();
    let proposal: Proposal;
    try {
      proposal = await work();
    } catch (error) {
      clearInterval(renew);
      // A retry may try again (and will get the same answer if nothing changed).
      await c.releaseClaim({ key, token }).catch(() => false);
      throw error;
    }
    clearInterval(renew);
    // If this fails the proposal still stands: the claim expires, and a retry finds it in the backend.
    const finished: Finished = { fingerprint, proposal: { ...proposal, fingerprint: proposal.fingerprint ?? fingerprint } };
    await c.completeClaim({ key, token, result: finished, expiresAt: this.#in(this.#timings.keepMs) }).catch(() => false);
    return proposal;
  }
}
