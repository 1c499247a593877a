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
import { readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
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

/** Folders a change in which needs a full build (with every file at the project's top level). */
const CODE_FOLDERS = ['src', 'public'];

async function filesBelow(dir: string, recursive: boolean): Promise<string[]> {
  try {
    const entries = await readdir(dir, { recursive, withFileTypes: true });
    // A link is read as what it points to.
    return entries.filter((e) => e.isFile() || e.isSymbolicLink()).map((e) => path.join(e.parentPath, e.name)).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** Settings that say how to build, not what: they may differ between a full build and a content rebuild. */
const NOT_SETTINGS = new Set(['PINKAS_RENDER_THREADS', 'PINKAS_FULL_BUILD']);

/**
 * A hash of the project's code and build settings: every file at the project's top level (its
 * config, package.json and lockfile, and any other file a tool may read, as postcss.config.* or
 * .env), its source and public folders, the environment variables the build reads (`PINKAS_*`,
 * `ASTRO_*`, `TZ`), the Node version and the output folder. The content folder is not in it, even
 * inside the project.
 */
export async function codeFingerprint(root: string, outDir: string, env: Record<string, string | undefined> = process.env): Promise<string> {
  const hash = createHash('sha256');
  const files = [...(await filesBelow(root, false)), ...(await Promise.all(CODE_FOLDERS.map((d) => filesBelow(path.join(root, d), true)))).flat()];
  for (const file of files) {
    hash.update(path.relative(root, file)).update('\0');
    try {
      // Read synchronously: a few hundred small files, four times faster than as many promises.
      hash.update(readFileSync(file));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'EISDIR') throw error;
      hash.update(`(${code})`);
    }
    hash.update('\0');
  }
  const settings = Object.entries(env)
    .filter(([k]) => (/^(PINKAS_|ASTRO_)/.test(k) || k === 'TZ') && !NOT_SETTINGS.has(k))
    .sort(([a], [b]) => a.localeCompare(b));
  hash.update(JSON.stringify([settings, process.version, path.resolve(outDir)]));
  return hash.digest('base64url');
}

/** `.env` files of the project: Astro reads them into the environment while it bundles, which a content rebuild does not do. */
export async function envFiles(root: string): Promise<string[]> {
  return (await filesBelow(root, false)).map((f) => path.basename(f)).filter((name) => name === '.env' || name.startsWith('.env.'));
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
