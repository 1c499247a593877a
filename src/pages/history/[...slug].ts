/**
 * `/history/<slug>/` on the Node server: the history page, told which page to show. Static hosts do
 * the same with `_redirects` (Netlify, Cloudflare Pages) or the 404 page (GitHub Pages); see README.
 */
import type { APIRoute } from 'astro';
import { href } from '../../data/wiki.ts';

export const prerender = false;

export const GET: APIRoute = ({ params, redirect }) => redirect(`${href('history')}?page=${encodeURIComponent(params.slug ?? '')}`, 307);
