/** GET /api/reading: the signed-in person's required pages, read and unread. See src/lib/signals/reading-http.ts. */
import type { APIRoute } from 'astro';
import { json } from '../../lib/signals/http-common.ts';
import { handleReading } from '../../lib/signals/reading-http.ts';
import { signalsDeps } from '../../server/signals.ts';

export const prerender = false;

export const ALL: APIRoute = async ({ request }) => {
  try {
    return await handleReading(request, await signalsDeps());
  } catch (error) {
    return json(503, { error: `The readers' signals service is not available: ${(error as Error).message}` });
  }
};
