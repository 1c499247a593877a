/**
 * The readers' signals endpoints at the HTTP door: what they count, and bad input answered with a
 * clear 4xx and nothing stored; the signals endpoints are rate-limited. Run against both stores.
 */
import { afterAll, expect, it } from 'vitest';
import { handleFeedback, handleFeedbackReport } from '../../src/lib/signals/feedback-http.ts';
import { handleSearchGaps, handleSearchSignal } from '../../src/lib/signals/search-http.ts';
import type { Store } from '../../src/lib/store/types.ts';
import { request, signalsDeps, signedInAs } from '../support/signals-fixtures.ts';
import { cleanupStores, describeEachStore } from '../support/store-fixtures.ts';

afterAll(cleanupStores);

const search = (body: unknown, headers?: Record<string, string>) => request('/api/signals/search', { body, headers });
const feedback = (body: unknown, headers?: Record<string, string>) => request('/api/signals/feedback', { body, headers });

/** Everything the signals tables hold (not the rate-limit counters, which count every request). */
async function stored(store: Store) {
  return {
    searches: await store.searchCounts({ since: new Date(0) }),
    feedback: await store.listFeedback(),
  };
}

async function expectRefused(store: Store, response: Response, status: number, message: RegExp) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  expect(((await response.json()) as { error: string }).error).toMatch(message);
  expect(await stored(store)).toEqual({ searches: [], feedback: [] });
}

describeEachStore('search signals and the gaps report', ({ store }) => {
  it('counts a search under its normalized query, per language, and answers 204 with no body', async () => {
    const deps = signalsDeps(store());
    for (const q of ['Parking  Permit', 'parking permit!', 'PARKING PERMIT']) {
      const response = await handleSearchSignal(search({ q, lang: 'en', results: 0, opened: false }), deps);
      expect(response.status).toBe(204);
      expect(await response.text()).toBe('');
    }
    await handleSearchSignal(search({ q: 'חניה', lang: 'he', results: 2, opened: true }), deps);
    expect(await store().searchCounts({ since: new Date(0) })).toEqual([
      { q: 'parking permit', lang: 'en', count: 3, zeroResults: 3, noClick: 3 },
      { q: 'חניה', lang: 'he', count: 1, zeroResults: 0, noClick: 0 },
    ]);
  });

  it('reports a query only once it was seen three times in the period, most zero-result searches first', async () => {
    const deps = signalsDeps(store());
    const send = (q: string, times: number, results: number, opened = false) =>
      Promise.all(Array.from({ length: times }, () => handleSearchSignal(search({ q, lang: 'en', results, opened }), deps)));
    await send('parking permit', 3, 0);
    await send('vpn', 4, 5);
    await send('salary slip', 2, 0);
    await send('leave', 5, 3, true);
    const response = await handleSearchGaps(request('/api/reports/search-gaps?days=30'), deps);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      queries: [
        { q: 'parking permit', lang: 'en', count: 3, zeroResults: 3, noClick: 3 },
        { q: 'vpn', lang: 'en', count: 4, zeroResults: 0, noClick: 4 },
      ],
    });
  });

  it('counts searches of earlier days only within the period asked for', async () => {
    const day = 24 * 60 * 60 * 1000;
    for (let i = 0; i < 3; i += 1) await store().recordSearch({ q: 'old gap', lang: 'en', results: 0, opened: false, at: new Date(Date.now() - 10 * day) });
    const deps = signalsDeps(store());
    expect(await (await handleSearchGaps(request('/api/reports/search-gaps?days=30'), deps)).json()).toMatchObject({ queries: [{ q: 'old gap' }] });
    expect(await (await handleSearchGaps(request('/api/reports/search-gaps?days=7'), deps)).json()).toEqual({ queries: [] });
    expect((await handleSearchGaps(request('/api/reports/search-gaps?days=zero'), deps)).status).toBe(422);
  });

  it.each([
    ['a body that is not JSON', '{"q":', 400, /not valid JSON/],
    ['no query', { lang: 'en', results: 0, opened: false }, 422, /q:/],
    ['a language that is not a language tag', { q: 'vpn', lang: 'English!', results: 0, opened: false }, 422, /lang: must be a language tag/],
    ['a negative result count', { q: 'vpn', lang: 'en', results: -1, opened: false }, 422, /results/],
    ['opened as a string', { q: 'vpn', lang: 'en', results: 1, opened: 'yes' }, 422, /opened/],
    ['a body over 8 KB', { q: 'x'.repeat(9000), lang: 'en', results: 0, opened: false }, 413, /too large/],
  ])('refuses %s and counts nothing', async (_, body, status, message) => {
    await expectRefused(store(), await handleSearchSignal(search(body), signalsDeps(store())), status, message);
  });

  it('refuses a search signal from another site, and any method but POST', async () => {
    const deps = signalsDeps(store());
    const body = { q: 'vpn', lang: 'en', results: 0, opened: false };
    await expectRefused(store(), await handleSearchSignal(search(body, { Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' }), deps), 403, /Cross-site/);
    await expectRefused(store(), await handleSearchSignal(request('/api/signals/search', { method: 'PUT', body }), deps), 405, /PUT is not supported/);
  });

  it('limits searches per minute for the whole wiki (shared by every process through the store), with Retry-After', async () => {
    let now = new Date('2026-11-23T10:00:10Z');
    const deps = signalsDeps(store(), { limits: { searchPerMinute: 3 }, now: () => now });
    const send = () => handleSearchSignal(search({ q: 'vpn', lang: 'en', results: 0, opened: false }), deps);
    for (let i = 0; i < 3; i += 1) expect((await send()).status).toBe(204);
    const refused = await send();
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('50');
    expect(((await refused.json()) as { error: string }).error).toMatch(/Too many searches in a minute \(at most 3\); try again in 50 seconds/);
    expect(await store().searchCounts({ since: new Date(0) })).toMatchObject([{ q: 'vpn', count: 3 }]);
    now = new Date('2026-11-23T10:01:00Z');
    expect((await send()).status).toBe(204);
  });
});

describeEachStore('page feedback', ({ store }) => {
  it('keeps yes/no and an optional comment for a known page, under its address however it was named', async () => {
    const deps = signalsDeps(store());
    expect((await handleFeedback(feedback({ path: '/hr/leave/', helpful: true }), deps)).status).toBe(204);
    expect((await handleFeedback(feedback({ path: 'content/hr/leave.mdx', helpful: false, comment: '  Which form do I use?  ' }), deps)).status).toBe(204);
    expect((await handleFeedback(feedback({ path: 'safety', helpful: false }), deps)).status).toBe(204);
    const rows = await store().listFeedback();
    expect(rows.map((r) => [r.path, r.helpful, r.comment])).toEqual([
      ['/safety/', false, undefined],
      ['/hr/leave/', false, 'Which form do I use?'],
      ['/hr/leave/', true, undefined],
    ]);
  });

  it.each([
    ['an unknown page', { path: '/hr/no-such-page/', helpful: true }, 404, /no page "\/hr\/no-such-page\/"/],
    ['helpful as text', { path: '/hr/leave/', helpful: 'yes' }, 422, /helpful/],
    ['no path', { helpful: true }, 422, /path/],
    ['a comment over 2000 characters', { path: '/hr/leave/', helpful: false, comment: 'x'.repeat(2001) }, 413, /comment is too long: at most 2000 characters \(it has 2001\)/],
    ['a comment with control characters', { path: '/hr/leave/', helpful: false, comment: 'bell\u0007' }, 422, /control characters/],
  ])('refuses %s and keeps nothing', async (_, body, status, message) => {
    await expectRefused(store(), await handleFeedback(feedback(body), signalsDeps(store())), status, message);
  });

  it('limits feedback per minute for the whole wiki', async () => {
    const deps = signalsDeps(store(), { limits: { feedbackPerMinute: 2 }, now: () => new Date('2026-11-23T10:00:30Z') });
    const send = () => handleFeedback(feedback({ path: '/hr/leave/', helpful: true }), deps);
    expect([(await send()).status, (await send()).status, (await send()).status]).toEqual([204, 204, 429]);
    expect(await store().listFeedback()).toHaveLength(2);
  });

  it('shows the owners (signed in) the share of "yes" and the comments of a page, and every page with feedback', async () => {
    const deps = signalsDeps(store());
    for (const helpful of [true, true, true]) await handleFeedback(feedback({ path: '/hr/leave/', helpful }), deps);
    await handleFeedback(feedback({ path: '/hr/leave/', helpful: false, comment: 'Which form do I use?' }), deps);
    await handleFeedback(feedback({ path: '/safety/fire/', helpful: false }), deps);
    expect((await handleFeedbackReport(request('/api/reports/feedback?path=/hr/leave/'), deps)).status).toBe(401);
    const who = signedInAs('owner@galil.example');
    const page = await (await handleFeedbackReport(request('/api/reports/feedback?path=/hr/leave/', { headers: who }), deps)).json();
    expect(page).toMatchObject({ path: '/hr/leave/', title: 'Annual leave', helpful: 3, notHelpful: 1, share: 0.75, comments: [{ comment: 'Which form do I use?', helpful: false }] });
    const all = await (await handleFeedbackReport(request('/api/reports/feedback', { headers: who }), deps)).json();
    expect(all).toEqual({
      pages: [
        { path: '/safety/fire/', title: 'פינוי בשריפה', helpful: 0, notHelpful: 1, share: 0, comments: 0 },
        { path: '/hr/leave/', title: 'Annual leave', helpful: 3, notHelpful: 1, share: 0.75, comments: 1 },
      ],
    });
  });
});
