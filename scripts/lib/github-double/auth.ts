/**
 * Who is calling: personal / OAuth user tokens, GitHub App JWTs (RS256, verified with the app's public
 * key) and the installation tokens they are exchanged for, and OAuth web-flow codes.
 */
import { createPublicKey, randomBytes, verify, type KeyObject } from 'node:crypto';

export interface UserRecord {
  login: string;
  id: number;
  name: string | null;
  email: string;
  type: 'User' | 'Bot' | 'Organization';
}

export type Principal =
  | { kind: 'user'; user: UserRecord; token: string }
  | { kind: 'installation'; installationId: number; bot: UserRecord; token: string }
  | { kind: 'app'; appId: number };

export interface AppOptions {
  /** The App's id: the `iss` its JWTs must carry. */
  id: number;
  /** The App's slug; its bot user is `<slug>[bot]`. */
  slug: string;
  /** The public half of the key the App signs its JWTs with (PEM or KeyObject). */
  publicKey: string | KeyObject;
  /** Installation ids that exist (default `[1]`). */
  installations?: number[];
  /** Permissions granted to installation tokens (default contents, pull_requests, issues: write; metadata: read). */
  permissions?: Record<string, 'read' | 'write'>;
  /** The bot user's id (default 41898282 + app id, only to look plausible). */
  botId?: number;
}

export interface OAuthOptions {
  clientId: string;
  clientSecret: string;
}

const b64url = (s: string) => Buffer.from(s, 'base64url');

export type JwtCheck = { ok: true; appId: number } | { ok: false; message: string };

/** Verifies a GitHub App JWT the way GitHub does: RS256 signature, `iss`, `iat` and `exp` (≤ 10 minutes). */
export function verifyAppJwt(token: string, app: AppOptions | undefined, now = Date.now()): JwtCheck {
  const undecodable: JwtCheck = { ok: false, message: 'A JSON web token could not be decoded' };
  const parts = token.split('.');
  if (parts.length !== 3 || !app) return undecodable;
  let header: { alg?: string };
  let payload: { iat?: unknown; exp?: unknown; iss?: unknown };
  try {
    header = JSON.parse(b64url(parts[0]!).toString('utf8'));
    payload = JSON.parse(b64url(parts[1]!).toString('utf8'));
  } catch {
    return undecodable;
  }
  if (header.alg !== 'RS256') return undecodable;
  const key = typeof app.publicKey === 'string' ? createPublicKey(app.publicKey) : app.publicKey;
  const signed = verify('RSA-SHA256', Buffer.from(`${parts[0]}.${parts[1]}`), key, b64url(parts[2]!));
  if (!signed) return undecodable;
  if (String(payload.iss) !== String(app.id)) return { ok: false, message: 'Integration not found' };
  const seconds = Math.floor(now / 1000);
  if (typeof payload.iat !== 'number' || !Number.isInteger(payload.iat) || payload.iat > seconds + 60) {
    return { ok: false, message: "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued." };
  }
  if (typeof payload.exp !== 'number' || payload.exp <= seconds) {
    return {
      ok: false,
      message: "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires.",
    };
  }
  if (payload.exp - payload.iat > 600 || payload.exp > seconds + 660) {
    return { ok: false, message: "'Expiration time' claim ('exp') is too far in the future." };
  }
  return { ok: true, appId: app.id };
}

export function looksLikeJwt(token: string): boolean {
  return /^[\w-]+\.[\w-]+\.[\w-]+$/.test(token);
}

export function newToken(prefix: 'ghs' | 'gho' | 'ghp'): string {
  return `${prefix}_${randomBytes(27).toString('base64url').replace(/[-_]/g, 'x').slice(0, 36)}`;
}

export interface OAuthCode {
  code: string;
  login: string;
  scopes: string[];
  expiresAt: number;
}

export function newOAuthCode(): string {
  return randomBytes(10).toString('hex');
}
