/**
 * `npm run build`: the content rebuild (run.ts) when it can, else `astro build`. `--full` (or
 * `PINKAS_FULL_BUILD=1`) always builds in full; a full build is what makes the next content
 * rebuild possible.
 */
import path from 'node:path';
import { contentRebuild, type RebuildResult } from './run.ts';

export interface WikiBuildOptions {
  root: string;
  outDir?: string;
  logLevel?: 'info' | 'warn';
  full?: boolean;
}

export async function buildWiki({ root, outDir = path.join(root, 'dist'), logLevel = 'info', full = false }: WikiBuildOptions): Promise<RebuildResult> {
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
