/**
 * Where the wiki's files are, decided in one place: the content folder (from the site config or
 * `PINKAS_CONTENT_DIR`), how messages name it, and the cache folder that Astro, the history cache
 * and the benchmarks share (`PINKAS_CACHE_DIR`, else Astro's default `node_modules/.astro`).
 */
import path from 'node:path';

export interface WikiLocations {
  /** The project folder (where `astro.config.mjs` is). */
  root: string;
  /** The content folder, absolute. */
  contentDir: string;
  /** The content folder as messages name it, relative to the project (`content`). */
  displayDir: string;
  /** Astro's cache folder, absolute; the git-history cache lives there too. */
  cacheDir: string;
}

export function wikiLocations(contentDir: string, root: string = process.cwd(), env: Record<string, string | undefined> = process.env): WikiLocations {
  const dir = path.resolve(root, contentDir);
  return {
    root,
    contentDir: dir,
    displayDir: path.relative(root, dir).split(path.sep).join('/') || '.',
    cacheDir: path.resolve(root, env.PINKAS_CACHE_DIR ?? 'node_modules/.astro'),
  };
}
