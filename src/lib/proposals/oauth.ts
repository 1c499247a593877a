/**
 * GitHub sign-in (PINKAS_IDENTITY=github), by GitHub's OAuth web flow. Use the GitHub App's own
 * client id and secret: the user tokens it issues are limited to the App's permissions (contents
 * and pull requests on the wiki's repository) and to what the user may do — no broad `repo` scope.
 *
 * /api/auth/login → GitHub → /api/auth/callback → a sealed session cookie → back where you were.
 * Signing out is a POST from the site itself (`POST /api/auth/logout`): a link or an image in a
 * page cannot sign readers out.
 */
import { randomBytes } from 'node:crypto';
import { ProposalError } from './errors.ts';
import { checkSameOrigin, json } from './http.ts';
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

/** Control characters (browsers drop tabs and line breaks from addresses) and backslashes (browsers read them as `/`). */
const UNSAFE_IN_PATH = /[\u0000-\u001f\u007f-\u009f\\]/;
/** Any origin: what a path resolves against, to see whether it stays on it. */
const HERE = 'https://pinkas.invalid';

/**
 * Where to send the browser back to: `value` if it is a path on this site under `basePath`, else
 * `basePath`. Refused: anything that is not a path (`https:`, `//host`), and anything that becomes
 * one once a browser or a server has read it — control characters, backslashes, and the same
 * again %-encoded (`/%2F%2Fhost`, `/%5Chost`, `/%09/host`, encoded twice) — so that no reading of
 * the address leaves the site. The path is returned as the URL parser normalized it.
 */
export function safeReturn(value: string | null | undefined, basePath = '/'): string {
  const home = basePath.endsWith('/') ? basePath : `${basePath}/`;
  if (!value) return home;
  let layer = value;
  for (let decodings = 0; ; decodings++) {
    if (UNSAFE_IN_PATH.test(layer) || !layer.startsWith('/') || layer.startsWith('//')) return home;
    let decoded: string;
    try {
      decoded = decodeURIComponent(layer);
    } catch {
      return home;
    }
    if (decoded === layer) break;
    if (decodings === 3) return home;
    layer = decoded;
  }
  const url = new URL(value, HERE);
  const path = `${url.pathname}${url.search}${url.hash}`;
  return url.origin === HERE && (path.startsWith(home) || `${url.pathname}/` === home) ? path : home;
}

export function login(request: Request, config: OAuthConfig): Response {
  if (request.method !== 'GET') return json(405, { error: `${request.method} is not supported here: use GET.` }, { Allow: 'GET' });
  const url = new URL(request.url);
  const state = randomBytes(16).toString('base64url');
  const authorize = new URL('/login/oauth/authorize', config.oauthUrl);
  authorize.searchParams.set('client_id', config.clientId);
  authorize.searchParams.set('redirect_uri', callbackUrl(request, config));
  authorize.searchParams.set('state', state);
  const headers = new Headers({ Location: authorize.href, 'Cache-Control': 'no-store' });
  headers.append('Set-Cookie', cookie(request, STATE_COOKIE, seal({ state, returnTo: safeReturn(url.searchParams.get('returnTo'), config.basePath) }, config.sessionSecret, 600), 600));
  return new Response(null, { status: 302, headers });
}

export async function callback(request: Request, config: OAuthConfig, fetchImpl: typeof fetch = fetch): Promise<Response> {
  if (request.method !== 'GET') return json(405, { error: `${request.method} is not supported here: use GET.` }, { Allow: 'GET' });
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
  // Checked again: the cookie is sealed, but the rule may have changed since it was.
  const headers = new Headers({ Location: safeReturn(saved.returnTo, config.basePath), 'Cache-Control': 'no-store' });
  headers.append('Set-Cookie', cookie(request, SESSION_COOKIE, seal(session, config.sessionSecret, hours * 3600), hours * 3600));
  headers.append('Set-Cookie', cookie(request, STATE_COOKIE, '', 0));
  return new Response(null, { status: 302, headers });
}

export interface LogoutOptions {
  basePath?: string;
  /** The configured site's origin, for the same-origin check (http.ts `checkSameOrigin`). */
  siteOrigin?: string;
}

/**
 * `POST /api/auth/logout?returnTo=/path/`: clears the session and sends the browser back (303).
 * Any other method is refused (405), and so is a POST from another site (403).
 */
export function logout(request: Request, options: LogoutOptions = {}): Response {
  if (request.method !== 'POST') return json(405, { error: 'Sign out with a POST from the wiki (a form button), not by following a link.' }, { Allow: 'POST' });
  try {
    checkSameOrigin(request, options.siteOrigin);
  } catch (error) {
    if (error instanceof ProposalError) return json(error.status, error.toJSON());
    throw error;
  }
  const headers = new Headers({ Location: safeReturn(new URL(request.url).searchParams.get('returnTo'), options.basePath), 'Cache-Control': 'no-store' });
  headers.append('Set-Cookie', cookie(request, SESSION_COOKIE, '', 0));
  return new Response(null, { status: 303, headers });
}
