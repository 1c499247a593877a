/**
 * What one service process shares with itself when it has no store: the in-memory coordination
 * keeps the store's contract (tests/support/coordination-contract.ts), and the rate limit over
 * any coordination counts a sliding window, refusing the one proposal too many and saying when
 * the next fits.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { MemoryCoordination } from '../../src/lib/proposals/coordination.ts';
import { estimate, secondsUntilRoom, takeProposalSlot } from '../../src/lib/proposals/rate-limit.ts';
import { coordinationContract } from '../support/coordination-contract.ts';

describe('the in-memory coordination of one process', () => {
  let coordination: MemoryCoordination;
  beforeEach(() => {
    coordination = new MemoryCoordination();
  });
  coordinationContract(() => coordination);
});

describe('the proposals rate limit', () => {
  const limits = { perMinute: 3, perDay: 5 };
  const at = (iso: string) => new Date(iso);
  let counters: MemoryCoordination;
  beforeEach(() => {
    counters = new MemoryCoordination();
  });
  const take = (iso: string, key = 'proposals:dana') => takeProposalSlot(counters, key, limits, at(iso));

  it('lets the limit through in a minute and refuses the next, without counting the refusal', async () => {
    for (const second of ['10', '20', '30']) expect(await take(`2026-03-01T10:00:${second}Z`)).toEqual({ ok: true });
    // This minute is full; the next one at 20 s has room (3 × 2/3 + 1 = 3): 40 s on.
    expect(await take('2026-03-01T10:00:40Z')).toEqual({ ok: false, retryAfter: 40, limit: '3 proposals a minute' });
    // Someone else is counted apart.
    expect(await take('2026-03-01T10:00:41Z', 'proposals:yossi')).toEqual({ ok: true });
    // At 10:01:27 the minute before weighs 55 %: 3 × 0.55 + 1 = 2.65, room for one.
    expect(await take('2026-03-01T10:01:27Z')).toEqual({ ok: true });
  });

  it('does not let twice the limit through around the turn of a minute', async () => {
    for (const second of ['57', '58', '59']) expect((await take(`2026-03-01T10:00:${second}Z`)).ok).toBe(true);
    const verdict = await take('2026-03-01T10:01:01Z');
    expect(verdict).toMatchObject({ ok: false, limit: '3 proposals a minute' });
    // The minute before weighs 1 − 1/60; it must fall to two thirds, 20 s into the minute: 19 s on.
    expect(verdict.ok ? 0 : verdict.retryAfter).toBe(19);
  });

  it('keeps a day limit across its minutes, and says when the day frees a place', async () => {
    for (const time of ['01:00', '02:00', '03:00', '04:00', '05:00']) expect((await take(`2026-03-01T${time}:00Z`)).ok).toBe(true);
    expect(await take('2026-03-01T12:00:00Z')).toEqual({ ok: false, retryAfter: 12 * 3600 + 0.2 * 24 * 3600, limit: '5 proposals a day' });
  });

  it('estimates the window from two fixed ones, and waits until one more fits', () => {
    expect(estimate(4, 1, 0.25)).toBe(4);
    // Later in this window, as the previous one fades: 4 × (1 − f) + 2 ≤ 3 from f = 0.75.
    expect(secondsUntilRoom(4, 1, 0.25, 60_000, 3)).toBe(30);
    // Or only in the next, when this one is full: 3 × (1 − g) + 1 ≤ 3 from g = 1/3.
    expect(secondsUntilRoom(0, 3, 0.5, 60_000, 3)).toBe(50);
  });
});
