/**
 * The running readers' signals service: the store (opened once per server process, SQLite in
 * PINKAS_DATA_DIR or PostgreSQL at PINKAS_DATABASE_URL), the build's page facts, and the proposal
 * service's sign-in settings.
 */
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { signalsConfig } from '../lib/signals/config.ts';
import type { SignalsDeps } from '../lib/signals/deps.ts';
import { PageIndex, type PagesManifest } from '../lib/signals/manifest.ts';
import { serverManifest } from '../integrations/reading-files.ts';
import { siteConfig } from '../site.config.ts';
import { proposalDeps } from './proposals.ts';
import { serverStore } from './store.ts';

let deps: Promise<SignalsDeps> | undefined;

export function signalsDeps(): Promise<SignalsDeps> {
  deps ??= create();
  deps.catch(() => (deps = undefined));
  return deps;
}

/** The page facts beside the server entry: the folder above this module that holds entry.mjs. */
function findManifest(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(path.join(dir, 'entry.mjs'))) return path.join(dir, serverManifest);
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`The build's page facts (${serverManifest} beside the server entry) were not found; build the site with \`npm run build\`, or set PINKAS_PAGES_MANIFEST.`);
    dir = parent;
  }
}

/** Reads the page facts again when the file changed (a rebuild in place), looking at most once a second. */
function manifestReader(file: string): () => Promise<PageIndex> {
  let loaded: { index: PageIndex; mtime: number } | undefined;
  let checked = 0;
  return async () => {
    if (loaded && Date.now() - checked < 1000) return loaded.index;
    checked = Date.now();
    const mtime = statSync(file).mtimeMs;
    if (!loaded || loaded.mtime !== mtime) loaded = { index: new PageIndex(JSON.parse(await readFile(file, 'utf8')) as PagesManifest), mtime };
    return loaded.index;
  };
}

/** `npm run dev`: the facts of the wiki as it is now, worked out at most every few seconds. */
function devPages(): () => Promise<PageIndex> {
  let latest: { index: Promise<PageIndex>; at: number } | undefined;
  return () => {
    if (!latest || Date.now() - latest.at > 3000) {
      const index = import('../data/reading.ts').then(async ({ getPagesManifest }) => new PageIndex(await getPagesManifest()));
      latest = { index, at: Date.now() };
    }
    return latest.index;
  };
}

async function create(): Promise<SignalsDeps> {
  const config = signalsConfig(process.env);
  // `npm run dev` has no build: the facts are worked out from the wiki as it is now.
  const pages = import.meta.env.DEV && !config.manifestFile ? devPages() : manifestReader(config.manifestFile ?? findManifest());
  await pages();
  const store = await serverStore();
  const siteOrigin = config.siteOrigin ?? (siteConfig.site ? new URL(siteConfig.site).origin : undefined);
  return {
    store,
    pages,
    identity: async () => (await proposalDeps()).identity,
    ...(siteOrigin ? { siteOrigin } : {}),
    limits: config.limits,
    ...(config.devGroups ? { devGroups: config.devGroups } : {}),
  };
}
