/** GET /api/reports/feedback[?path=…]: the share of "yes" and the comments, per page. See src/lib/signals/feedback-http.ts. */
import type { APIRoute } from 'astro';
import { json } from '../../../lib/signals/http-common.ts';
import { handleFeedbackReport } from '../../../lib/signals/feedback-http.ts';
import { signalsDeps } from '../../../server/signals.ts';

export const prerender = false;

export const ALL: APIRoute = async ({ request }) => {
  try {
    return await handleFeedbackReport(request, await signalsDeps());
  } catch (error) {
    return json(503, { error: `The readers' signals service is not available: ${(error as Error).message}` });
  }
};
