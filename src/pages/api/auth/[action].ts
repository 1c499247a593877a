/**
 * GitHub sign-in (PINKAS_IDENTITY=github): GET /api/auth/login and /api/auth/callback; signing out
 * is POST /api/auth/logout (any sign-in mode). See src/lib/proposals/oauth.ts.
 */
import type { APIRoute } from 'astro';
import { ProposalError } from '../../../lib/proposals/errors.ts';
import { json } from '../../../lib/proposals/http.ts';
import { callback, login, logout } from '../../../lib/proposals/oauth.ts';
import { logoutOptions, oauthConfig } from '../../../server/proposals.ts';

export const prerender = false;

export const ALL: APIRoute = async ({ params, request }) => {
  try {
    if (params.action === 'logout') return logout(request, logoutOptions());
    const config = oauthConfig();
    if (!config) return json(404, { error: 'GitHub sign-in is not enabled on this wiki (PINKAS_IDENTITY is not "github").' });
    if (params.action === 'login') return login(request, config);
    if (params.action === 'callback') return await callback(request, config);
    return json(404, { error: `Unknown sign-in step "${params.action}".` });
  } catch (error) {
    if (error instanceof ProposalError) return json(error.status, error.toJSON());
    return json(502, { error: `Sign-in failed: ${(error as Error).message}` });
  }
};
