// @ts-check
/**
 * The baseline of `npm run bench:build`: a plain Astro 7 site with @astrojs/mdx and a minimal
 * layout, built from the same generated corpus as Pinkas (PLAIN_CONTENT_DIR), so that the two
 * builds are compared in one run on one machine.
 */
import mdx from '@astrojs/mdx';
import { defineConfig } from 'astro/config';

export default defineConfig({
  integrations: [mdx()],
  build: { format: 'directory' },
  cacheDir: process.env.PLAIN_CACHE_DIR ?? './node_modules/.astro',
  devToolbar: { enabled: false },
  // MDX modules carry a directive that the bundler warns about once per page: noise, not news.
  vite: { build: { rollupOptions: { onwarn: (warning, warn) => warning.code === 'MODULE_LEVEL_DIRECTIVE' || warn(warning) } } },
});
