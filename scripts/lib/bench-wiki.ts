/**
 * The benchmark corpora for search, loaded as the build loads them (scripts/lib/corpus.ts, then the
 * wiki's own loader and renderer), kept in .bench/ between runs: rendering 50,000 pages takes
 * minutes, and the result only changes when the generator or the renderer does (the cache key
 * hashes their source files).
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { glob, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { finished } from 'node:stream/promises';
import type { SearchablePage } from '../../src/lib/search/build-index.ts';
import { loadWiki } from '../../src/lib/wiki/load.ts';
import { generateCorpus, type PlantedQuery } from './corpus.ts';

export type BenchPage = SearchablePage & { generated: boolean; html: string; sections: NonNullable<SearchablePage['sections']> };

export interface BenchWiki {
  pages: BenchPage[];
  planted: PlantedQuery[];
  /** How long generating and rendering took (0 when read from the cache). */
  loadMs: number;
}

async function sourceKey(root: string, pages: number, seed: number): Promise<string> {
  const hash = createHash('sha256').update(`${pages} ${seed}`);
  const files: string[] = [];
  for await (const file of glob(['scripts/lib/corpus*.ts', 'src/lib/markdown/**/*.ts', 'src/lib/wiki/**/*.ts', 'src/lib/content/**/*.ts', 'src/lib/search/page-text.ts'], { cwd: root })) files.push(file);
  for (const file of files.sort()) hash.update(file).update(await readFile(path.join(root, file)));
  return hash.digest('hex').slice(0, 16);
}

export async function benchWiki(bench: string, root: string, pages: number, seed = 7): Promise<BenchWiki> {
  const key = await sourceKey(root, pages, seed);
  // One JSON value a line (the planted queries first): 50,000 pages are more than one string can hold.
  const cache = path.join(bench, `search-pages-${pages}-${key}.jsonl`);
  if (existsSync(cache)) {
    const lines = createInterface({ input: createReadStream(cache, 'utf8'), crlfDelay: Infinity });
    const values: unknown[] = [];
    for await (const line of lines) if (line) values.push(JSON.parse(line));
    return { planted: values[0] as PlantedQuery[], pages: values.slice(1) as BenchPage[], loadMs: 0 };
  }
  const started = performance.now();
  const contentDir = path.join(bench, `search-corpus-${pages}`);
  const { planted } = await generateCorpus({ dir: contentDir, pages, seed });
  const wiki = await loadWiki({ contentDir, defaultLang: 'en' });
  const kept: BenchPage[] = wiki.pages.map((p) => ({
    slug: p.slug, title: p.title, description: p.description, tags: p.tags, extra: p.extra, lang: p.lang,
    section: p.section, status: p.status, sections: p.sections, generated: p.generated, html: p.html,
  }));
  const loadMs = performance.now() - started;
  const out = createWriteStream(`${cache}.part`);
  for (const value of [planted, ...kept]) if (!out.write(`${JSON.stringify(value)}\n`)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  out.end();
  await finished(out);
  await rename(`${cache}.part`, cache);
  return { pages: kept, planted, loadMs };
}
