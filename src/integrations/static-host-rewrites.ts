/**
 * The rewrites a static host needs for the editor and history pages: every `/edit/<slug>/` is
 * served `/edit/` (and `/history/<slug>/` `/history/`), which read the page from the address.
 * Written as `_redirects` (Netlify and Cloudflare Pages); GitHub Pages, which has no rewrites,
 * gets there through the 404 page, and the Node server through src/pages/edit/[...slug].ts.
 */
import { writeFile } from 'node:fs/promises';
import type { AstroIntegration } from 'astro';
import { joinUrl } from '../lib/paths.ts';

export const appPages = ['edit', 'history'] as const;

export function redirectsFile(base: string): string {
  return appPages.map((app) => `${joinUrl(base, app)}* ${joinUrl(base, app)} 200`).join('\n') + '\n';
}

export function staticHostRewrites(): AstroIntegration {
  let base = '/';
  return {
    name: 'pinkas-static-host-rewrites',
    hooks: {
      'astro:config:done': ({ config }) => {
        base = config.base;
      },
      'astro:build:done': async ({ dir }) => {
        await writeFile(new URL('_redirects', dir), redirectsFile(base));
      },
    },
  };
}
