import type { TestProject } from 'vitest/node';
import { browserDescription } from './browser.ts';
import { startWiki } from './wiki-server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    siteUrl: string;
    repoDir: string;
    baseCommit: string;
    clientDir: string;
    serverEntry: string;
  }
}

/**
 * Builds the sample wiki once (in its own git repository, as of a fixed day so review badges are
 * stable) and serves it — pages and proposal service — on 127.0.0.1 for the browser tests, and
 * says which browser they run in.
 */
export default async function setup(project: TestProject) {
  const [wiki, browser] = await Promise.all([startWiki(), browserDescription()]);
  console.log(`[pinkas] browser tests run in ${browser}`);
  project.provide('siteUrl', wiki.url);
  project.provide('clientDir', wiki.clientDir);
  project.provide('repoDir', wiki.repoDir);
  project.provide('baseCommit', wiki.baseCommit);
  project.provide('serverEntry', wiki.serverEntry);
  return () => wiki.stop();
}
