/** GET /api/proposals/pending?path=…: the proposals waiting for review on a page. See src/lib/proposals/http.ts. */
import type { APIRoute } from 'astro';
import { handlePending, json } from '../../../lib/proposals/http.ts';
import { proposalDeps } from '../../../server/proposals.ts';

export const prerender = false;

export const ALL: APIRoute = async ({ request }) => {
  try {
    return await handlePending(request, await proposalDeps());
  } catch (error) {
    return json(503, { error: `The proposal service is not available: ${(error as Error).message}` });
  }
};
