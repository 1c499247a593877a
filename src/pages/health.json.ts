/** /health.json: the knowledge-health report, for automation. */
import type { APIRoute } from 'astro';
import { getHealth } from '../data/records.ts';

export const GET: APIRoute = async () =>
  new Response(JSON.stringify(await getHealth(), null, 2), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
