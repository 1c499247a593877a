/**
 * Required reading over HTTP: acknowledging the current revision signed in, the report of who has
 * and who has not (JSON and CSV), the reading list, minor changes, and bad input refused with a
 * clear 4xx and nothing stored. Run against both stores.
 */
import { parse } from 'csv-parse/sync';
import { afterAll, expect, it } from 'vitest';
import { handleAcknowledgements, handleReading } from '../../src/lib/signals/reading-http.ts';
import { buildManifest, PageIndex } from '../../src/lib/signals/manifest.ts';
import type { Store } from '../../src/lib/store/types.ts';
import { devIdentity, FORKLIFT_HASH, request, samplePages, signalsDeps, signedInAs } from '../support/signals-fixtures.ts';
import { cleanupStores, describeEachStore } from '../support/store-fixtures.ts';

afterAll(cleanupStores);

const dana = signedInAs('Dana@galil.example', ['warehouse', 'drivers'], 'Dana Levi');
const avi = signedInAs('avi@galil.example', ['Warehouse'], 'Avi Cohen');
const noa = signedInAs('noa@galil.example', ['hr'], 'Noa Shapiro');
const ack = (body: unknown, headers: Record<string, string> = dana) => request('/api/acknowledgements', { body, headers });
const report = (path: string, headers: Record<string, string> = noa) => request(`/api/acknowledgements?path=${encodeURIComponent(path)}`, { headers });

async function expectRefused(store: Store, response: Response, status: number, message: RegExp) {
  expect(response.status).toBe(status);
  const body = (await response.json()) as { error: string; details?: unknown };
  expect(body.error).toMatch(message);
  expect(await store.listAcknowledgements()).toEqual([]);
  return body;
}

describeEachStore('acknowledging a page', ({ store }) => {
  it('records who acknowledged which revision (number and content hash) and when, and answers 201', async () => {
    const at = new Date('2026-11-23T09:15:00Z');
    const response = await handleAcknowledgements(ack({ path: '/safety/forklift/', revision: 3 }), signalsDeps(store(), { now: () => at }));
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ path: '/safety/forklift/', revision: 3, contentHash: FORKLIFT_HASH, email: 'dana@galil.example', name: 'Dana Levi', at: at.toISOString() });
    expect(await store().listAcknowledgements()).toMatchObject([{ path: '/safety/forklift/', revision: 3, contentHash: FORKLIFT_HASH, email: 'dana@galil.example', name: 'Dana Levi', at }]);
    // The person was learned, with the groups the proxy sent.
    expect(await store().getPerson('dana@galil.example')).toMatchObject({ name: 'Dana Levi', groups: ['drivers', 'warehouse'] });
  });

  it('answers a repeated acknowledgement of the same revision with the first one, adding no row', async () => {
    const deps = signalsDeps(store());
    expect((await handleAcknowledgements(ack({ path: 'safety/forklift', revision: 3 }), deps)).status).toBe(201);
    expect((await handleAcknowledgements(ack({ path: 'content/safety/forklift.md', revision: 3 }), deps)).status).toBe(200);
    expect(await store().listAcknowledgements()).toHaveLength(1);
  });

  it('refuses a revision that is not the current one with 409 and the current revision', async () => {
    const body = await expectRefused(store(), await handleAcknowledgements(ack({ path: '/safety/forklift/', revision: 2 }), signalsDeps(store())), 409, /Revision 2 of \/safety\/forklift\/ is not the current one: the current revision is 3/);
    expect(body.details).toEqual({ revision: 3 });
  });

  it.each([
    ['a revision that is not a number', { path: '/safety/forklift/', revision: 'three' }, 422, /revision: expected the revision number/],
    ['revision zero', { path: '/safety/forklift/', revision: 0 }, 422, /revision: expected a revision number from 1 up/],
    ['a fractional revision', { path: '/safety/forklift/', revision: 2.5 }, 422, /revision/],
    ['no path', { revision: 3 }, 422, /path/],
    ['an unknown page', { path: '/safety/no-such-page/', revision: 1 }, 404, /no page "\/safety\/no-such-page\/"/],
    ['a page that asks nobody to acknowledge it', { path: '/hr/leave/', revision: 2 }, 422, /does not ask its readers to acknowledge it/],
    ['a folder page without a file', { path: '/safety/', revision: 1 }, 422, /does not ask/],
  ])('refuses %s and records nothing', async (_, body, status, message) => {
    await expectRefused(store(), await handleAcknowledgements(ack(body), signalsDeps(store())), status, message);
  });

  it('refuses an acknowledgement without a signed-in person (no proxy headers) with 401', async () => {
    await expectRefused(store(), await handleAcknowledgements(ack({ path: '/safety/forklift/', revision: 3 }, {}), signalsDeps(store())), 401, /not signed in/);
    expect(await store().listPeople()).toEqual([]);
  });

  it('refuses an acknowledgement from another site', async () => {
    const request = ack({ path: '/safety/forklift/', revision: 3 }, { ...dana, Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' });
    await expectRefused(store(), await handleAcknowledgements(request, signalsDeps(store())), 403, /Cross-site/);
  });

  it('limits acknowledgements per person and minute', async () => {
    const deps = signalsDeps(store(), { limits: { acknowledgementsPerMinute: 2 }, now: () => new Date('2026-11-23T10:00:30Z') });
    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await handleAcknowledgements(ack({ path: '/safety/fire/', revision: 1 }), deps)).status);
    expect(statuses).toEqual([201, 200, 429]);
    expect((await handleAcknowledgements(ack({ path: '/safety/fire/', revision: 1 }, avi), deps)).status).toBe(201);
  });
});

describeEachStore('who has read a page, and who has not', ({ store }) => {
  it('lists the acknowledged and the known members of the audience still pending, signed in', async () => {
    const deps = signalsDeps(store());
    await store().importPeople([{ email: 'ruth@galil.example', name: 'Ruth Amar', groups: ['warehouse'] }, { email: 'noa@galil.example', name: 'Noa Shapiro', groups: ['hr'] }]);
    await handleAcknowledgements(ack({ path: '/safety/forklift/', revision: 3 }), deps);
    await handleReading(request('/api/reading', { headers: avi }), deps);
    expect((await handleAcknowledgements(report('/safety/forklift/', {}), deps)).status).toBe(401);
    const response = await handleAcknowledgements(report('/safety/forklift/'), deps);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      revision: 3,
      acknowledged: [{ email: 'dana@galil.example', name: 'Dana Levi', revision: 3, at: expect.any(String) }],
      pending: [
        { email: 'avi@galil.example', name: 'Avi Cohen' },
        { email: 'ruth@galil.example', name: 'Ruth Amar' },
      ],
    });
  });

  it('gives auditors the same report as CSV, by Accept: text/csv or the .csv address', async () => {
    const deps = signalsDeps(store());
    await store().importPeople([{ email: 'ruth@galil.example', name: '=HYPERLINK("x")', groups: ['warehouse'] }]);
    await handleAcknowledgements(ack({ path: '/safety/forklift/', revision: 3 }), deps);
    for (const response of [
      await handleAcknowledgements(request('/api/acknowledgements?path=/safety/forklift/', { headers: { ...noa, Accept: 'text/csv' } }), deps),
      await handleAcknowledgements(report('/safety/forklift/'), deps, { csv: true }),
    ]) {
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(response.headers.get('content-disposition')).toBe('attachment; filename="acknowledgements-safety-forklift-r3.csv"');
      const rows = parse(await response.text(), { columns: true }) as Record<string, string>[];
      expect(rows).toEqual([
        { page: '/safety/forklift/', title: 'Forklift safety', current_revision: '3', status: 'acknowledged', email: 'dana@galil.example', name: 'Dana Levi', acknowledged_revision: '3', acknowledged_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) },
        // A name a spreadsheet would run as a formula is kept as text.
        { page: '/safety/forklift/', title: 'Forklift safety', current_revision: '3', status: 'pending', email: 'ruth@galil.example', name: `'=HYPERLINK("x")`, acknowledged_revision: '', acknowledged_at: '' },
      ]);
    }
  });

  it('asks again after a new revision, but not after one marked minor', async () => {
    const deps = signalsDeps(store());
    await handleAcknowledgements(ack({ path: '/safety/forklift/', revision: 3 }), deps);
    await store().addAcknowledgement({ path: '/safety/forklift/', revision: 2, contentHash: 'd'.repeat(40), email: 'avi@galil.example', name: 'Avi Cohen' });
    await store().addAcknowledgement({ path: '/safety/forklift/', revision: 1, contentHash: 'e'.repeat(40), email: 'ruth@galil.example', name: 'Ruth Amar' });
    // Revision 3 was minor: Avi's acknowledgement of revision 2 counts, Ruth's of revision 1 does not.
    expect(await (await handleAcknowledgements(report('/safety/forklift/'), deps)).json()).toMatchObject({ revision: 3, acknowledged: [{ email: 'avi@galil.example', revision: 2 }, { email: 'dana@galil.example', revision: 3 }] });
    // A fourth revision, not minor: everyone is asked again.
    const pages = samplePages.map((p) => (p.slug === 'safety/forklift' ? { ...p, revisions: [{ commit: 'c6' }, ...p.revisions], contentHash: 'f'.repeat(40) } : p));
    const rebuilt = signalsDeps(store(), { index: new PageIndex(buildManifest({ base: '/', pages, minorCommits: new Set(['c5']) })) });
    expect(await (await handleAcknowledgements(report('/safety/forklift/'), rebuilt)).json()).toMatchObject({ revision: 4, acknowledged: [] });
    expect((await handleAcknowledgements(ack({ path: '/safety/forklift/', revision: 3 }), rebuilt)).status).toBe(409);
    expect((await handleAcknowledgements(ack({ path: '/safety/forklift/', revision: 4 }), rebuilt)).status).toBe(201);
  });

  it('lists the signed-in person their required pages, unread first', async () => {
    const deps = signalsDeps(store());
    await handleAcknowledgements(ack({ path: '/safety/fire/', revision: 1 }), deps);
    const answer = await (await handleReading(request('/api/reading', { headers: dana }), deps)).json();
    expect(answer).toEqual({
      user: { email: 'dana@galil.example', name: 'Dana Levi' },
      groups: ['drivers', 'warehouse'],
      pages: [
        { path: '/safety/forklift/', title: 'Forklift safety', lang: 'en', revision: 3, acknowledgedRevision: null, acknowledgedAt: null, done: false },
        { path: '/safety/fire/', title: 'פינוי בשריפה', lang: 'he', revision: 1, acknowledgedRevision: 1, acknowledgedAt: expect.any(String), done: true },
      ],
    });
    // Noa (hr) must read only what everyone must read.
    expect(((await (await handleReading(request('/api/reading', { headers: noa }), deps)).json()) as { pages: { path: string }[] }).pages.map((p) => p.path)).toEqual(['/safety/fire/']);
    expect((await handleReading(request('/api/reading'), deps)).status).toBe(401);
  });

  it('keeps the groups of the roster for a person whose sign-in proxy sends none', async () => {
    const deps = signalsDeps(store());
    await store().importPeople([{ email: 'ruth@galil.example', name: 'Ruth Amar', groups: ['warehouse'] }]);
    const answer = (await (await handleReading(request('/api/reading', { headers: signedInAs('ruth@galil.example') }), deps)).json()) as { groups: string[]; pages: { path: string }[] };
    expect(answer.groups).toEqual(['warehouse']);
    expect(answer.pages.map((p) => p.path)).toEqual(['/safety/forklift/', '/safety/fire/']);
    expect(await store().getPerson('ruth@galil.example')).toMatchObject({ groups: ['warehouse'], seenAt: expect.any(Date) });
  });

  it('knows the developer in dev sign-in, with the groups of PINKAS_DEV_GROUPS', async () => {
    const deps = { ...signalsDeps(store(), { identity: devIdentity }), devGroups: ['Warehouse'] };
    const answer = (await (await handleReading(request('/api/reading'), deps)).json()) as { groups: string[]; pages: { path: string }[] };
    expect(answer.groups).toEqual(['warehouse']);
    expect(answer.pages.map((p) => p.path)).toEqual(['/safety/forklift/', '/safety/fire/']);
  });
});
