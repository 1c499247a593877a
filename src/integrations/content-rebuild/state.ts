/**
 * What a full build leaves for the content rebuild, in `dist/server/.pinkas-rebuild/` (beside the
 * server, never served; removed with the build it belongs to): the prerender bundle Astro built
 * and would delete, what Astro's renderer needs besides it (each route's stylesheets, the page
 * scripts), every route the build wrote with its `cacheKey` and file, and the fingerprint of the
 * code it was built from. `state.json` is written last; a rebuild removes it before it writes
 * anything and writes it again when it is done, so a site left half-written by a crash or a
 * failure is rebuilt in full.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

export const STATE_VERSION = 1;
/** The folder, under the build's server folder. */
export const REBUILD_DIR = '.pinkas-rebuild';
export const BUNDLE_DIR = 'bundle';
export const STATE_FILE = 'state.json';

/** One path the build wrote: its route, the key its route gave (if any), its file under the client folder. */
export interface BuiltPath {
  component: string;
  type: 'page' | 'endpoint';
  cacheKey?: string;
  file: string;
}

export interface RebuildState {
  version: typeof STATE_VERSION;
  /** The fingerprint of everything but the content (`codeFingerprint`). */
  code: string;
  /** The prerender entry, relative to the bundle folder. */
  entry: string;
  /** The origin of the build's requests (`http://localhost` unless the site's address is set). */
  origin: string;
  /** The folders and base path of the build's config. */
  folders: { srcDir: string; publicDir: string; outDir: string; clientDir: string; serverDir: string; base: string };
  /** From Astro's build internals: each route's stylesheets, and the bundled page scripts. */
  pageStyles: [string, { styles: unknown[] }][];
  entrySpecifiers: [string, string][];
  scripts: unknown[];
  /** Every path written, by pathname. */
  paths: Record<string, BuiltPath>;
}

/** Files and settings a change to which needs a full build: the project's code, not its content. */
const CODE_FILES = ['astro.config.mjs', 'package.json', 'package-lock.json', 'tsconfig.json'];
const CODE_FOLDERS = ['src', 'public'];

async function filesBelow(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name)).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/**
 * A hash of the project's code and build settings: its source and public folders, its config and
 * lockfile, the environment variables the build reads (`PINKAS_*`, `ASTRO_*`), the
 * Node version and the output folder. The content folder is not in it, even inside the project.
 */
export async function codeFingerprint(root: string, outDir: string, env: Record<string, string | undefined> = process.env): Promise<string> {
  const hash = createHash('sha256');
  const files = [...CODE_FILES.map((f) => path.join(root, f)), ...(await Promise.all(CODE_FOLDERS.map((d) => filesBelow(path.join(root, d))))).flat()];
  for (const file of files) {
    hash.update(path.relative(root, file)).update('\0');
    try {
      hash.update(await readFile(file));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      hash.update('(none)');
    }
    hash.update('\0');
  }
  const settings = Object.entries(env)
    .filter(([k]) => /^(PINKAS_|ASTRO_)/.test(k) && k !== 'PINKAS_RENDER_THREADS')
    .sort(([a], [b]) => a.localeCompare(b));
  hash.update(JSON.stringify([settings, process.version, path.resolve(outDir)]));
  return hash.digest('base64url');
}

/** The file a path is written to under the client folder, as Astro writes it with `build.format: 'directory'`. */
export function outputFile(pathname: string, type: 'page' | 'endpoint'): string {
  const trimmed = pathname.replace(/^\/+/, '');
  if (type === 'endpoint') return trimmed;
  if (pathname === '/404' || pathname === '/500') return `${trimmed}.html`;
  return path.posix.join(trimmed.replace(/\/+$/, ''), 'index.html');
}

/** The address a path is requested at, as Astro requests it. */
export function requestUrl(origin: string, siteBase: string, pathname: string, type: 'page' | 'endpoint'): string {
  const base = siteBase.endsWith('/') ? siteBase : `${siteBase}/`;
  const trimmed = pathname.replace(/^\/+/, '');
  if (!trimmed) return new URL(base, origin).href;
  return new URL(base + (type === 'endpoint' ? trimmed : `${trimmed.replace(/\/+$/, '')}/`), origin).href;
}
