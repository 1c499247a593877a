/**
 * `npm run build`: the content rebuild (run.ts) when it can, else `astro build`. `--full` (or
 * `PINKAS_FULL_BUILD=1`) always builds in full; a full build is what makes the next content
 * rebuild possible.
 */
import { enableCompileCache, getCompileCacheDir } from 'node:module';
import path from 'node:path';
import { wikiLocations } from '../../lib/wiki/locations.ts';
import type { RebuildResult } from './run.ts';

export interface WikiBuildOptions {
  root: string;
  outDir?: string;
  logLevel?: 'info' | 'warn';
  full?: boolean;
}

/**
 * Node's compile cache, in the build's cache folder (which the deploy workflow keeps between
 * builds): the build's modules — its own TypeScript, stripped of types, and Astro's — are compiled
 * once, not at every build (a quarter of a second of a content rebuild's start). Its worker threads
 * inherit it through the environment. A cache only: if Node cannot use the folder, it compiles.
 */
function useCompileCache(root: string) {
  enableCompileCache(path.join(wikiLocations('.', root).cacheDir, 'node-compile-cache'));
  const dir = getCompileCacheDir();
  if (dir) process.env.NODE_COMPILE_CACHE = dir;
}

export async function buildWiki({ root, outDir = path.join(root, 'dist'), logLevel = 'info', full = false }: WikiBuildOptions): Promise<RebuildResult> {
  useCompileCache(root);
  // Imported once the compile cache is on.
  const { contentRebuild } = await import('./run.ts');
  const say = (message: string) => console.log(`[pinkas] ${message}`);
  const logger = { info: (m: string) => logLevel === 'info' && say(m), warn: (m: string) => console.warn(`[pinkas] ${m}`) };
  const rebuild: RebuildResult = full ? { rebuilt: false, reason: 'a full build was asked for' } : await contentRebuild(root, outDir, logger);
  if (rebuild.rebuilt) return rebuild;
  say(`full build: ${rebuild.reason}`);
  // Loaded only now: Astro's build takes most of a second to import, a content rebuild does not need it.
  const { build } = await import('astro');
  await build({ root, outDir, logLevel });
  return rebuild;
}
