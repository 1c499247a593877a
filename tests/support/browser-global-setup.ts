import type { TestProject } from 'vitest/node';
import { startWiki } from '../../scripts/lib/wiki-server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    siteUrl: string;
    repoDir: string;
    baseCommit: string;
  }
}

/**
 * Builds the sample wiki once (in its own git repository, as of a fixed day so review badges are
 * stable) and serves it — pages and proposal service — on 127.0.0.1 for the browser tests.
 */
export default async function setup(project: TestProject) {
  const wiki = await startWiki();
  project.provide('siteUrl', wiki.url);
  project.provide('repoDir', wiki.repoDir);
  project.provide('baseCommit', wiki.baseCommit);
  return () => wiki.stop();
}
