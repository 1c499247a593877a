/**
 * Rate limits of the readers' signals, counted in the store, so several service processes share
 * them. Signals carry no identity and no IP address is kept, so search and feedback are limited
 * per endpoint for the whole wiki (a flood cannot fill the store, whoever sends it); an
 * acknowledgement, made signed in, is limited per person (by a hash of the e-mail address).
 */
import { createHash } from 'node:crypto';
import { ProposalError } from '../proposals/errors.ts';
import type { Store } from '../store/types.ts';

export interface SignalLimits {
  /** Searches counted per minute, wiki-wide. */
  searchPerMinute: number;
  /** Feedback answers per minute, wiki-wide. */
  feedbackPerMinute: number;
  /** Acknowledgements per minute, per person. */
  acknowledgementsPerMinute: number;
}

export const defaultSignalLimits: SignalLimits = { searchPerMinute: 1200, feedbackPerMinute: 300, acknowledgementsPerMinute: 20 };

/** A counter key for one person that does not keep the e-mail address itself. */
export function personKey(email: string): string {
  return createHash('sha256').update(`pinkas-limit:${email.toLowerCase()}`).digest('hex').slice(0, 32);
}

/**
 * Counts one request against `perMinute` requests in the current minute under `key`, or refuses it
 * with a 429 saying when to try again.
 */
export async function takeSlot(store: Store, key: string, perMinute: number, what: string, now: Date): Promise<void> {
  const minute = Math.floor(now.getTime() / 60_000) * 60_000;
  const window = `minute:${new Date(minute).toISOString().slice(0, 16)}`;
  const hits = await store.incrementCounter({ key, window, expiresAt: new Date(minute + 120_000) });
  if (hits > perMinute) {
    const retryAfter = Math.max(1, Math.ceil((minute + 60_000 - now.getTime()) / 1000));
    throw new ProposalError(429, `Too many ${what} in a minute (at most ${perMinute}); try again in ${retryAfter} seconds.`, { retryAfter }, { 'Retry-After': String(retryAfter) });
  }
}
