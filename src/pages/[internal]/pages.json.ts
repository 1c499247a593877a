/**
 * `/_wiki/pages.json`: every page's slug, title, language and other addresses, and the files beside
 * the pages — what the editor's preview needs to resolve links exactly as the site does, and what
 * the page picker and `/new/` search.
 */
import type { APIRoute } from 'astro';
import { getPagesFile } from '../../data/editor.ts';
import { INTERNAL } from '../../lib/app-pages.ts';

export function getStaticPaths() {
  return [{ params: { internal: INTERNAL } }];
}

export const GET: APIRoute = async () =>
  new Response(JSON.stringify(await getPagesFile()), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
