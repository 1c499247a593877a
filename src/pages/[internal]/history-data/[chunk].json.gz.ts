/**
 * `/_wiki/history-data/<n>.json.gz`: the histories of a few dozen pages (which file holds a page: `chunkOf`),
 * as gzipped JSON (the browser unpacks it, src/dom/app-page.ts): the site stays small on disk.
 */
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { APIRoute, InferGetStaticPropsType } from 'astro';
import { INTERNAL } from '../../../lib/app-pages.ts';
import { getHistoryChunks, historyChunk, historyChunkKey } from '../../../data/history.ts';

export async function getStaticPaths() {
  const chunks = await getHistoryChunks();
  // `cacheKey`: a chunk none of whose pages' histories changed is copied from the last build.
  return Promise.all([...chunks].map(async ([n, pages]) => ({ params: { internal: INTERNAL, chunk: String(n) }, props: { pages }, cacheKey: await historyChunkKey(pages) })));
}

// On libuv's thread pool, beside the routes the main thread renders meanwhile (build.concurrency).
const gzipAsync = promisify(gzip);

export const GET: APIRoute<InferGetStaticPropsType<typeof getStaticPaths>> = async ({ props }) =>
  new Response(await gzipAsync(JSON.stringify(await historyChunk(props.pages)), { level: 9 }), { headers: { 'Content-Type': 'application/gzip' } });
