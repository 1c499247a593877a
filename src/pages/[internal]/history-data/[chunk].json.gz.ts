/**
 * `/_wiki/history-data/<n>.json.gz`: the histories of about 256 pages (which file holds a page: `chunkOf`),
 * as gzipped JSON (the browser unpacks it, src/dom/app-page.ts): the site stays small on disk.
 */
import type { APIRoute, InferGetStaticPropsType } from 'astro';
import { INTERNAL } from '../../../lib/app-pages.ts';
import { gzippedJson } from '../../../data/gzipped-json.ts';
import { getHistoryChunks, historyChunk, historyChunkKey } from '../../../data/history.ts';

export async function getStaticPaths() {
  const chunks = await getHistoryChunks();
  // `cacheKey`: a chunk none of whose pages' histories changed is copied from the last build.
  return Promise.all([...chunks].map(async ([n, pages]) => ({ params: { internal: INTERNAL, chunk: String(n) }, props: { pages }, cacheKey: await historyChunkKey(pages) })));
}

export const GET: APIRoute<InferGetStaticPropsType<typeof getStaticPaths>> = async ({ props }) =>
  gzippedJson(await historyChunk(props.pages));
