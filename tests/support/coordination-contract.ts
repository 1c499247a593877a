/**
 * The contract of what service processes share (src/lib/proposals/coordination.ts): counters and
 * claims. Run against both stores (tests/unit/store-contract.test.ts) and against the in-memory
 * coordination of one process (tests/unit/proposal-coordination.test.ts), so the service's unit
 * tests, which use the latter, stand for the former.
 */
import { expect, it } from 'vitest';
import type { Coordination } from '../../src/lib/proposals/coordination.ts';

/** Defines the contract's tests; `coordination` is a fresh one in each test. */
export function coordinationContract(coordination: () => Coordination): void {
  const now = new Date();
  const inSeconds = (seconds: number) => new Date(now.getTime() + seconds * 1000);
  const hit = (key: string, window: string) => coordination().incrementCounter({ key, window, expiresAt: inSeconds(60) });

  it('counts hits per key and window, and loses none of 100 concurrent ones', async () => {
    const counts = await Promise.all(Array.from({ length: 100 }, () => hit('signals:search', 'minute:1')));
    expect(new Set(counts).size).toBe(100);
    expect(Math.max(...counts)).toBe(100);
    expect(await hit('signals:search', 'minute:2')).toBe(1);
    expect(await hit('signals:feedback', 'minute:1')).toBe(1);
    expect(await coordination().incrementCounter({ key: 'signals:search', window: 'minute:1', expiresAt: inSeconds(60), by: 5 })).toBe(105);
  });

  it('reads counters as they are, in the order asked, with 0 for none and for an expired one', async () => {
    await Promise.all([hit('p:1', 'minute:7'), hit('p:1', 'minute:7'), hit('p:1', 'minute:8'), hit('p:2', 'minute:7')]);
    await coordination().incrementCounter({ key: 'p:1', window: 'day:1', expiresAt: inSeconds(5) });
    const c = coordination();
    expect(await c.readCounters({ key: 'p:1', windows: ['minute:8', 'minute:6', 'minute:7', 'day:1'], now })).toEqual([1, 0, 2, 1]);
    expect(await c.readCounters({ key: 'p:1', windows: ['minute:7', 'day:1'], now: inSeconds(10) })).toEqual([2, 0]);
    expect(await c.readCounters({ key: 'p:3', windows: ['minute:7'] })).toEqual([0]);
    expect(await c.readCounters({ key: 'p:1', windows: [] })).toEqual([]);
  });

  it('of many simultaneous claims of one key, exactly one wins and the others see the work in flight', async () => {
    const claims = await Promise.all(Array.from({ length: 25 }, () => coordination().claim({ key: 'proposal:abc', expiresAt: inSeconds(60) })));
    expect(claims.filter((c) => c.claimed)).toHaveLength(1);
    for (const lost of claims.filter((c) => !c.claimed)) expect(lost).toEqual({ claimed: false, record: { key: 'proposal:abc', state: 'in-flight', expiresAt: inSeconds(60) } });
  });

  it('gives the result of finished work to every retry until it expires', async () => {
    const c = coordination();
    const won = await c.claim({ key: 'proposal:abc', expiresAt: inSeconds(60) });
    if (!won.claimed) throw new Error('the first claim must win');
    const result = { id: 12, url: 'https://github.com/acme/handbook/pull/12', branch: 'pinkas/hr-leave' };
    expect(await c.completeClaim({ key: 'proposal:abc', token: won.token, result, expiresAt: inSeconds(3600) })).toBe(true);
    const retry = await c.claim({ key: 'proposal:abc', expiresAt: inSeconds(60) });
    expect(retry).toEqual({ claimed: false, record: { key: 'proposal:abc', state: 'done', result, expiresAt: inSeconds(3600) } });
    expect(await c.getClaim('proposal:abc')).toEqual(retry.claimed ? undefined : retry.record);
    expect(await c.getClaim('proposal:abc', inSeconds(3601))).toBeUndefined();
    expect((await c.claim({ key: 'proposal:abc', expiresAt: inSeconds(7200), now: inSeconds(3601) })).claimed).toBe(true);
  });

  it('lets a retry claim again after the work failed and was released; a stranger’s token changes nothing', async () => {
    const c = coordination();
    const won = await c.claim({ key: 'k:1', expiresAt: inSeconds(60) });
    if (!won.claimed) throw new Error('the first claim must win');
    const stranger = '00000000-0000-4000-8000-000000000000';
    expect(await c.releaseClaim({ key: 'k:1', token: stranger })).toBe(false);
    expect(await c.renewClaim({ key: 'k:1', token: stranger, expiresAt: inSeconds(600) })).toBe(false);
    expect(await c.completeClaim({ key: 'k:1', token: stranger, result: 'x', expiresAt: inSeconds(60) })).toBe(false);
    expect(await c.releaseClaim({ key: 'k:1', token: won.token })).toBe(true);
    expect(await c.getClaim('k:1')).toBeUndefined();
    expect((await c.claim({ key: 'k:1', expiresAt: inSeconds(60) })).claimed).toBe(true);
  });

  it('lets another claim take over work that never finished; the first token can then no longer complete it', async () => {
    const c = coordination();
    const first = await c.claim({ key: 'k:2', expiresAt: inSeconds(30) });
    const second = await c.claim({ key: 'k:2', expiresAt: inSeconds(90), now: inSeconds(31) });
    if (!first.claimed || !second.claimed) throw new Error('both claims must win, one after the other');
    expect(await c.renewClaim({ key: 'k:2', token: first.token, expiresAt: inSeconds(600) })).toBe(false);
    expect(await c.completeClaim({ key: 'k:2', token: first.token, result: 1, expiresAt: inSeconds(600) })).toBe(false);
    expect(await c.completeClaim({ key: 'k:2', token: second.token, result: 2, expiresAt: inSeconds(600) })).toBe(true);
    expect((await c.getClaim('k:2'))?.result).toBe(2);
  });

  it('keeps renewed work in flight past its first expiry, and lets it expire once renewals stop', async () => {
    const c = coordination();
    const won = await c.claim({ key: 'k:3', expiresAt: inSeconds(20) });
    if (!won.claimed) throw new Error('the first claim must win');
    expect(await c.renewClaim({ key: 'k:3', token: won.token, expiresAt: inSeconds(40) })).toBe(true);
    expect(await c.claim({ key: 'k:3', expiresAt: inSeconds(60), now: inSeconds(30) })).toEqual({ claimed: false, record: { key: 'k:3', state: 'in-flight', expiresAt: inSeconds(40) } });
    expect((await c.claim({ key: 'k:3', expiresAt: inSeconds(60), now: inSeconds(41) })).claimed).toBe(true);
    // Finished work is not renewed: it keeps the expiry it was given.
    const done = await c.claim({ key: 'k:4', expiresAt: inSeconds(20) });
    if (!done.claimed) throw new Error('the first claim must win');
    await c.completeClaim({ key: 'k:4', token: done.token, result: 'ok', expiresAt: inSeconds(100) });
    expect(await c.renewClaim({ key: 'k:4', token: done.token, expiresAt: inSeconds(900) })).toBe(false);
    expect((await c.getClaim('k:4'))?.expiresAt).toEqual(inSeconds(100));
  });
}
