/**
 * The answer of a static route that serves a chunk of the app pages' data (`/_wiki/sources/`,
 * `/_wiki/history-data/`): the value as JSON, gzipped at level 9 (the browser unpacks it,
 * src/dom/app-page.ts). Compressed on libuv's thread pool, beside the routes the build's main
 * thread renders meanwhile (`build.concurrency`).
 */
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

const gzipAsync = promisify(gzip);

export async function gzippedJson(value: unknown): Promise<Response> {
  return new Response(await gzipAsync(JSON.stringify(value), { level: 9 }), { headers: { 'Content-Type': 'application/gzip' } });
}
