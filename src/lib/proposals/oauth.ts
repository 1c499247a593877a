/**
 * GitHub sign-in (PINKAS_IDENTITY=github), by GitHub's OAuth web flow. Use the GitHub App's own
 * client id and secret: the user tokens it issues are limited to the App's permissions (contents
 * and pull requests on the wiki's repository) and to what the user may do — no broad `repo` scope.
 *
 * /api/auth/login → GitHub → /api/auth/callback → a sealed session cookie → back where you were.
 */
import { randomBytes } from 'node:crypto';
import { ProposalError } from './errors.ts';
import { SESSION_COOKIE, readCookie, type SessionData } from './identity.ts';
import { seal, unseal } from './session.ts';

export interface OAuthConfig {
  clientId: string;
  clientSecret: string;
  /** https://github.com (or a GitHub Enterprise server). */
  oauthUrl: string;
  /** The REST API, for the user's name and email. */
  apiUrl: string;
  sessionSecret: string;
  sessionHours?: number;
  /** The site's base path (`/` or `/wiki/`): the callback lives under it. */
  basePath?: string;
}

function callbackUrl(request: Request, config: OAuthConfig): string {
  return new URL(`${(config.basePath ?? '/').replace(/\/?$/, '/')}api/auth/callback`, new URL(request.url).origin).href;
}

const STATE_COOKIE = 'pinkas_oauth';

function cookie(request: Request, name: string, value: string, maxAge: number): string {
  const secure = new URL(request.url).protocol === 'https:' ? '; Secure' : '';
  return `${name}=${encodeURIComponent(value)}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${secure}`;
}

/** Only a path on this site may be returned to (no open redirects). */
function safeReturn(value: string | null): string {
  return value && value.startsWith('/') && !value.startsWith('//') && !value.includes('\\') ? value : '/';
}

export function login(request: Request, config: OAuthConfig): Response {
  const url = new URL(request.url);
  const state = randomBytes(16).toString('base64url');
  const authorize = new URL('/login/oauth/authorize', config.oauthUrl);
  authorize.searchParams.set('client_id', config.clientId);
  authorize.searchParams.set('redirect_uri', callbackUrl(request, config));
  authorize.searchParams.set('state', state);
  const headers = new Headers({ Location: authorize.href, 'Cache-Control': 'no-store' });
  headers.append('Set-Cookie', cookie(request, STATE_COOKIE, seal({ state, returnTo: safeReturn(url.searchParams.get('returnTo')) }, config.sessionSecret, 600), 600));
  return new Response(null, { status: 302, headers });
}

export async function callback(request: Request, config: OAuthConfig, fetchImpl: typeof fetch = fetch): Promise<Response> {
  const url = new URL(request.url);
  const saved = unseal<{ state: string; returnTo: string }>(readCookie(request, STATE_COOKIE), config.sessionSecret);
  if (!saved || saved.state !== url.searchParams.get('state')) {
    throw new ProposalError(400, 'The GitHub sign-in could not be verified (it expired or did not start here). Sign in again.');
  }
  const code = url.searchParams.get('code');
  if (!code) throw new ProposalError(400, `GitHub did not sign you in: ${url.searchParams.get('error_description') ?? 'no code was returned'}.`);
  const tokenResponse = await fetchImpl(new URL('/login/oauth/access_token', config.oauthUrl), {
    method: 'POST',
    headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
    body: JSON.stringify({ client_id: config.clientId, client_secret: config.clientSecret, code, redirect_uri: callbackUrl(request, config) }),
  });
  const token = (await tokenResponse.json().catch(() => ({}))) as { access_token?: string; error_description?: string };
  if (!tokenResponse.ok || !token.access_token) throw new ProposalError(502, `GitHub refused the sign-in: ${token.error_description ?? tokenResponse.statusText}.`);
  const api = (path: string) =>
    fetchImpl(new URL(path, config.apiUrl.endsWith('/') ? config.apiUrl : `${config.apiUrl}/`), { headers: { Authorization: `Bearer ${token.access_token}`, Accept: 'application/vnd.github+json' } }).then(async (r) => {
      if (!r.ok) throw new ProposalError(502, `GitHub did not return your profile (${r.status}).`);
      return r.json();
    });
  const user = (await api('user')) as { login: string; name: string | null; email: string | null };
  let email = user.email;
  if (!email) {
    const emails = (await api('user/emails').catch(() => [])) as { email: string; primary: boolean; verified: boolean }[];
    email = emails.find((e) => e.primary && e.verified)?.email ?? null;
  }
  // Without a public or primary email, GitHub's private no-reply address keeps commits attributable.
  email ??= `${user.login}@users.noreply.github.com`;
  const session: SessionData = { login: user.login, name: user.name || user.login, email, token: token.access_token };
  const hours = config.sessionHours ?? 8;
  const headers = new Headers({ Location: saved.returnTo, 'Cache-Control': 'no-store' });
  headers.append('Set-Cookie', cookie(request, SESSION_COOKIE, seal(session, config.sessionSecret, hours * 3600), hours * 3600));
  headers.append('Set-Cookie', cookie(request, STATE_COOKIE, '', 0));
  return new Response(null, { status: 302, headers });
}

export function logout(request: Request): Response {
  const headers = new Headers({ Location: safeReturn(new URL(request.url).searchParams.get('returnTo')), 'Cache-Control': 'no-store' });
  headers.append('Set-Cookie', cookie(request, SESSION_COOKIE, '', 0));
  return new Response(null, { status: 302, headers });
}
