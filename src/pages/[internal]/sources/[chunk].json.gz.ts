/**
 * `/_wiki/sources/<n>.json.gz`: the sources of the editable pages, about 128 pages a file (which
 * file holds a page follows from its slug: `chunkOf` in src/lib/app-pages.ts).
 * Gzipped JSON (the browser unpacks it, src/dom/app-page.ts): the site stays small on disk.
 */
import type { APIRoute, InferGetStaticPropsType } from 'astro';
import { INTERNAL } from '../../../lib/app-pages.ts';
import { gzippedJson } from '../../../data/gzipped-json.ts';
import { getSourceChunks, sourceChunk, sourceChunkKey } from '../../../data/editor.ts';

export async function getStaticPaths() {
  const chunks = await getSourceChunks();
  // `cacheKey`: a chunk none of whose pages changed is copied from the last build.
  return [...chunks].map(([n, pages]) => ({ params: { internal: INTERNAL, chunk: String(n) }, props: { pages }, cacheKey: sourceChunkKey(pages) }));
}

export const GET: APIRoute<InferGetStaticPropsType<typeof getStaticPaths>> = async ({ props }) =>
  gzippedJson(await sourceChunk(props.pages));
