/**
 * `POST /api/signals/search` (a reader's search, counted per day under its normalized query, with
 * no identity) and `GET /api/reports/search-gaps?days=N` (what people looked for and did not find).
 */
import { z } from 'zod';
import { clock, type SignalsDeps } from './deps.ts';
import { checkSameOrigin, daysParam, errorAnswer, invalid, json, methodNotAllowed, readSignalJson } from './http-common.ts';
import { normalizeQuery } from './query.ts';
import { takeSlot } from './rate-limit.ts';
import { signalLimits, type SearchGapsAnswer } from './wire.ts';

/** A query seen fewer times in the period is not reported: it could single out one reader. */
export const MIN_REPORTED_COUNT = 3;
const DEFAULT_DAYS = 30;
const DAY = 24 * 60 * 60 * 1000;

const searchBody = z.object({
  q: z.string().max(signalLimits.query),
  lang: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$/, 'must be a language tag such as "en" or "he"').max(35),
  results: z.int().min(0).max(1_000_000),
  opened: z.boolean(),
});

export async function handleSearchSignal(request: Request, deps: SignalsDeps): Promise<Response> {
  if (request.method !== 'POST') return methodNotAllowed(request.method, ['POST']);
  try {
    checkSameOrigin(request, deps.allowedOrigins);
    await takeSlot(deps.store, 'signals:search', deps.limits.searchPerMinute, 'searches', clock(deps));
    const parsed = searchBody.safeParse(await readSignalJson(request));
    if (!parsed.success) throw invalid(parsed.error.issues);
    const q = normalizeQuery(parsed.data.q);
    // A query without a single word (only punctuation) names nothing to write: nothing is counted.
    if (q) await deps.store.recordSearch({ q, lang: parsed.data.lang, results: parsed.data.results, opened: parsed.data.opened, at: clock(deps) });
    return new Response(null, { status: 204, headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    return errorAnswer(error, 'search signal');
  }
}

export async function handleSearchGaps(request: Request, deps: SignalsDeps): Promise<Response> {
  if (request.method !== 'GET') return methodNotAllowed(request.method, ['GET']);
  try {
    const url = new URL(request.url);
    const days = daysParam(url, DEFAULT_DAYS);
    const since = new Date(clock(deps).getTime() - (days - 1) * DAY);
    const counts = await deps.store.searchCounts({ since, minCount: MIN_REPORTED_COUNT, limit: 200 });
    // A gap: the search found nothing, or nothing the reader opened.
    const queries = counts.filter((c) => c.zeroResults > 0 || c.noClick > 0).map(({ q, lang, count, zeroResults, noClick }) => ({ q, lang, count, zeroResults, noClick }));
    const answer: SearchGapsAnswer = { queries };
    return json(200, answer);
  } catch (error) {
    return errorAnswer(error, 'search gaps report');
  }
}
