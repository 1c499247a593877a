/**
 * The full build's side of the content rebuild (run.ts): wraps Astro's prerenderer to learn what
 * the routes' renderer needs and which paths it wrote with which `cacheKey`, keeps the prerender
 * bundle Astro would delete, and writes the rebuild's state (state.ts) once the build is done. If
 * anything it learns does not check out (a path's address or file is not where the rebuild would
 * put it), it writes no state, says why, and the next build is a full one.
 */
import { existsSync } from 'node:fs';
import { cp, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroConfig, AstroIntegration, AstroIntegrationLogger, ViteUserConfig } from 'astro';
import { builtManifest, serverManifest } from '../reading-files.ts';
import { securityFolders } from '../security.ts';
import { BUNDLE_DIR, codeFingerprint, outputFile, REBUILD_DIR, requestUrl, STATE_FILE, STATE_VERSION, type BuiltPath, type RebuildState } from './state.ts';

interface Route {
  component: string;
  type: string;
}
interface StaticPath {
  pathname: string;
  route: Route;
  cacheKey?: string;
}
interface BuildInternals {
  pagesByKeys: Map<string, { styles: unknown[] }>;
  entrySpecifierToBundleMap: Map<string, string>;
}
interface PrerenderApp {
  setInternals(internals: BuildInternals): void;
  getOptions(): { settings: { scripts: unknown[] } };
}
export interface Prerenderer {
  name: string;
  setup?(): Promise<void>;
  getStaticPaths(): Promise<StaticPath[]>;
  render(request: Request, options: { routeData: Route }): Promise<unknown>;
  teardown?(): Promise<void>;
}

type VitePlugin = NonNullable<ViteUserConfig['plugins']>[number];

/**
 * Astro leaves the prerender bundle's entry to the adapter when an integration sets a prerenderer;
 * the wrapper keeps Astro's own, so this names it again.
 */
function prerenderEntryPlugin(): VitePlugin {
  return {
    name: 'pinkas:content-rebuild',
    apply: 'build',
    enforce: 'post',
    configEnvironment(name) {
      if (name === 'prerender') return { build: { rolldownOptions: { input: 'astro/entrypoints/prerender' } } };
    },
  };
}

export default function contentRebuild(): AstroIntegration {
  let config: AstroConfig;
  let code: Promise<string>;
  let captured: { entry: string; internals?: BuildInternals; scripts: unknown[]; paths: StaticPath[]; requested: string[] } | undefined;
  const prerenderDir = () => new URL('./.prerender/', config.build.server);
  const rebuildDir = () => path.join(fileURLToPath(config.build.server), REBUILD_DIR);

  const wrap = (inner: Prerenderer): Prerenderer => ({
    name: 'pinkas:content-rebuild',
    async setup() {
      const entry = (await readdir(prerenderDir())).find((f) => /^prerender-entry.*\.mjs$/.test(f));
      if (entry) {
        // The same module the default prerenderer imports next: its app tells what it is given.
        const { app } = (await import(new URL(entry, prerenderDir()).href)) as { app: PrerenderApp };
        const setInternals = app.setInternals.bind(app);
        captured = { entry, scripts: [], paths: [], requested: [] };
        app.setInternals = (internals) => {
          captured!.internals = internals;
          setInternals(internals);
        };
        await inner.setup?.();
        captured.scripts = app.getOptions().settings.scripts;
      } else {
        await inner.setup?.();
      }
    },
    async getStaticPaths() {
      const paths = await inner.getStaticPaths();
      if (captured) captured.paths = paths;
      return paths;
    },
    async render(request, options) {
      captured?.requested.push(request.url);
      return inner.render(request, options);
    },
    teardown: () => inner.teardown?.() ?? Promise.resolve(),
  });

  return {
    name: 'pinkas:content-rebuild',
    hooks: {
      'astro:config:setup': ({ updateConfig }) => {
        updateConfig({ vite: { plugins: [prerenderEntryPlugin()] } });
      },
      'astro:config:done': ({ config: done }) => {
        config = done;
      },
      'astro:build:start': ({ setPrerenderer }) => {
        code = codeFingerprint(fileURLToPath(config.root), fileURLToPath(config.outDir));
        setPrerenderer(((inner: Prerenderer) => wrap(inner)) as unknown as Parameters<typeof setPrerenderer>[0]);
      },
      'astro:build:generated': async () => {
        await rm(rebuildDir(), { recursive: true, force: true });
        if (captured) await cp(prerenderDir(), path.join(rebuildDir(), BUNDLE_DIR), { recursive: true });
      },
      'astro:build:done': async ({ logger }) => {
        const state = await stateOf(await code, logger);
        if (!state) {
          await rm(rebuildDir(), { recursive: true, force: true });
          return;
        }
        await mkdir(rebuildDir(), { recursive: true });
        await writeFile(path.join(rebuildDir(), STATE_FILE), JSON.stringify(state));
      },
    },
  };

  async function stateOf(fingerprint: string, logger: AstroIntegrationLogger): Promise<RebuildState | undefined> {
    const refuse = (why: string) => {
      logger.warn(`content rebuild: the next build will be a full one: ${why}`);
      return undefined;
    };
    if (!captured?.internals) return refuse('the prerender bundle was not found');
    const origin = captured.requested[0] ? new URL(captured.requested[0]).origin : 'http://localhost';
    const client = fileURLToPath(config.build.client);
    const paths: Record<string, BuiltPath> = {};
    for (const { pathname, route, cacheKey } of captured.paths) {
      if (route.type !== 'page' && route.type !== 'endpoint') return refuse(`${pathname} is a ${route.type} route`);
      const file = outputFile(pathname, route.type);
      // The readers' page facts move beside the server once written (reading.ts); the rebuild moves them too.
      const written = file === builtManifest ? path.join(fileURLToPath(config.build.server), serverManifest) : path.join(client, file);
      if (!existsSync(written)) return refuse(`${pathname} was not written to ${file}`);
      paths[pathname] = { component: route.component, type: route.type, ...(cacheKey === undefined ? {} : { cacheKey }), file };
    }
    // Astro asks for each path it renders at the address the rebuild would ask for it.
    const addresses = new Set(captured.paths.map(({ pathname, route }) => requestUrl(origin, config.base, pathname, route.type as BuiltPath['type'])));
    const elsewhere = captured.requested.find((url) => !addresses.has(url));
    if (elsewhere) return refuse(`${elsewhere} is not where a rebuild would ask for its path`);
    return {
      version: STATE_VERSION,
      code: fingerprint,
      entry: captured.entry,
      origin,
      folders: securityFolders(config),
      pageStyles: [...captured.internals.pagesByKeys].map(([key, data]) => [key, { styles: data.styles }]),
      entrySpecifiers: [...captured.internals.entrySpecifierToBundleMap],
      scripts: captured.scripts,
      paths,
    };
  }
}

