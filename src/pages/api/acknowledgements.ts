/** POST /api/acknowledgements (I have read revision N) and GET /api/acknowledgements?path=… (who has, who has not). See src/lib/signals/reading-http.ts. */
import type { APIRoute } from 'astro';
import { json } from '../../lib/signals/http-common.ts';
import { handleAcknowledgements } from '../../lib/signals/reading-http.ts';
import { signalsDeps } from '../../server/signals.ts';

export const prerender = false;

export const ALL: APIRoute = async ({ request }) => {
  try {
    return await handleAcknowledgements(request, await signalsDeps());
  } catch (error) {
    return json(503, { error: `The readers' signals service is not available: ${(error as Error).message}` });
  }
};
