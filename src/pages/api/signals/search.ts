/** POST /api/signals/search: one reader's search, counted without identity. See src/lib/signals/search-http.ts. */
import type { APIRoute } from 'astro';
import { json } from '../../../lib/signals/http-common.ts';
import { handleSearchSignal } from '../../../lib/signals/search-http.ts';
import { signalsDeps } from '../../../server/signals.ts';

export const prerender = false;

export const ALL: APIRoute = async ({ request }) => {
  try {
    return await handleSearchSignal(request, await signalsDeps());
  } catch (error) {
    return json(503, { error: `The readers' signals service is not available: ${(error as Error).message}` });
  }
};
