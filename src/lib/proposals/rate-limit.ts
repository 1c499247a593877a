/**
 * A per-person limit on proposals (sliding windows, in memory). The service is stateless, so each
 * instance counts its own submissions: with several instances the limit is per instance.
 */
export interface RateLimits {
  perMinute: number;
  perDay: number;
}

export class RateLimiter {
  readonly #limits: RateLimits;
  readonly #events = new Map<string, number[]>();
  readonly #now: () => number;

  constructor(limits: RateLimits, now: () => number = Date.now) {
    this.#limits = limits;
    this.#now = now;
  }

  /** Records an attempt by `key`, or returns how many seconds to wait when over a limit. */
  take(key: string): { ok: true } | { ok: false; retryAfter: number; limit: string } {
    const now = this.#now();
    const day = 24 * 60 * 60 * 1000;
    const events = (this.#events.get(key) ?? []).filter((t) => t > now - day);
    const lastMinute = events.filter((t) => t > now - 60_000);
    if (lastMinute.length >= this.#limits.perMinute) {
      return { ok: false, retryAfter: Math.ceil((lastMinute[0]! + 60_000 - now) / 1000), limit: `${this.#limits.perMinute} proposals a minute` };
    }
    if (events.length >= this.#limits.perDay) {
      return { ok: false, retryAfter: Math.ceil((events[0]! + day - now) / 1000), limit: `${this.#limits.perDay} proposals a day` };
    }
    events.push(now);
    this.#events.set(key, events);
    return { ok: true };
  }
}
