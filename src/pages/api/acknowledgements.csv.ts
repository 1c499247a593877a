/** GET /api/acknowledgements.csv?path=…: the acknowledgements report as CSV, for auditors. See src/lib/signals/reading-http.ts. */
import type { APIRoute } from 'astro';
import { json } from '../../lib/signals/http-common.ts';
import { handleAcknowledgements } from '../../lib/signals/reading-http.ts';
import { signalsDeps } from '../../server/signals.ts';

export const prerender = false;

export const ALL: APIRoute = async ({ request }) => {
  try {
    return await handleAcknowledgements(request, await signalsDeps(), { csv: true });
  } catch (error) {
    return json(503, { error: `The readers' signals service is not available: ${(error as Error).message}` });
  }
};
