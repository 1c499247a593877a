/**
 * The per-person limit on proposals, counted in shared counters (the store, or one process's
 * memory: coordination.ts), so that every service process on one store counts the same
 * proposals. Each limit is a sliding window estimated from two fixed ones, as Cloudflare counts
 * requests: the proposals of this minute (day) plus those of the one before, weighted by the
 * share of it that still lies within the last minute (day). Two fixed windows alone would let
 * twice the limit through around the turn of a minute.
 *
 * A request the counts already refuse is not counted; one that is counted and then finds that a
 * request of another process took the last place meanwhile is refused (and stays counted), so
 * no more than the limit get through however many processes ask at once.
 */
import { sha256 } from './ids.ts';
import type { Coordination } from './coordination.ts';

export interface RateLimits {
  perMinute: number;
  perDay: number;
}

export type Verdict = { ok: true } | { ok: false; retryAfter: number; limit: string };

type Counters = Pick<Coordination, 'incrementCounter' | 'readCounters'>;

interface Period {
  name: 'minute' | 'day';
  ms: number;
  limit: number;
  label: string;
}

const DAY = 24 * 60 * 60 * 1000;

function periods(limits: RateLimits): Period[] {
  return [
    { name: 'minute', ms: 60_000, limit: limits.perMinute, label: `${limits.perMinute} proposals a minute` },
    { name: 'day', ms: DAY, limit: limits.perDay, label: `${limits.perDay} proposals a day` },
  ];
}

/** The counter key of one person's proposals: a hash, so the store never holds the address. */
export function proposalLimitKey(email: string): string {
  return `proposals:${sha256(`pinkas-proposals:${email.toLowerCase()}`).slice(0, 32)}`;
}

/** The sliding window's count: this window's hits and the share of the last one's still in reach. */
export function estimate(previous: number, current: number, fraction: number): number {
  return previous * (1 - fraction) + current;
}

/**
 * Seconds until one more hit fits under `limit`, if nothing else is counted meanwhile: later in
 * this window, as the previous one's weight fades, or else in the next, as this one's does.
 * `fraction`: how far into its window `now` is.
 */
export function secondsUntilRoom(previous: number, current: number, fraction: number, ms: number, limit: number): number {
  let wait: number;
  if (current + 1 <= limit && previous > 0) {
    wait = Math.max(0, (estimate(previous, current + 1, fraction) - limit) / previous) * ms;
  } else {
    const into = current > 0 ? Math.max(0, 1 - (limit - 1) / current) : 0;
    wait = (1 - fraction + into) * ms;
  }
  // (Whole milliseconds first: 40 s computed as 40.000000004 s is 40 s.)
  return Math.max(1, Math.ceil(Math.round(wait) / 1000));
}

/** Counts one proposal by the person whose counter `key` is, or says how long to wait. */
export async function takeProposalSlot(counters: Counters, key: string, limits: RateLimits, now: Date): Promise<Verdict> {
  const t = now.getTime();
  const windows = periods(limits).map((period) => {
    const index = Math.floor(t / period.ms);
    return { ...period, index, fraction: (t - index * period.ms) / period.ms, window: (i: number) => `${period.name}:${i}` };
  });
  const counts = await counters.readCounters({ key, windows: windows.flatMap((w) => [w.window(w.index - 1), w.window(w.index)]), now });
  const refuse = (w: (typeof windows)[number], previous: number, current: number): Verdict => ({
    ok: false,
    retryAfter: secondsUntilRoom(previous, current, w.fraction, w.ms, w.limit),
    limit: w.label,
  });
  for (const [i, w] of windows.entries()) {
    const [previous = 0, current = 0] = counts.slice(2 * i, 2 * i + 2);
    if (estimate(previous, current + 1, w.fraction) > w.limit) return refuse(w, previous, current);
  }
  for (const [i, w] of windows.entries()) {
    const previous = counts[2 * i] ?? 0;
    // Kept until the end of the next window, while it still weighs in.
    const current = await counters.incrementCounter({ key, window: w.window(w.index), expiresAt: new Date((w.index + 2) * w.ms) });
    if (estimate(previous, current, w.fraction) > w.limit) return refuse(w, previous, current);
  }
  return { ok: true };
}
