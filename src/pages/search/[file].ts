/** The search index files (`/search/manifest.json`, the chunks and the lists of src/lib/search/format.ts), built once per build. */
import type { APIRoute, InferGetStaticPropsType } from 'astro';
import { getSearchFiles } from '../../data/search.ts';

export async function getStaticPaths() {
  const files = await getSearchFiles();
  return [...files].map(([file, body]) => ({ params: { file }, props: { body } }));
}

export const GET: APIRoute<InferGetStaticPropsType<typeof getStaticPaths>> = ({ props }) =>
  new Response(props.body, { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
