import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createSecureServer } from 'node:http2';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createGzip, gzipSync } from 'node:zlib';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.xml': 'application/xml',
};

/**
 * Serves a built site the way a static host does (folder → index.html, 404.html for misses), on
 * 127.0.0.1 and a free port. `overlays` map URL prefixes to other folders (the benchmarks serve a
 * large search index under a small site), and `pages` answers the pages it knows by their address
 * (`hr/leave` for `/hr/leave/`: the pages of a generated wiki, made when asked). With `gzip`, text
 * files are sent gzip-compressed to a client that accepts it, and with `tls` (a key and
 * certificate) over HTTPS with HTTP/2, as a CDN would serve them. Call `close()` when done; the
 * server never keeps the process alive.
 */
export async function serveStatic(
  root: string,
  overlays: Record<string, string> = {},
  options: { gzip?: boolean; tls?: { key: string; cert: string }; pages?: (slug: string) => Promise<string | undefined> } = {},
): Promise<{ url: string; close: () => Promise<void>; server: Server }> {
  const handler = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const pathname = decodeURIComponent(url.pathname);
    const made = options.pages && pathname.endsWith('/') ? await options.pages(pathname.slice(1, -1)) : undefined;
    if (made !== undefined) {
      const gzip = options.gzip && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
      const body = gzip ? gzipSync(made) : Buffer.from(made);
      res.writeHead(200, { 'Content-Type': types['.html']!, 'Content-Length': body.length, ...(gzip ? { 'Content-Encoding': 'gzip', Vary: 'Accept-Encoding' } : {}) });
      res.end(body);
      return;
    }
    // An overlay serves the files it has; everything else comes from the site.
    const overlay = Object.keys(overlays).find((prefix) => pathname.startsWith(prefix));
    const overlaid = overlay ? path.join(overlays[overlay]!, pathname.slice(overlay.length)) : undefined;
    const useOverlay = overlaid !== undefined && (await stat(overlaid).then((s) => s.isFile(), () => false));
    const base = useOverlay ? overlays[overlay!]! : root;
    let file = useOverlay ? overlaid! : path.join(root, pathname);
    if (!file.startsWith(base)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const info = await stat(file);
      if (info.isDirectory()) {
        if (!url.pathname.endsWith('/')) {
          res.writeHead(301, { Location: `${url.pathname}/${url.search}` }).end();
          return;
        }
        file = path.join(file, 'index.html');
        await stat(file);
      }
      const type = types[path.extname(file)] ?? 'application/octet-stream';
      if (options.gzip && type !== 'image/png' && type !== 'application/octet-stream' && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
        res.writeHead(200, { 'Content-Type': type, 'Content-Encoding': 'gzip', Vary: 'Accept-Encoding' });
        createReadStream(file).pipe(createGzip()).pipe(res);
        return;
      }
      res.writeHead(200, { 'Content-Type': type, 'Content-Length': (await stat(file)).size });
      createReadStream(file).pipe(res);
    } catch {
      res.writeHead(404, { 'Content-Type': types['.html']! });
      createReadStream(path.join(root, '404.html')).on('error', () => res.end()).pipe(res);
    }
  };
  const server = (options.tls ? createSecureServer({ ...options.tls, allowHTTP1: true }, handler as never) : createServer(handler)) as unknown as Server;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.unref();
  const { port } = server.address() as AddressInfo;
  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    server,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
