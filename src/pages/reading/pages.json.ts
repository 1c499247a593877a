/**
 * `/reading/pages.json`, written by the build and moved beside the server by
 * src/integrations/reading.ts: what the readers' signals service knows about each page.
 */
import type { APIRoute } from 'astro';
import { getPagesManifest } from '../../data/reading.ts';

export const GET: APIRoute = async () => new Response(JSON.stringify(await getPagesManifest()), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
