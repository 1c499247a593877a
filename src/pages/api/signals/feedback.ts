/** POST /api/signals/feedback: "Was this page helpful?". See src/lib/signals/feedback-http.ts. */
import type { APIRoute } from 'astro';
import { json } from '../../../lib/signals/http-common.ts';
import { handleFeedback } from '../../../lib/signals/feedback-http.ts';
import { signalsDeps } from '../../../server/signals.ts';

export const prerender = false;

export const ALL: APIRoute = async ({ request }) => {
  try {
    return await handleFeedback(request, await signalsDeps());
  } catch (error) {
    return json(503, { error: `The readers' signals service is not available: ${(error as Error).message}` });
  }
};
