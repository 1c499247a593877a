/**
 * Images and other files that live beside the pages in the content folder (`content/hr/form.pdf`),
 * served at `/media/hr/form.pdf`. Pages link to them relatively; the renderer rewrites the links.
 * SVG is not served: opened directly, an SVG can run script as a page of this site.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { APIRoute, GetStaticPaths } from 'astro';
import { listContentFolder } from '../../lib/content/read-content.ts';
import { mediaTypes } from '../../lib/paths.ts';
import { wikiLocations } from '../../lib/wiki/locations.ts';
import { siteConfig } from '../../site.config.ts';

const contentDir = () => wikiLocations(siteConfig.contentDir).contentDir;

export const getStaticPaths: GetStaticPaths = async () => {
  const folder = await listContentFolder(contentDir());
  return [...folder.assets].filter((file) => path.extname(file).toLowerCase() in mediaTypes).map((file) => ({ params: { path: file } }));
};

export const GET: APIRoute = async ({ params }) => {
  const file = String(params.path);
  const body = await readFile(path.join(contentDir(), file));
  return new Response(body, { headers: { 'Content-Type': mediaTypes[path.extname(file).toLowerCase()] ?? 'application/octet-stream' } });
};
