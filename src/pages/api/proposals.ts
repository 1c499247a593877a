/** POST /api/proposals (propose a change) and GET /api/proposals (my proposals). See src/lib/proposals/http.ts. */
import type { APIRoute } from 'astro';
import { handleProposals, json } from '../../lib/proposals/http.ts';
import { proposalDeps } from '../../server/proposals.ts';

export const prerender = false;

export const ALL: APIRoute = async ({ request }) => {
  try {
    return await handleProposals(request, await proposalDeps());
  } catch (error) {
    return json(503, { error: `The proposal service is not available: ${(error as Error).message}` });
  }
};
