/**
 * `/_wiki/sources/<n>.json.gz`: the sources of the editable pages, about 128 pages a file (which
 * file holds a page follows from its slug: `chunkOf` in src/lib/app-pages.ts).
 * Gzipped JSON (the browser unpacks it, src/dom/app-page.ts): the site stays small on disk.
 */
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { APIRoute, InferGetStaticPropsType } from 'astro';
import { INTERNAL } from '../../../lib/app-pages.ts';
import { getSourceChunks, sourceChunk, sourceChunkKey } from '../../../data/editor.ts';

export async function getStaticPaths() {
  const chunks = await getSourceChunks();
  // `cacheKey`: a chunk none of whose pages changed is copied from the last build.
  return [...chunks].map(([n, pages]) => ({ params: { internal: INTERNAL, chunk: String(n) }, props: { pages }, cacheKey: sourceChunkKey(pages) }));
}

// On libuv's thread pool, beside the routes the main thread renders meanwhile (build.concurrency).
const gzipAsync = promisify(gzip);

export const GET: APIRoute<InferGetStaticPropsType<typeof getStaticPaths>> = async ({ props }) =>
  new Response(await gzipAsync(JSON.stringify(await sourceChunk(props.pages)), { level: 9 }), { headers: { 'Content-Type': 'application/gzip' } });
