/**
 * `/edit/sources/<n>.json`: the sources of the editable pages, a few dozen pages a file (which
 * file holds a page follows from its slug: `chunkOf` in src/lib/app-pages.ts).
 */
import type { APIRoute, InferGetStaticPropsType } from 'astro';
import { getSourceChunks, sourceChunk } from '../../../data/editor.ts';

export async function getStaticPaths() {
  const chunks = await getSourceChunks();
  return [...chunks].map(([n, pages]) => ({ params: { chunk: String(n) }, props: { pages } }));
}

export const GET: APIRoute<InferGetStaticPropsType<typeof getStaticPaths>> = async ({ props }) =>
  new Response(JSON.stringify(await sourceChunk(props.pages)), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
