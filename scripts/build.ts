/**
 * npm run build [-- --full] [--outDir dist]
 *
 * Builds the site into dist/: after a content-only change (a merged proposal), by rendering what
 * changed with the last build's bundle (src/integrations/content-rebuild/); otherwise, or with
 * `--full`, with `astro build`.
 */
import { buildWiki } from '../src/integrations/content-rebuild/build.ts';

const args = process.argv.slice(2);
const at = args.indexOf('--outDir');
await buildWiki({
  root: process.cwd(),
  ...(at === -1 ? {} : { outDir: args[at + 1] }),
  full: args.includes('--full') || process.env.PINKAS_FULL_BUILD === '1',
});
