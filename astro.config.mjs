// @ts-check
import node from '@astrojs/node';
import { defineConfig } from 'astro/config';
import checkWorker from './src/integrations/check-worker.ts';
import contentRebuild from './src/integrations/content-rebuild/index.ts';
import reading from './src/integrations/reading.ts';
import security from './src/integrations/security.ts';
import { staticHostRewrites } from './src/integrations/static-host-rewrites.ts';
import { wikiLocations } from './src/lib/wiki/locations.ts';
import { siteConfig } from './src/site.config.ts';

/**
 * A bundled entry's file name: a component's script by the component's name (its second script, `-1`).
 * @param {string} name
 */
const scriptFileName = (name) =>
  name.replace(/\.astro_astro_type_script_index_(\d+)_lang$/, (/** @type {string} */ _, /** @type {string} */ i) => (i === '0' ? '' : `-${i}`)).replace(/[^\w.-]/g, '_');

// Pages are rendered by Pinkas' own Markdown/MDX pipeline (src/lib/markdown), which reads MDX as
// data and never executes it; see README "Why no @astrojs/mdx".
// The site is static; only /api/* runs on demand (the proposal service), in the same Node server.
export default defineConfig({
  adapter: node({ mode: 'standalone' }),
  // Security headers on every response of the Node server, and in the build for static hosts; the
  // proposal service's page-check worker beside the server entry; the rewrites static hosts need
  // for the editor and history pages; the readers' signals service's page facts beside the server;
  // last, what the content rebuild needs to render a content change without a full build.
  integrations: [security(), checkWorker(), staticHostRewrites(), reading(), contentRebuild()],
  site: siteConfig.site,
  base: siteConfig.base,
  trailingSlash: 'ignore',
  // Stylesheets as files, never inlined: one download for the whole site instead of a copy in every page.
  build: { format: 'directory', inlineStylesheets: 'never', concurrency: 8 },
  // Tests and benchmarks build several wikis side by side; each gets its own cache (PINKAS_CACHE_DIR).
  cacheDir: wikiLocations(siteConfig.contentDir).cacheDir,
  devToolbar: { enabled: false },
  // Pages whose route gives a `cacheKey` (every wiki page, src/data/route-keys.ts) are copied from
  // the previous build, kept in the cache folder, while the key and the route's code are unchanged.
  experimental: { incrementalBuild: true },
  // Bundled scripts stay files under /_astro/ (never inlined into pages), so the
  // Content-Security-Policy allows them as the site's own ('self') and browsers cache them across
  // pages; images under 4 KB are inlined, as by default.
  vite: {
    build: { assetsInlineLimit: (file) => (file.endsWith('.js') ? false : undefined) },
    // A component's script is named after the component (`SearchBox.<hash>.js`, not
    // `SearchBox.astro_astro_type_script_index_0_lang.<hash>.js`): every page names seven of them.
    environments: { client: { build: { rolldownOptions: { output: { entryFileNames: (chunk) => `_astro/${scriptFileName(chunk.name)}.[hash].js` } } } } },
    // Astro's incremental build hashes `vite.define` but not the output's file names: this names
    // the naming, so that pages naming scripts the old way are built again when it changes.
    define: { 'import.meta.env.PINKAS_SCRIPT_NAMES': JSON.stringify('component-1') },
  },
});
