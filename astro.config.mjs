// @ts-check
import node from '@astrojs/node';
import { defineConfig } from 'astro/config';
import checkWorker from './src/integrations/check-worker.ts';
import reading from './src/integrations/reading.ts';
import security from './src/integrations/security.ts';
import { wikiLocations } from './src/lib/wiki/locations.ts';
import { siteConfig } from './src/site.config.ts';

// Pages are rendered by Pinkas' own Markdown/MDX pipeline (src/lib/markdown), which reads MDX as
// data and never executes it; see README "Why no @astrojs/mdx".
// The site is static; only /api/* runs on demand (the proposal service), in the same Node server.
export default defineConfig({
  adapter: node({ mode: 'standalone' }),
  // Security headers on every response of the Node server, and in the build for static hosts; the
  // proposal service's page-check worker beside the server entry; the readers' signals service's
  // page facts beside the server (and, for the browser tests only, the widget test pages named by
  // PINKAS_WIDGET_TEST_PAGES).
  integrations: [security(), checkWorker(), reading({ testPages: process.env.PINKAS_WIDGET_TEST_PAGES })],
  site: siteConfig.site,
  base: siteConfig.base,
  trailingSlash: 'ignore',
  build: { format: 'directory' },
  // Tests and benchmarks build several wikis side by side; each gets its own cache (PINKAS_CACHE_DIR).
  cacheDir: wikiLocations(siteConfig.contentDir).cacheDir,
  devToolbar: { enabled: false },
  // Bundled scripts stay files under /_astro/ (never inlined into pages), so the
  // Content-Security-Policy allows them as the site's own ('self') and browsers cache them across
  // pages; stylesheets and images under 4 KB are inlined, as by default.
  vite: { build: { assetsInlineLimit: (file) => (file.endsWith('.js') ? false : undefined) } },
});
