/**
 * What a search downloads, for `npm run bench:search`: the gzip bytes of every index file and
 * every result page a query reads from a cold cache, and how the sizes of the index's files trade
 * their number in the site against those bytes.
 */
import { gzipSync } from 'node:zlib';
import { buildWikiSearchIndex, type SearchIndexOptions } from '../../src/lib/search/build-index.ts';
import { SearchEngine } from '../../src/lib/search/engine.ts';
import type { BenchPage, BenchWiki } from './bench-wiki.ts';
import { pageLoader, type PageShell } from './search-pages.ts';

const gz = (text: string) => gzipSync(text).length;

/**
 * A cold engine per query: every file it loads and every result page it reads (the page in
 * `shell`), gzip-compressed, summed. `typed`: each prefix answered first, as while typing.
 */
export async function coldBytes(files: Map<string, string>, pages: BenchPage[], shell: PageShell, q: string, shown: number, typed = false): Promise<{ bytes: number; requests: number }> {
  const seen = new Set<string>();
  const loadPage = pageLoader(pages, shell);
  let pageBytes = 0;
  const engine = await SearchEngine.open(
    async (file) => {
      seen.add(file);
      return JSON.parse(files.get(file)!);
    },
    async (slug) => {
      const html = await loadPage(slug);
      pageBytes += gz(html);
      return html;
    },
  );
  if (typed) for (let i = 1; i < q.length; i++) await engine.search(q.slice(0, i), {}, shown, { fullText: q.slice(0, i).trim().split(/\s+/).at(-1)!.length >= 3 });
  await engine.search(q, {}, shown);
  return { bytes: [...seen].reduce((sum, f) => sum + gz(files.get(f)!), pageBytes), requests: seen.size + loadPage.loaded.length };
}

/** Sizes of the index's files to compare (build-index.ts SIZES; the first is the default). */
const PRESETS: { name: string; sizes: NonNullable<SearchIndexOptions['sizes']> }[] = [
  { name: 'default', sizes: {} },
  { name: 'before (24K text chunks, 32 pages a metadata file)', sizes: { titleChunk: 12_000, textChunk: 24_000, vocabBlock: 2_000, bucket: 32 } },
  { name: '48K text chunks', sizes: { textChunk: 48_000 } },
  { name: '64K text chunks, 128 pages a metadata file', sizes: { titleChunk: 24_000, textChunk: 64_000, vocabBlock: 8_000, bucket: 128 } },
  { name: '96K text chunks, 128 pages a metadata file', sizes: { titleChunk: 24_000, textChunk: 96_000, vocabBlock: 8_000, bucket: 128 } },
];

/** For each preset: the index's files, and the bytes of the two budget queries and of the planted ones. */
export async function sizeTradeOff(wiki: BenchWiki, shell: PageShell, queries: [string, string], shown: number): Promise<string[]> {
  const listed = wiki.pages.filter((p) => !p.generated && p.slug !== '');
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  const rows: string[] = [];
  for (const { name, sizes } of PRESETS) {
    const files = buildWikiSearchIndex(wiki.pages, { sizes });
    const [one, three] = await Promise.all(queries.map((q) => coldBytes(files, listed, shell, q, shown)));
    const planted = await Promise.all(wiki.planted.map((p) => coldBytes(files, listed, shell, p.q, shown)));
    const mean = planted.reduce((a, p) => a + p.bytes, 0) / (planted.length || 1);
    rows.push(`${name.padEnd(52)} ${String(files.size).padStart(5)} files   ${kb(one!.bytes).padStart(9)}   ${kb(three!.bytes).padStart(9)}   planted ${kb(mean)} mean, ${kb(Math.max(...planted.map((p) => p.bytes)))} max`);
  }
  return rows;
}
