/**
 * Private by design: a search or a feedback answer sent by a signed-in reader, with cookies, an
 * address behind a proxy and a browser's user agent, leaves nothing in the store that could say
 * who sent it. Every table is read directly, beside the store.
 */
import { afterAll, expect, it } from 'vitest';
import { handleFeedback } from '../../src/lib/signals/feedback-http.ts';
import { handleSearchSignal } from '../../src/lib/signals/search-http.ts';
import { request, signalsDeps } from '../support/signals-fixtures.ts';
import { cleanupStores, describeEachStore } from '../support/store-fixtures.ts';

afterAll(cleanupStores);

const IDENTIFYING = {
  'X-Forwarded-Email': 'dana.levi@galil.example',
  'X-Forwarded-User': 'dana-levi-7',
  'X-Forwarded-Groups': 'warehouse-night-shift',
  'X-Forwarded-For': '203.0.113.77',
  'X-Real-IP': '198.51.100.23',
  Cookie: 'pinkas_session=secret-session-value; tracking=visitor-4711',
  'User-Agent': 'Mozilla/5.0 (Dana-Laptop-Fingerprint)',
};
const tokens = ['dana', 'galil', 'warehouse', '203.0.113', '198.51.100', 'secret-session', 'visitor-4711', 'fingerprint', 'mozilla'];

describeEachStore('nothing identifying is stored with a signal', ({ kind, env, store }) => {
  it('keeps only the normalized query, its day and counts; the page, the answer and the comment', async () => {
    const deps = signalsDeps(store());
    expect((await handleSearchSignal(request('/api/signals/search', { body: { q: 'Forklift battery', lang: 'en', results: 0, opened: false }, headers: IDENTIFYING }), deps)).status).toBe(204);
    expect((await handleFeedback(request('/api/signals/feedback', { body: { path: '/hr/leave/', helpful: false, comment: 'The form link is broken.' }, headers: IDENTIFYING }), deps)).status).toBe(204);

    const listTables = kind.name === 'SQLite' ? "SELECT name AS table_name FROM sqlite_master WHERE type = 'table'" : "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'";
    const tables = (await kind.raw(env(), listTables)).map((r) => String(r.table_name));
    expect(tables).toEqual(expect.arrayContaining(['search_queries', 'feedback', 'people', 'person_groups', 'acknowledgements', 'rate_counters', 'idempotency']));
    const everything: Record<string, unknown[]> = {};
    for (const table of tables.filter((t) => t !== 'schema_migrations' && !t.startsWith('sqlite_'))) everything[table] = await kind.raw(env(), `SELECT * FROM ${table}`);
    const text = JSON.stringify(everything).toLowerCase();
    for (const token of tokens) expect(text, `the store holds "${token}"`).not.toContain(token);

    expect(everything.search_queries).toEqual([expect.objectContaining({ query: 'forklift battery', lang: 'en', searches: 1, zero_results: 1, no_clicks: 1 })]);
    expect(Object.keys(everything.search_queries![0] as object).sort()).toEqual(['day', 'lang', 'no_clicks', 'query', 'searches', 'zero_results']);
    expect(everything.feedback).toEqual([expect.objectContaining({ path: '/hr/leave/', comment: 'The form link is broken.' })]);
    expect(Object.keys(everything.feedback![0] as object).sort()).toEqual(['at', 'comment', 'helpful', 'id', 'path']);
    // Nobody was learned: signals never look at who sends them.
    expect([everything.people, everything.person_groups, everything.acknowledgements]).toEqual([[], [], []]);
    // The rate limits count per endpoint, not per person.
    expect((everything.rate_counters as { key: string }[]).map((r) => r.key).sort()).toEqual(['signals:feedback', 'signals:search']);
  });
});
