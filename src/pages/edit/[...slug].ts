/**
 * `/edit/<slug>/` on the Node server (and in `npm run dev`): the editor page, told which page to
 * open. Static hosts do the same with `_redirects` or the 404 page (src/integrations/static-host-rewrites.ts).
 */
import type { APIRoute } from 'astro';
import { href } from '../../data/wiki.ts';
import { appPagePath } from '../../lib/app-pages.ts';

export const prerender = false;

export const GET: APIRoute = ({ params, redirect }) => redirect(`${href(appPagePath('edit'))}?page=${encodeURIComponent(params.slug ?? '')}`, 307);
