/** `/history/data/<n>.json`: the histories of a few dozen pages (which file holds a page: `chunkOf`). */
import type { APIRoute, InferGetStaticPropsType } from 'astro';
import { getHistoryChunks, historyChunk } from '../../../data/history.ts';

export async function getStaticPaths() {
  const chunks = await getHistoryChunks();
  return [...chunks].map(([n, pages]) => ({ params: { chunk: String(n) }, props: { pages } }));
}

export const GET: APIRoute<InferGetStaticPropsType<typeof getStaticPaths>> = async ({ props }) =>
  new Response(JSON.stringify(await historyChunk(props.pages)), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
