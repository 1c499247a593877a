/** The search index files (`/search/manifest.json`, the chunks and the lists of src/lib/search/format.ts), built once per build. */
import { createHash } from 'node:crypto';
import type { APIRoute, InferGetStaticPropsType } from 'astro';
import { getSearchFiles } from '../../data/search.ts';

export async function getStaticPaths() {
  const files = await getSearchFiles();
  // `cacheKey`: a file whose text is unchanged is copied from the last build (after a one-page edit, most are).
  return [...files].map(([file, body]) => ({ params: { file }, props: { body }, cacheKey: createHash('sha256').update(body).digest('base64url') }));
}

export const GET: APIRoute<InferGetStaticPropsType<typeof getStaticPaths>> = ({ props }) =>
  new Response(props.body, { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
