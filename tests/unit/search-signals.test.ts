/**
 * The search box's report to the readers' signals service: one report per query the reader settled
 * on — not per keystroke — with its result count and whether a result was opened; nothing at all
 * on a site without the service.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { searchSignals } from '../../src/search/signals.ts';

let sent: unknown[];
let clock: number;
let pagehide: (() => void) | undefined;

function site(service: boolean) {
  vi.stubGlobal('fetch', async () => new Response(JSON.stringify({ service }), { status: 200 }));
  const stored = new Map<string, string>();
  vi.stubGlobal('sessionStorage', { getItem: (k: string) => stored.get(k) ?? null, setItem: (k: string, v: string) => void stored.set(k, v) });
}

beforeEach(() => {
  sent = [];
  clock = 0;
  vi.stubGlobal('navigator', { sendBeacon: (url: string, blob: Blob) => void blob.text().then((t) => sent.push({ url, body: JSON.parse(t) })) });
  vi.stubGlobal('addEventListener', (type: string, fn: () => void) => type === 'pagehide' && (pagehide = fn));
});
afterEach(() => vi.unstubAllGlobals());

const settle = () => new Promise((r) => setTimeout(r, 10));

describe('search signals', () => {
  it('reports the query the reader settled on, once, when they open a result — not the words typed on the way', async () => {
    site(true);
    const s = searchSignals('/', 'en', () => clock);
    s.shown('pa', 3);
    clock += 200;
    s.shown('parking', 2);
    clock += 3000;
    s.opened();
    s.opened();
    await settle();
    expect(sent).toEqual([{ url: '/api/signals/search', body: { q: 'parking', lang: 'en', results: 2, opened: true } }]);
  });

  it('reports a settled query with no click when the reader searches for something else or leaves', async () => {
    site(true);
    const s = searchSignals('/wiki/', 'he', () => clock);
    s.shown('חופשה', 0);
    clock += 2000;
    s.shown('חופש', 4);
    clock += 2000;
    pagehide!();
    await settle();
    expect(sent).toEqual([
      { url: '/wiki/api/signals/search', body: { q: 'חופשה', lang: 'he', results: 0, opened: false } },
      { url: '/wiki/api/signals/search', body: { q: 'חופש', lang: 'he', results: 4, opened: false } },
    ]);
  });

  it('leaves the report to the results page when the reader goes there', async () => {
    site(true);
    const s = searchSignals('/', 'en', () => clock);
    s.shown('travel', 5);
    clock += 5000;
    s.handedOver();
    pagehide!();
    await settle();
    expect(sent).toEqual([]);
  });

  it('sends nothing on a site without the service', async () => {
    site(false);
    // (Another base: the answer about the service is kept for the page's life, as on a real page.)
    const s = searchSignals('/static-only/', 'en', () => clock);
    s.shown('parking', 0);
    clock += 5000;
    s.opened();
    await settle();
    expect(sent).toEqual([]);
  });
});
