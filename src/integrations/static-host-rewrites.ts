/**
 * How `/edit/<slug>/` and `/history/<slug>/` reach the one editor and history page
 * (`/_wiki/edit/`, `/_wiki/history/`, src/lib/app-pages.ts) on a static host: `_redirects`
 * (Netlify and Cloudflare Pages) rewrites every address under `/edit/` to the editor page; nothing
 * else lives under `/edit/`, so the rule never hides a file (Cloudflare applies rules before
 * files). Hosts without rewrites (GitHub Pages) get there through the 404 page, the Node server
 * through src/pages/edit/[...slug].ts.
 */
import { writeFile } from 'node:fs/promises';
import type { AstroIntegration } from 'astro';
import { appPagePath, appPrefixes } from '../lib/app-pages.ts';
import { joinUrl } from '../lib/paths.ts';

export function redirectsFile(base: string): string {
  return appPrefixes.map((app) => `${joinUrl(base, app)}* ${joinUrl(base, appPagePath(app))} 200`).join('\n') + '\n';
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
