/**
 * Serves web-standard handlers (Request → Response, as the service's endpoints are written) with
 * node:http on 127.0.0.1 at a free port: what the benchmarks put in front of a handler so that
 * their clients talk HTTP to it.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type WebHandler = (request: Request) => Promise<Response>;

async function toRequest(req: IncomingMessage, origin: string): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const body = chunks.length ? Buffer.concat(chunks) : undefined;
  return new Request(new URL(req.url ?? '/', origin), { method: req.method ?? 'GET', headers, ...(body && req.method !== 'GET' && req.method !== 'HEAD' ? { body } : {}) });
}

/** Routes by path (`/api/signals/search` → handler); anything else is a 404. */
export async function serveHandlers(routes: Record<string, WebHandler>): Promise<{ url: string; close: () => Promise<void>; server: Server }> {
  let origin = '';
  const server = createServer(async (req, res) => {
    try {
      const request = await toRequest(req, origin);
      const handler = routes[new URL(request.url).pathname];
      const response = handler ? await handler(request) : new Response('Not found', { status: 404 });
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    } catch (error) {
      res.writeHead(500).end(String(error));
    }
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  server.unref();
  return { url: origin, server, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
