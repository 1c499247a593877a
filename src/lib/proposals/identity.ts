/**
 * Who is proposing, by the sign-in mode the admin chose (PINKAS_IDENTITY):
 *
 * - `dev` (default): a configured local user, for `npm run dev`. Identity headers are refused, so a
 *   service accidentally left in dev mode behind a proxy cannot be fooled into accepting them.
 * - `header`: behind a trusted sign-in proxy (oauth2-proxy, …) that sets `X-Forwarded-Email` (and
 *   `X-Forwarded-User`). Only in this mode are those headers believed; the proxy must strip them
 *   from incoming requests.
 * - `github`: GitHub's OAuth web flow; the session cookie holds the user's token, and their pull
 *   requests are opened as them.
 */
import { ProposalError } from './errors.ts';
import { unseal } from './session.ts';
import type { Identity } from './types.ts';
import type { IdentityMode } from './wire.ts';

export interface IdentityConfig {
  mode: IdentityMode;
  devUser: { name: string; email: string; login?: string };
  sessionSecret?: string;
}

export const SESSION_COOKIE = 'pinkas_session';
const EMAIL = /^[^\s@<>()",;]+@[^\s@<>()",;]+\.[^\s@<>()",;]+$/;

export interface SessionData {
  login: string;
  name: string;
  email: string;
  token: string;
}

export function readCookie(request: Request, name: string): string | undefined {
  const header = request.headers.get('cookie') ?? '';
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

/** The person making the request, or a 400/401 explaining what is missing. */
export function identify(request: Request, config: IdentityConfig): Identity {
  const email = request.headers.get('x-forwarded-email');
  const user = request.headers.get('x-forwarded-user') ?? request.headers.get('x-forwarded-preferred-username');
  switch (config.mode) {
    case 'dev':
      if (email !== null || user !== null) {
        throw new ProposalError(400, 'Identity headers (X-Forwarded-Email, X-Forwarded-User) are not accepted: this service runs in dev sign-in mode. Set PINKAS_IDENTITY=header behind a sign-in proxy.', { field: 'X-Forwarded-Email' });
      }
      return { ...config.devUser, source: 'dev' };
    case 'header': {
      if (!email) throw new ProposalError(401, 'You are not signed in: the sign-in proxy sent no X-Forwarded-Email. Sign in again and retry; your draft is kept.');
      if (!EMAIL.test(email)) throw new ProposalError(401, `The sign-in proxy sent an invalid X-Forwarded-Email ("${email.slice(0, 80)}").`);
      const name = (user && !user.includes('@') ? user : email.split('@')[0]!).slice(0, 100);
      return { name, email, ...(user && /^[A-Za-z0-9-]{1,39}$/.test(user) ? { login: user } : {}), source: 'header' };
    }
    case 'github': {
      const session = config.sessionSecret ? unseal<SessionData>(readCookie(request, SESSION_COOKIE), config.sessionSecret) : undefined;
      if (!session) throw new ProposalError(401, 'Sign in with GitHub to propose changes; your draft is kept.', { login: '/api/auth/login' });
      return { name: session.name, email: session.email, login: session.login, token: session.token, source: 'github' };
    }
  }
}
