/**
 * `/history/<slug>/` on the Node server (and in `npm run dev`): the history page, told which page to
 * open. Static hosts do the same with `_redirects` or the 404 page (src/integrations/static-host-rewrites.ts).
 */
import type { APIRoute } from 'astro';
import { appPagePath } from '../../lib/app-pages.ts';
import { joinUrl } from '../../lib/paths.ts';

// The on-demand server carries no wiki content: nothing here imports the content collection.
export const prerender = false;

export const GET: APIRoute = ({ params, redirect }) => redirect(`${joinUrl(import.meta.env.BASE_URL, appPagePath('history'))}?page=${encodeURIComponent(params.slug ?? '')}`, 307);
