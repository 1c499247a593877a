/** GET /api/session: who is signed in, for the editor. */
import type { APIRoute } from 'astro';
import { handleSession, json } from '../../lib/proposals/http.ts';
import { proposalDeps } from '../../server/proposals.ts';

export const prerender = false;

export const GET: APIRoute = async ({ request }) => {
  try {
    return handleSession(request, await proposalDeps());
  } catch (error) {
    return json(503, { error: `The proposal service is not available: ${(error as Error).message}` });
  }
};
