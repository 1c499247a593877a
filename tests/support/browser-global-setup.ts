import type { TestProject } from 'vitest/node';
import { buildSite } from './build-site.ts';
import { serveStatic } from '../../scripts/lib/static-server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    siteUrl: string;
  }
}

/**
 * Builds the sample wiki once (as of a fixed day, so review badges are stable) and serves it on
 * 127.0.0.1 for the browser tests.
 */
export default async function setup(project: TestProject) {
  const result = await buildSite({ env: { PINKAS_TODAY: '2026-11-23' } });
  if (result.code !== 0) throw new Error(`The sample site did not build:\n${result.output}`);
  const server = await serveStatic(result.outDir);
  project.provide('siteUrl', server.url);
  return () => server.close();
}
