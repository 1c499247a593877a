/**
 * `/edit/<slug>/` on the Node server: the one editor page, served at this address
 * (src/server/app-pages.ts). Static hosts do the same with `_redirects` or the 404 page
 * (src/integrations/static-host-rewrites.ts).
 */
import type { APIRoute } from 'astro';
import { appPageResponse } from '../../server/app-pages.ts';

// The on-demand server carries no wiki content: nothing here imports the content collection.
export const prerender = false;

export const GET: APIRoute = ({ params }) => appPageResponse('edit', params.slug ?? '', import.meta.env.BASE_URL);
