/**
 * A self-signed certificate for 127.0.0.1, made once with the openssl command and kept in `dir`,
 * so that benchmarks can serve over HTTPS with HTTP/2 as a CDN does (browsers speak HTTP/2 only
 * over TLS). Undefined when openssl is not installed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

export async function localCertificate(dir: string): Promise<{ key: string; cert: string } | undefined> {
  const key = path.join(dir, 'localhost-key.pem');
  const cert = path.join(dir, 'localhost-cert.pem');
  if (!existsSync(key) || !existsSync(cert)) {
    const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '30', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { encoding: 'utf8' });
    if (made.status !== 0) return undefined;
  }
  return { key: await readFile(key, 'utf8'), cert: await readFile(cert, 'utf8') };
}
