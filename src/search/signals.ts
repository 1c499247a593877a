/**
 * What search tells the wiki's owners, without any personal data: the query a reader settled on,
 * how many results it had and whether one was opened — `POST /api/signals/search` (the readers'
 * signals service; it stores a daily count per normalized query, never who asked). A query counts
 * as settled when its full-text answer was on screen for a moment and the reader then opened a
 * result, searched for something else, or left the page; each is reported once, when it ends.
 * Sent with `sendBeacon`, so it survives the navigation to the result; nothing is sent on a
 * static-only deploy (src/dom/service.ts).
 */
import { apiUrl, hasService } from '../dom/service.ts';
import type { SearchSignalBody } from '../lib/signals/wire.ts';

/** How long an answer must be on screen to count as one the reader settled on (not typed past). */
const SETTLE_MS = 1500;

export interface SearchSignals {
  /** The full-text answer to `q` is on screen, with this many results. */
  shown(q: string, results: number): void;
  /** The reader opened one of the results on screen. */
  opened(): void;
  /** The reader went on to the full results page: the query is reported there, not here. */
  handedOver(): void;
}

export function searchSignals(base: string, lang: string, now: () => number = Date.now): SearchSignals {
  let current: (SearchSignalBody & { since: number }) | undefined;
  // Known before the reader leaves: a beacon must be sent while the page unloads, synchronously.
  let service: Promise<boolean> | undefined;
  let hasIt: boolean | undefined;

  const beacon = (body: SearchSignalBody) => navigator.sendBeacon(apiUrl(base, 'signals/search'), new Blob([JSON.stringify(body)], { type: 'application/json' }));

  /** Ends the query on screen: reported if the reader settled on it (or opened a result). */
  const end = (opened: boolean) => {
    const signal = current;
    current = undefined;
    if (!signal || (!opened && now() - signal.since < SETTLE_MS)) return;
    const body: SearchSignalBody = { q: signal.q, lang: signal.lang, results: signal.results, opened };
    if (hasIt === true) beacon(body);
    else if (hasIt === undefined) void service?.then((yes) => yes && beacon(body));
  };

  addEventListener('pagehide', () => end(false));

  return {
    shown(q, results) {
      const query = q.trim();
      if (current?.q === query) {
        current.results = results;
        return;
      }
      end(false);
      if (!query) return;
      current = { q: query, lang, results, opened: false, since: now() };
      service ??= hasService(base).then((yes) => (hasIt = yes));
    },
    opened() {
      end(true);
    },
    handedOver() {
      current = undefined;
    },
  };
}
