/** GET /api/reports/search-gaps?days=N: what people looked for and did not find. See src/lib/signals/search-http.ts. */
import type { APIRoute } from 'astro';
import { json } from '../../../lib/signals/http-common.ts';
import { handleSearchGaps } from '../../../lib/signals/search-http.ts';
import { signalsDeps } from '../../../server/signals.ts';

export const prerender = false;

export const ALL: APIRoute = async ({ request }) => {
  try {
    return await handleSearchGaps(request, await signalsDeps());
  } catch (error) {
    return json(503, { error: `The readers' signals service is not available: ${(error as Error).message}` });
  }
};
