/**
 * The content rebuild: when only the content changed since the last full build (the code's
 * fingerprint is the same, state.ts), the routes are rendered with that build's own prerender
 * bundle, in this process, without starting Astro or bundling anything. The pages are computed as
 * the wiki loader computes them (through the render cache) and handed to the bundle's routes
 * (src/loaders/hand-over.ts); every path is listed by the routes' `getStaticPaths` as Astro lists
 * them, and a path is rendered again unless its route gives a `cacheKey` equal to the last one;
 * paths no longer listed are removed. Then the steps of the integrations that read the output run
 * again: the readers' page facts move beside the server, the security policy is recomputed from
 * each page's part (re-read only for the pages rendered again).
 *
 * It says why, and leaves the build to `astro build`, when it cannot: no state, other code, or
 * anything it meets that a full build would handle differently. Invalid content fails it as it
 * fails the full build, with every problem listed.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pLimit from 'p-limit';
import { handOverPages, handOverSearchIndex, handOverTemplates } from '../../loaders/hand-over.ts';
import { readTemplates } from '../../loaders/templates-loader.ts';
import { siteWikiPagesAndIndex } from '../../loaders/wiki-pages.ts';
import { builtManifest } from '../reading-files.ts';
import { moveReadingFacts } from '../reading.ts';
import { policyFactsFile } from '../security-files.ts';
import { policyCollector, writeSecurityFiles, type PolicyFacts } from '../security.ts';
import { BUNDLE_DIR, codeFingerprint, envFiles, outputFile, REBUILD_DIR, requestUrl, STATE_FILE, STATE_VERSION, type BuiltPath, type RebuildState } from './state.ts';

export interface RebuildLogger {
  info(message: string): void;
  warn(message: string): void;
}

export type RebuildResult = { rebuilt: true; rendered: number; kept: number; removed: number; ms: number } | { rebuilt: false; reason: string };

interface Route {
  component: string;
  type: string;
  prerender: boolean;
}
interface BundleApp {
  manifest: { routes: { routeData: Route }[] };
  routeCache: unknown;
  getComponentByRoute(route: Route): Promise<unknown>;
  setInternals(internals: unknown): void;
  setOptions(options: unknown): void;
  render(request: Request, options: { routeData: Route }): Promise<Response>;
}
interface StaticPathsClass {
  new (app: Pick<BundleApp, 'manifest' | 'routeCache' | 'getComponentByRoute'>): { getAll(): Promise<{ pathname: string; route: Route; cacheKey?: string }[]> };
}

/** Renders the content's changes into the last build's output, or says why it cannot. */
export async function contentRebuild(root: string, outDir: string, logger: RebuildLogger): Promise<RebuildResult> {
  const started = performance.now();
  const stateDir = path.join(outDir, 'server', REBUILD_DIR);
  const stateFile = path.join(stateDir, STATE_FILE);
  let state: RebuildState;
  try {
    state = JSON.parse(await readFile(stateFile, 'utf8')) as RebuildState;
  } catch {
    return { rebuilt: false, reason: `no content rebuild state in ${path.relative(root, stateDir)} (the last build was not a complete one)` };
  }
  if (state.version !== STATE_VERSION) return { rebuilt: false, reason: 'the rebuild state is of another version' };
  const env = await envFiles(root);
  if (env.length) return { rebuilt: false, reason: `${env.join(', ')}: Astro reads these into the environment while it bundles, which the content rebuild does not do` };
  if (state.code !== (await codeFingerprint(root, outDir))) return { rebuilt: false, reason: 'the code, its settings or its packages changed since the last build' };

  // As `astro build` does; the loaders run as in its content sync (root with a trailing slash).
  process.env.NODE_ENV ??= 'production';
  const projectRoot = pathToFileURL(path.resolve(root) + path.sep).pathname;
  const mark = timer();
  // The search index's worker starts now, and builds as soon as the pages are rendered.
  const { pages: computing, searchIndex } = siteWikiPagesAndIndex(projectRoot, state.folders.base);
  const { pages, warnings, summary } = await computing;
  mark('pages');
  for (const warning of warnings) logger.warn(warning);
  logger.info(summary);

  // From here on the output changes: until the state is written again, the next build is a full one.
  await rm(stateFile);
  try {
    handOverPages(pages);
    handOverTemplates(await readTemplates(projectRoot));
    handOverSearchIndex(searchIndex);
    const result = await renderChanges(state, logger, mark);
    await writeFile(stateFile, JSON.stringify({ ...state, paths: result.paths } satisfies RebuildState));
    const ms = performance.now() - started;
    logger.info(`content rebuild: ${result.rendered} paths rendered, ${result.kept} kept from the last build, ${result.removed} removed, in ${Math.round(ms)} ms (${mark.steps()})`);
    return { rebuilt: true, rendered: result.rendered, kept: result.kept, removed: result.removed, ms };
  } catch (error) {
    return { rebuilt: false, reason: `the content rebuild stopped: ${(error as Error).stack ?? error}` };
  }
}

/** Durations of the rebuild's steps, for its last message. */
function timer() {
  let last = performance.now();
  const steps: string[] = [];
  const mark = (step: string) => {
    const now = performance.now();
    steps.push(`${step} ${((now - last) / 1000).toFixed(1)} s`);
    last = now;
  };
  mark.steps = () => steps.join(', ');
  return mark;
}

async function renderChanges(state: RebuildState, logger: RebuildLogger, mark: (step: string) => void) {
  const { clientDir, serverDir } = state.folders;
  const entry = (await import(pathToFileURL(path.join(serverDir, REBUILD_DIR, BUNDLE_DIR, state.entry)).href)) as { app: BundleApp };
  const { StaticPaths } = (await import('astro/runtime/prerender/static-paths.js')) as unknown as { StaticPaths: StaticPathsClass };
  const app = entry.app;
  app.setInternals({ pagesByKeys: new Map(state.pageStyles), entrySpecifierToBundleMap: new Map(state.entrySpecifiers) });
  app.setOptions({ settings: { scripts: state.scripts }, logger: { options: { destination: bundleLog(logger) } } });

  mark('bundle loaded');

  // Each route lists its paths and renders the changed ones as soon as it has them: the search
  // index's routes wait for the index (built in a worker thread) while the others go on. On the
  // first failure nothing more starts, and every write under way ends before the rebuild returns
  // (a full build then empties the folder).
  const paths: Record<string, BuiltPath> = {};
  const collector = await policyCollector(state.folders.srcDir);
  const facts = JSON.parse(await readFile(path.join(serverDir, policyFactsFile), 'utf8')) as PolicyFacts;
  const limit = pLimit(8);
  const jobs: Promise<void>[] = [];
  let failure: unknown;
  let listedCount = 0;
  const render = async (pathname: string, route: Route, built: BuiltPath) => {
    const response = await app.render(new Request(requestUrl(state.origin, state.folders.base, pathname, built.type)), { routeData: route });
    if (response.status >= 300 && response.status < 400) throw new Error(`${pathname} answered a redirect (${response.status})`);
    if (!response.body) throw new Error(`${pathname} answered no body`);
    const body = Buffer.from(await response.arrayBuffer());
    const file = path.join(clientDir, built.file);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, body);
    if (built.file.endsWith('.html')) facts[built.file] = collector.factsOf(body.toString('utf8'));
  };
  const routes = app.manifest.routes.map((r) => r.routeData).filter((r) => r.prerender);
  await Promise.all(
    routes.map(async (routeData) => {
      try {
        // Astro's own listing, of this one route.
        const one = Object.create(app.manifest, { routes: { value: [{ routeData }] } }) as BundleApp['manifest'];
        const listed = await new StaticPaths({ manifest: one, routeCache: app.routeCache, getComponentByRoute: (r: Route) => app.getComponentByRoute(r) }).getAll();
        const changed = listed.flatMap(({ pathname, route, cacheKey }) => {
          if (paths[pathname]) throw new Error(`${pathname} is listed by two routes`);
          if (route.type !== 'page' && route.type !== 'endpoint') throw new Error(`${pathname} is a ${route.type} route`);
          // Astro names the file after the address, where `#` or `?` would end the path.
          if (/[#?\\]/.test(pathname)) throw new Error(`${JSON.stringify(pathname)} has a character a full build names its file differently for`);
          const built: BuiltPath = { component: route.component, type: route.type, ...(cacheKey === undefined ? {} : { cacheKey }), file: outputFile(pathname, route.type) };
          paths[pathname] = built;
          const last = state.paths[pathname];
          const same = cacheKey !== undefined && last?.cacheKey === cacheKey && last.component === route.component && existsSync(path.join(clientDir, built.file));
          return same ? [] : [{ pathname, route, built }];
        });
        listedCount += listed.length;
        for (const { pathname, route, built } of changed) {
          jobs.push(
            limit(async () => {
              if (failure) return;
              await render(pathname, route, built).catch((error: unknown) => void (failure ??= error));
            }),
          );
        }
      } catch (error) {
        failure ??= error;
      }
    }),
  );
  await Promise.allSettled(jobs);
  if (failure) throw failure;
  mark('rendered');
  const gone = Object.entries(state.paths).filter(([pathname]) => !paths[pathname]);
  const files = new Map(Object.values(paths).map((b) => [b.file.toLowerCase(), b.file]));
  for (const [, built] of gone) {
    // On a file system that ignores case, a page renamed from Leave to leave is one file.
    const now = files.get(built.file.toLowerCase());
    if (now && now !== built.file && (await sameFile(path.join(clientDir, now), path.join(clientDir, built.file)))) continue;
    await removeFile(clientDir, built.file);
    delete facts[built.file];
  }

  // What the integrations do after a build, for what changed.
  if (existsSync(path.join(clientDir, builtManifest))) await moveReadingFacts(clientDir, serverDir);
  await writeSecurityFiles(state.folders, collector, facts, logger);
  mark('security policy');

  return { paths, rendered: jobs.length, kept: listedCount - jobs.length, removed: gone.length };
}

async function sameFile(a: string, b: string): Promise<boolean> {
  const [x, y] = await Promise.all([stat(a).catch(() => undefined), stat(b).catch(() => undefined)]);
  return Boolean(x && y && x.ino === y.ino && x.dev === y.dev);
}

/** Removes a file and the folders it leaves empty, up to the client folder. */
async function removeFile(clientDir: string, file: string) {
  const root = path.resolve(clientDir);
  await rm(path.join(root, file), { force: true });
  for (let dir = path.dirname(path.join(root, file)); dir.startsWith(root + path.sep); dir = path.dirname(dir)) {
    try {
      await rmdir(dir);
    } catch {
      break;
    }
  }
}

/** Where the bundle's own messages go (Astro's logger destination): its warnings and errors, to ours. */
function bundleLog(logger: RebuildLogger) {
  return {
    write(event: { level: string; label?: string | null; message: string }) {
      if (event.level === 'error' || event.level === 'warn') logger.warn(`${event.label ? `[${event.label}] ` : ''}${event.message}`);
      return true;
    },
  };
}
