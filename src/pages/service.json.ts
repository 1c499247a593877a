/**
 * `/service.json`: whether this site has its Node service (proposals, readers' signals). Built as
 * `{"service":false}` for static hosts; the Node server answers `{"service":true}` in its place
 * (src/server/entry.ts), and `npm run dev` renders it on demand, with the service. Browser code
 * asks it first, so a static-only deploy never calls /api/ (no 404 in the console).
 */
import type { APIRoute } from 'astro';

export const GET: APIRoute = () =>
  new Response(JSON.stringify({ service: import.meta.env.DEV }), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
