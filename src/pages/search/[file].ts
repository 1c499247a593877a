/** The search index files (`/search/manifest.json`, `titles.json`, `text-<n>.json`), built once per build. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getSearchFiles } from '../../data/search.ts';

export const getStaticPaths: GetStaticPaths = async () => {
  const files = await getSearchFiles();
  return [...files.keys()].map((file) => ({ params: { file } }));
};

export const GET: APIRoute = async ({ params }) => {
  const files = await getSearchFiles();
  const body = files.get(String(params.file));
  if (body === undefined) return new Response('Not found', { status: 404 });
  return new Response(body, { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};
