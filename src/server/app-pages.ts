/**
 * The Node server's answer to `/edit/<slug>/` and `/history/<slug>/`: the one editor or history
 * page of the static build (`dist/client/_wiki/edit/index.html`), served at that address, as a
 * static host's rewrite does, so a reload keeps the address and the scroll position. Where there
 * is no built client folder beside the server (`npm run dev`), the answer is a redirect to the app
 * page with `?page=`, which works everywhere.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { appPagePath, type App } from '../lib/app-pages.ts';
import { joinUrl } from '../lib/paths.ts';

let clientDir: string | null | undefined;

/** `dist/client/`, found from the server build (`dist/server/entry.mjs`) this module is bundled into. */
function builtClient(): string | null {
  if (clientDir !== undefined) return clientDir;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'entry.mjs'))) {
    const up = path.dirname(dir);
    if (up === dir) return (clientDir = null);
    dir = up;
  }
  const client = path.join(dir, '..', 'client');
  return (clientDir = existsSync(client) ? client : null);
}

export async function appPageResponse(app: App, slug: string, base: string): Promise<Response> {
  const client = builtClient();
  const file = client && path.join(client, appPagePath(app), 'index.html');
  if (file && existsSync(file)) {
    return new Response(await readFile(file), { headers: { 'Content-Type': 'text/html; charset=utf-8' } });
  }
  return new Response(null, { status: 307, headers: { Location: `${joinUrl(base, appPagePath(app))}?page=${encodeURIComponent(slug)}` } });
}
