/**
 * What the proposal service shares with every other process of the same wiki: the counters of its
 * rate limit and the claims that make one submit run once (submit-claims.ts). The store
 * (src/lib/store/, SQLite or PostgreSQL) is one; `MemoryCoordination` is another, for one process
 * alone (the tests, the scripts, a service given no store). Both pass one contract suite
 * (tests/support/coordination-contract.ts).
 */
import { randomUUID } from 'node:crypto';
import type { Claim, IdempotencyRecord, Store } from '../store/types.ts';

export type Coordination = Pick<Store, 'incrementCounter' | 'readCounters' | 'claim' | 'completeClaim' | 'renewClaim' | 'releaseClaim' | 'getClaim'>;

interface Counter {
  hits: number;
  expiresAt: number;
}

interface ClaimRow {
  state: IdempotencyRecord['state'];
  owner: string;
  result?: unknown;
  expiresAt: number;
}

/** JSON in, a copy out: what a database would give back. */
const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** The counters and claims of one process, in memory, with the store's semantics. */
export class MemoryCoordination implements Coordination {
  readonly #counters = new Map<string, Counter>();
  readonly #claims = new Map<string, ClaimRow>();
  readonly #now: () => Date;

  constructor(options: { now?: () => Date } = {}) {
    this.#now = options.now ?? (() => new Date());
  }

  async incrementCounter(hit: { key: string; window: string; expiresAt: Date; by?: number | undefined }): Promise<number> {
    const id = JSON.stringify([hit.key, hit.window]);
    const counter = this.#counters.get(id) ?? { hits: 0, expiresAt: hit.expiresAt.getTime() };
    counter.hits += hit.by ?? 1;
    this.#counters.set(id, counter);
    return counter.hits;
  }

  async readCounters(read: { key: string; windows: string[]; now?: Date | undefined }): Promise<number[]> {
    const now = (read.now ?? this.#now()).getTime();
    return read.windows.map((window) => {
      const counter = this.#counters.get(JSON.stringify([read.key, window]));
      return counter && counter.expiresAt > now ? counter.hits : 0;
    });
  }

  async claim(request: { key: string; expiresAt: Date; now?: Date | undefined }): Promise<Claim> {
    const now = (request.now ?? this.#now()).getTime();
    const row = this.#claims.get(request.key);
    if (row && row.expiresAt > now) return { claimed: false, record: this.#record(request.key, row) };
    const token = randomUUID();
    this.#claims.set(request.key, { state: 'in-flight', owner: token, expiresAt: request.expiresAt.getTime() });
    return { claimed: true, token };
  }

  async completeClaim(c: { key: string; token: string; result: unknown; expiresAt: Date }): Promise<boolean> {
    const row = this.#owned(c.key, c.token);
    if (!row) return false;
    Object.assign(row, { state: 'done', result: copy(c.result), expiresAt: c.expiresAt.getTime() });
    return true;
  }

  async renewClaim(c: { key: string; token: string; expiresAt: Date }): Promise<boolean> {
    const row = this.#owned(c.key, c.token);
    if (row) row.expiresAt = c.expiresAt.getTime();
    return row !== undefined;
  }

  async releaseClaim(c: { key: string; token: string }): Promise<boolean> {
    return this.#owned(c.key, c.token) !== undefined && this.#claims.delete(c.key);
  }

  async getClaim(key: string, at?: Date): Promise<IdempotencyRecord | undefined> {
    const row = this.#claims.get(key);
    return row && row.expiresAt > (at ?? this.#now()).getTime() ? this.#record(key, row) : undefined;
  }

  /** The unfinished claim of `key` if `token` holds it (whether or not it expired, as in the store). */
  #owned(key: string, token: string): ClaimRow | undefined {
    const row = this.#claims.get(key);
    return row && row.owner === token && row.state === 'in-flight' ? row : undefined;
  }

  #record(key: string, row: ClaimRow): IdempotencyRecord {
    return { key, state: row.state, ...(row.result === undefined ? {} : { result: copy(row.result) }), expiresAt: new Date(row.expiresAt) };
  }
}
