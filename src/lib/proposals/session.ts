/**
 * Sessions for the `github` sign-in mode, kept in the browser as a sealed cookie (AES-256-GCM with a
 * key derived from PINKAS_SESSION_SECRET): the service stays stateless, and the GitHub token inside
 * can be neither read nor altered by the browser.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

function key(secret: string): Buffer {
  return createHash('sha256').update(`pinkas-session:${secret}`).digest();
}

export function seal(data: unknown, secret: string, ttlSeconds: number, now = Date.now()): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key(secret), iv);
  const plain = Buffer.from(JSON.stringify({ data, exp: Math.floor(now / 1000) + ttlSeconds }));
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url')).join('.');
}

/** The sealed data, or undefined when the value was altered, sealed with another secret, or expired. */
export function unseal<T>(value: string | undefined, secret: string, now = Date.now()): T | undefined {
  if (!value) return undefined;
  const [iv, tag, body] = value.split('.').map((p) => Buffer.from(p, 'base64url'));
  if (!iv || !tag || !body || iv.length !== 12 || tag.length !== 16) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key(secret), iv);
    decipher.setAuthTag(tag);
    const parsed = JSON.parse(Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8')) as { data: T; exp: number };
    return parsed.exp > now / 1000 ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
