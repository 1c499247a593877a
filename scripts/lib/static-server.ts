import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

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
 * large search index under a small site). Call `close()` when done; the server never keeps the
 * process alive.
 */
export async function serveStatic(root: string, overlays: Record<string, string> = {}): Promise<{ url: string; close: () => Promise<void>; server: Server }> {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const pathname = decodeURIComponent(url.pathname);
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
      res.writeHead(200, { 'Content-Type': types[path.extname(file)] ?? 'application/octet-stream', 'Content-Length': (await stat(file)).size });
      createReadStream(file).pipe(res);
    } catch {
      res.writeHead(404, { 'Content-Type': types['.html']! });
      createReadStream(path.join(root, '404.html')).on('error', () => res.end()).pipe(res);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.unref();
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
