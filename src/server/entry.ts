/**
 * The production server (`npm start`, `node dist/server/entry.mjs`): @astrojs/node's standalone
 * server — prerendered pages and static files from dist/client/, /api/* rendered on demand — with
 * two additions the adapter has no option for:
 * - every response carries the security headers of src/lib/security/headers.ts, static files
 *   included (a middleware only sees the responses Astro renders, not the files `send` serves);
 * - with the dev identity it listens on 127.0.0.1 only (src/lib/security/listen.ts).
 * The build makes this module the server entry and writes the policy it reads
 * (src/integrations/security.ts).
 */
import { autostart, restoreAutostart } from './no-autostart.ts';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import { handler as astroHandler, options, startServer } from '@astrojs/node/server.js';
import { securityHeaders, type SecurityPolicyInput } from '../lib/security/headers.ts';
import { listenHost } from '../lib/security/listen.ts';
import { policyFile } from '../integrations/security-files.ts';

restoreAutostart();

function readPolicy(): SecurityPolicyInput {
  const file = new URL(`./${policyFile}`, import.meta.url);
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as SecurityPolicyInput;
  } catch (error) {
    throw new Error(`The security policy of this build (${file.pathname}) cannot be read; build the site again with \`npm run build\`: ${(error as Error).message}`);
  }
}

const headers = securityHeaders(readPolicy());

function addSecurityHeaders(res: ServerResponse): void {
  for (const { name, value } of headers) res.setHeader(name, value);
}

/**
 * `service.json` says whether the site has its Node service. The static build ships it as
 * `{"service":false}` (src/pages/service.json.ts), so a static host answers without a 404; this
 * server answers `true` in its place. The browser widgets ask it before they call /api/.
 */
const servicePath = `${import.meta.env.BASE_URL.replace(/\/?$/, '/')}service.json`;

function answersService(req: IncomingMessage, res: ServerResponse): boolean {
  if ((req.url ?? '').split('?')[0] !== servicePath || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
  res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(req.method === 'HEAD' ? undefined : '{"service":true}');
  return true;
}

/** The adapter's request handler with the security headers: what `astro preview` serves. */
export const handler: typeof astroHandler = (req, res, ...rest) => {
  addSecurityHeaders(res);
  if (answersService(req, res)) return;
  return astroHandler(req, res, ...rest);
};
export { options };

const listen = listenHost(process.env);
if (!listen.ok) {
  console.error(listen.message);
  process.exit(1);
}

if (autostart) {
  if (listen.host !== undefined) process.env.HOST = listen.host;
  const { server } = startServer();
  // In front of the adapter's own request listener: the headers on every response, and
  // service.json answered before the adapter would serve the static `false`.
  const adapter = server.server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
  server.server.removeAllListeners('request');
  server.server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    addSecurityHeaders(res);
    if (answersService(req, res)) return;
    for (const listener of adapter) listener(req, res);
  });
}
