/**
 * The Store contract, run against SQLite and PostgreSQL alike: what the readers' signals, page
 * feedback, required reading and the shared rate limits can rely on, whichever store is configured.
 */
import { afterAll, expect, it } from 'vitest';
import { StoreInputError } from '../../src/lib/store/schema.ts';
import { coordinationContract } from '../support/coordination-contract.ts';
import { cleanupStores, describeEachStore } from '../support/store-fixtures.ts';

afterAll(cleanupStores);

const DAY = 24 * 60 * 60 * 1000;
const now = new Date();
const daysAgo = (days: number) => new Date(now.getTime() - days * DAY);
const inSeconds = (seconds: number) => new Date(now.getTime() + seconds * 1000);
const HASH1 = '1'.repeat(40);
const HASH2 = 'b'.repeat(64);

describeEachStore("readers' search signals", ({ store, kind, env }) => {
  const search = (q: string, lang: string, results: number, opened: boolean, times = 1, at = now) =>
    Promise.all(Array.from({ length: times }, () => store().recordSearch({ q, lang, results, opened, at })));

  it('counts each search in one row per day, query and language, with its zero-result and no-click counts', async () => {
    await search('parking', 'en', 0, false, 3);
    await search('parking', 'en', 2, true);
    await search('חניה', 'he', 0, false);
    await search('leave', 'en', 5, true, 2);
    expect(await store().searchCounts({ since: daysAgo(1) })).toEqual([
      { q: 'parking', lang: 'en', count: 4, zeroResults: 3, noClick: 3 },
      { q: 'חניה', lang: 'he', count: 1, zeroResults: 1, noClick: 1 },
      { q: 'leave', lang: 'en', count: 2, zeroResults: 0, noClick: 0 },
    ]);
    const rows = await kind.raw(env(), 'SELECT * FROM search_queries');
    expect(rows).toHaveLength(3);
  });

  it('adds up the days of the period and leaves out the days before it', async () => {
    await search('vpn', 'en', 0, false, 2, daysAgo(10));
    await search('vpn', 'en', 0, true, 1, daysAgo(2));
    await search('vpn', 'en', 1, true, 1, now);
    expect(await store().searchCounts({ since: daysAgo(5) })).toEqual([{ q: 'vpn', lang: 'en', count: 2, zeroResults: 1, noClick: 0 }]);
    expect(await store().searchCounts({ since: daysAgo(30) })).toEqual([{ q: 'vpn', lang: 'en', count: 4, zeroResults: 3, noClick: 2 }]);
  });

  it('leaves out queries seen fewer times than asked, so that one person’s search is never shown', async () => {
    await search('salary of dana', 'en', 0, false, 2);
    await search('expenses', 'en', 0, false, 3);
    expect((await store().searchCounts({ since: daysAgo(1), minCount: 3 })).map((q) => q.q)).toEqual(['expenses']);
  });

  it('lists the queries that found nothing most often first, then those that led nowhere, within the limit', async () => {
    await search('a', 'en', 3, false, 5);
    await search('b', 'en', 0, false, 2);
    await search('c', 'en', 0, true, 2);
    await search('d', 'en', 1, true, 9);
    const gaps = await store().searchCounts({ since: daysAgo(1), limit: 3 });
    expect(gaps.map((q) => q.q)).toEqual(['b', 'c', 'a']);
  });

  it('keeps the query, its language, the day and the counts — no person, address or time of day', async () => {
    await search('holiday', 'en', 0, false);
    const [row] = await kind.raw(env(), 'SELECT * FROM search_queries');
    expect(Object.keys(row!).sort()).toEqual(['day', 'lang', 'no_clicks', 'query', 'searches', 'zero_results']);
  });
});

describeEachStore('page feedback', ({ store }) => {
  it('records yes and no with an optional comment, and lists them newest first', async () => {
    const first = await store().addFeedback({ path: 'hr/leave', helpful: true, at: daysAgo(2) });
    const second = await store().addFeedback({ path: 'hr/leave', helpful: false, comment: '  Which form do I use?  ', at: daysAgo(1) });
    expect(first).toEqual({ id: expect.any(Number), path: 'hr/leave', helpful: true, at: daysAgo(2) });
    expect(second).toEqual({ id: expect.any(Number), path: 'hr/leave', helpful: false, comment: 'Which form do I use?', at: daysAgo(1) });
    expect(await store().listFeedback()).toEqual([second, first]);
  });

  it('treats a blank comment as no comment', async () => {
    const feedback = await store().addFeedback({ path: 'hr/leave', helpful: false, comment: ' \n ' });
    expect(feedback).not.toHaveProperty('comment');
  });

  it('chooses by page and by time, and keeps to the limit', async () => {
    await store().addFeedback({ path: 'hr/leave', helpful: true, at: daysAgo(40) });
    await store().addFeedback({ path: 'hr/leave', helpful: false, at: daysAgo(3) });
    await store().addFeedback({ path: 'it/vpn', helpful: true, at: daysAgo(1) });
    expect((await store().listFeedback({ path: 'hr/leave' })).map((f) => f.at)).toEqual([daysAgo(3), daysAgo(40)]);
    expect((await store().listFeedback({ since: daysAgo(30) })).map((f) => f.path)).toEqual(['it/vpn', 'hr/leave']);
    expect(await store().listFeedback({ limit: 1 })).toHaveLength(1);
  });

  it('totals each page: helpful, not helpful and comments, over all time or a period', async () => {
    await store().addFeedback({ path: 'hr/leave', helpful: true, at: daysAgo(60) });
    await store().addFeedback({ path: 'hr/leave', helpful: true });
    await store().addFeedback({ path: 'hr/leave', helpful: false, comment: 'Out of date' });
    await store().addFeedback({ path: 'it/vpn', helpful: false });
    expect(await store().feedbackTotals()).toEqual([
      { path: 'hr/leave', helpful: 2, notHelpful: 1, comments: 1 },
      { path: 'it/vpn', helpful: 0, notHelpful: 1, comments: 0 },
    ]);
    expect(await store().feedbackTotals({ since: daysAgo(30) })).toContainEqual({ path: 'hr/leave', helpful: 1, notHelpful: 1, comments: 1 });
  });
});

describeEachStore('required reading', ({ store, kind, env }) => {
  const dana = { email: 'dana@galil.example', name: 'Dana Levi' };
  const yossi = { email: 'yossi@galil.example', name: 'יוסי כהן' };

  it('appends acknowledgements — a correction is a new row — and lists them oldest first, by page or by person', async () => {
    const a1 = await store().addAcknowledgement({ path: 'safety/ladders', revision: 1, contentHash: HASH1, ...dana, at: daysAgo(9) });
    const a2 = await store().addAcknowledgement({ path: 'safety/ladders', revision: 2, contentHash: HASH2, ...dana, at: daysAgo(2) });
    const b1 = await store().addAcknowledgement({ path: 'safety/ladders', revision: 2, contentHash: HASH2, ...yossi, at: daysAgo(1) });
    const c1 = await store().addAcknowledgement({ path: 'hr/leave', revision: 7, contentHash: HASH1, email: 'Dana@Galil.example', name: 'Dana Levi', at: daysAgo(5) });
    expect(a1).toEqual({ id: expect.any(Number), path: 'safety/ladders', revision: 1, contentHash: HASH1, ...dana, at: daysAgo(9) });
    expect(c1.email).toBe('dana@galil.example');
    expect(await store().listAcknowledgements({ path: 'safety/ladders' })).toEqual([a1, a2, b1]);
    expect(await store().listAcknowledgements({ email: 'DANA@galil.example' })).toEqual([a1, c1, a2]);
    expect(await store().listAcknowledgements({ path: 'hr/leave', email: yossi.email })).toEqual([]);
  });

  it('refuses to change or delete an acknowledgement, even by SQL beside the store', async () => {
    await store().addAcknowledgement({ path: 'safety/ladders', revision: 1, contentHash: HASH1, ...dana });
    await expect(kind.raw(env(), "UPDATE acknowledgements SET revision = 2, email = 'x@y.example'")).rejects.toThrow(/append-only/);
    await expect(kind.raw(env(), 'DELETE FROM acknowledgements')).rejects.toThrow(/append-only/);
    expect(await store().listAcknowledgements()).toMatchObject([{ revision: 1, email: dana.email }]);
  });

  it('learns people as they sign in, with their groups, and keeps what a later sign-in does not say', async () => {
    const first = await store().upsertPerson({ email: 'Dana@Galil.example', name: 'Dana', groups: ['staff', 'safety', 'staff'], seenAt: daysAgo(3) });
    expect(first).toEqual({ email: 'dana@galil.example', name: 'Dana', groups: ['safety', 'staff'], seenAt: daysAgo(3) });
    await store().upsertPerson({ ...dana, groups: ['staff'], seenAt: daysAgo(1) });
    expect(await store().getPerson(dana.email)).toEqual({ ...dana, groups: ['staff'], seenAt: daysAgo(1) });
    await store().upsertPerson({ ...dana, seenAt: now });
    expect(await store().getPerson('DANA@galil.example')).toEqual({ ...dana, groups: ['staff'], seenAt: now });
    expect(await store().getPerson('nobody@galil.example')).toBeUndefined();
  });

  it('imports a roster in one go, keeping when people last signed in; one bad row imports nothing', async () => {
    await store().upsertPerson({ ...dana, groups: ['staff'], seenAt: daysAgo(1) });
    expect(await store().importPeople([{ ...dana, groups: ['staff', 'forklift'] }, { ...yossi, groups: ['staff'] }])).toEqual({ imported: 2 });
    expect(await store().listPeople()).toEqual([
      { ...dana, groups: ['forklift', 'staff'], seenAt: daysAgo(1) },
      { ...yossi, groups: ['staff'] },
    ]);
    const bad = [{ email: 'rina@galil.example', name: 'Rina', groups: ['staff'] }, { email: 'not an address', name: 'X', groups: [] }];
    await expect(store().importPeople(bad)).rejects.toThrow(/1\.email/);
    expect(await store().getPerson('rina@galil.example')).toBeUndefined();
  });

  it('finds an audience: everyone in any of its groups, once each', async () => {
    await store().importPeople([
      { ...dana, groups: ['safety', 'staff'] },
      { ...yossi, groups: ['staff'] },
      { email: 'rina@galil.example', name: 'Rina', groups: ['finance'] },
      { email: 'avi@galil.example', name: 'Avi', groups: [] },
    ]);
    expect((await store().listPeople({ groups: ['safety', 'staff'] })).map((p) => p.email)).toEqual([dana.email, yossi.email]);
    expect((await store().listPeople({ groups: ['finance'] })).map((p) => p.name)).toEqual(['Rina']);
    expect(await store().listPeople({ groups: ['nobody'] })).toEqual([]);
    expect(await store().listPeople()).toHaveLength(4);
  });
});

describeEachStore('shared counters and claims', ({ store }) => {
  coordinationContract(store);

  const hit = (key: string, window: string) => store().incrementCounter({ key, window, expiresAt: inSeconds(60) });

  it('deletes expired counters and claims, and only those', async () => {
    await store().incrementCounter({ key: 'a', window: 'w', expiresAt: inSeconds(10) });
    await store().incrementCounter({ key: 'b', window: 'w', expiresAt: inSeconds(100) });
    await store().claim({ key: 'c:1', expiresAt: inSeconds(10) });
    await store().claim({ key: 'c:2', expiresAt: inSeconds(100) });
    expect(await store().deleteExpired(inSeconds(50))).toEqual({ counters: 1, claims: 1 });
    expect(await hit('a', 'w')).toBe(1);
    expect(await hit('b', 'w')).toBe(2);
  });
});

describeEachStore('retention and bad input', ({ store }) => {
  it('deletes search counts and feedback older than the cutoff, never acknowledgements or people', async () => {
    await store().recordSearch({ q: 'old', lang: 'en', results: 0, opened: false, at: daysAgo(200) });
    await store().recordSearch({ q: 'new', lang: 'en', results: 0, opened: false, at: daysAgo(10) });
    await store().addFeedback({ path: 'hr/leave', helpful: true, at: daysAgo(200) });
    await store().addFeedback({ path: 'hr/leave', helpful: false, at: daysAgo(10) });
    await store().addAcknowledgement({ path: 'hr/leave', revision: 1, contentHash: HASH1, email: 'dana@galil.example', name: 'Dana', at: daysAgo(400) });
    await store().upsertPerson({ email: 'dana@galil.example', name: 'Dana', groups: ['staff'], seenAt: daysAgo(400) });
    expect(await store().deleteSignalsBefore(daysAgo(180))).toEqual({ searchCounts: 1, feedback: 1 });
    expect((await store().searchCounts({ since: daysAgo(365) })).map((q) => q.q)).toEqual(['new']);
    expect(await store().listFeedback()).toHaveLength(1);
    expect(await store().listAcknowledgements()).toHaveLength(1);
    expect(await store().listPeople()).toHaveLength(1);
  });

  it('knows a person by an intranet address without a dot in its domain (the dev sign-in default)', async () => {
    expect(await store().upsertPerson({ email: 'Developer@localhost', name: 'Pinkas Developer' })).toMatchObject({ email: 'developer@localhost' });
  });

  it('refuses a comment over 2000 characters as too large, and stores nothing', async () => {
    const error = await store()
      .addFeedback({ path: 'hr/leave', helpful: false, comment: 'x'.repeat(2001) })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreInputError);
    expect(error).toMatchObject({ tooLarge: true, issues: [{ field: 'comment', code: 'too_big' }] });
    expect(await store().listFeedback()).toEqual([]);
  });

  it.each([
    ['a search without a query', () => store().recordSearch({ q: '  ', lang: 'en', results: 0, opened: false }), 'q'],
    ['a query with control characters', () => store().recordSearch({ q: 'a\u0000b', lang: 'en', results: 0, opened: false }), 'q'],
    ['a made-up language', () => store().recordSearch({ q: 'a', lang: 'English!', results: 0, opened: false }), 'lang'],
    ['a negative result count', () => store().recordSearch({ q: 'a', lang: 'en', results: -1, opened: false }), 'results'],
    ['a field the store does not know', () => store().recordSearch({ q: 'a', lang: 'en', results: 0, opened: false, ip: '10.0.0.1' } as never), ''],
    ['feedback without a page', () => store().addFeedback({ path: '', helpful: true }), 'path'],
    ['feedback that is not yes or no', () => store().addFeedback({ path: 'a', helpful: 'yes' as never }), 'helpful'],
    ['an acknowledgement of revision 0', () => store().addAcknowledgement({ path: 'a', revision: 0, contentHash: HASH1, email: 'a@b.example', name: 'A' }), 'revision'],
    ['an acknowledgement without a content hash', () => store().addAcknowledgement({ path: 'a', revision: 1, contentHash: 'abc', email: 'a@b.example', name: 'A' }), 'contentHash'],
    ['a person without an address', () => store().upsertPerson({ email: 'dana', name: 'Dana' }), 'email'],
    ['a person whose address has a space', () => store().upsertPerson({ email: 'dana levi@galil.example', name: 'Dana' }), 'email'],
    ['a counter key with spaces', () => store().incrementCounter({ key: 'a b', window: 'w', expiresAt: now }), 'key'],
    ['a claim with an invalid date', () => store().claim({ key: 'k', expiresAt: new Date('no') }), 'expiresAt'],
    ['a renewal without a token', () => store().renewClaim({ key: 'k', token: 'mine', expiresAt: now }), 'token'],
    ['a counter read of a window with spaces', () => store().readCounters({ key: 'k', windows: ['a b'] }), 'windows.0'],
    ['a result that is not JSON', () => store().completeClaim({ key: 'k', token: '00000000-0000-4000-8000-000000000000', result: () => 1, expiresAt: now }), 'result'],
  ])('refuses %s', async (_what, call, field) => {
    const error = await call().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreInputError);
    expect((error as StoreInputError).issues.map((i) => i.field)).toContain(field);
  });
});
