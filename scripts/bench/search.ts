/**
 * npm run bench:search [-- --pages 1000,5000] [--no-browser]
 *
 * Generates deterministic corpora (90% English, 10% Hebrew, with planted queries whose answers are
 * known; scripts/lib/corpus.ts), builds their search index with the same code as `npm run build`,
 * and prints: index build time; bytes per file raw/gzip/brotli; bytes fetched before the first
 * result; load times; query latency p50/p95; top-1/top-5 hit rates for English and Hebrew; and, in
 * Debian's Chromium with the site's real search box and worker, the time from the first keystroke
 * to the first results and to the full-text results, and the longest main-thread task meanwhile.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { buildWikiSearchIndex } from '../../src/lib/search/build-index.ts';
import { SearchEngine } from '../../src/lib/search/engine.ts';
import { loadWiki } from '../../src/lib/wiki/load.ts';
import { generateCorpus, random, type PlantedQuery } from '../lib/corpus.ts';
import { findChromium, launchChromium } from '../lib/chromium.ts';
import { serveStatic } from '../lib/static-server.ts';

const args = process.argv.slice(2);
const sizes = (args[args.indexOf('--pages') + 1] && args.includes('--pages') ? args[args.indexOf('--pages') + 1]! : '1000,5000').split(',').map(Number);
const withBrowser = !args.includes('--no-browser');
const root = process.cwd();
const bench = path.join(root, '.bench');

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const ms = (n: number) => `${n.toFixed(n < 10 ? 2 : 0)} ms`;
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};
const sizesOf = (text: string) => ({
  raw: Buffer.byteLength(text),
  gzip: gzipSync(text, { level: 9 }).length,
  brotli: brotliCompressSync(text, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
});

/** The sample site, built once, provides the real search box and worker bundle for the browser runs. */
async function siteForBrowser(): Promise<string> {
  const out = path.join(bench, 'search-site');
  const result = spawnSync(process.execPath, [path.join(root, 'scripts/lib/build-child.ts'), out], {
    cwd: root,
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', PINKAS_CACHE_DIR: path.join(bench, 'search-site-cache') },
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`building the site for the browser run failed:\n${result.stdout}${result.stderr}`);
  return path.join(out, 'client');
}

async function browserRun(site: string, indexDir: string, planted: PlantedQuery[]) {
  const server = await serveStatic(site, { '/search/': indexDir });
  const { browser } = await launchChromium();
  const runs: { first: number; full: number; longestTask: number; found: boolean }[] = [];
  try {
    for (const q of planted.filter((p) => p.lang === 'en').slice(0, 3).concat(planted.filter((p) => p.lang === 'he').slice(0, 2))) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${server.url}/`);
      // Timestamps are taken in the page: the first keystroke's keydown, the first time the dropdown
      // shows an answer, and the complete (full-text) answer to the whole query.
      await page.evaluate((query) => {
        const w = window as unknown as { marks: Record<string, number> };
        w.marks = {};
        const input = document.querySelector<HTMLInputElement>('#search-input')!;
        const popup = document.querySelector<HTMLElement>('.search-popup')!;
        input.addEventListener('keydown', () => (w.marks.key ??= performance.now()), { capture: true });
        new MutationObserver(() => {
          if (!popup.hidden) w.marks.first ??= performance.now();
          if (popup.dataset.complete === 'true' && popup.dataset.query === query) w.marks.full ??= performance.now();
        }).observe(popup, { attributes: true, childList: true, subtree: true });
        w.marks.longest = 0;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) w.marks.longest = Math.max(w.marks.longest!, entry.duration);
        }).observe({ type: 'longtask' });
      }, q.q);
      // Cold: nothing of the index is loaded before the first keystroke; then the rest of the query.
      await page.locator('#search-input').focus();
      await page.keyboard.type(q.q);
      await page.waitForFunction(() => (window as unknown as { marks: Record<string, number> }).marks.full !== undefined, null, { timeout: 30_000 });
      const marks = await page.evaluate(() => (window as unknown as { marks: Record<string, number> }).marks);
      const first = marks.first! - marks.key!;
      const full = marks.full! - marks.key!;
      const longestTask = marks.longest!;
      const hrefs = await page.locator('#search-listbox [role="option"]').evaluateAll((options) => options.map((o) => o.getAttribute('data-href') ?? ''));
      const found = hrefs.slice(0, 5).some((href) => href.startsWith(`/${q.expect}/`));
      runs.push({ first, full, longestTask, found });
      if (process.env.BENCH_VERBOSE) console.log(`    run: first ${first.toFixed(0)} ms, full ${full.toFixed(0)} ms, ${JSON.stringify(marks)}`);
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return {
    found: `${runs.filter((r) => r.found).length}/${runs.length}`,
    first: percentile(runs.map((r) => r.first), 50),
    full: percentile(runs.map((r) => r.full), 50),
    longestTask: Math.max(...runs.map((r) => r.longestTask)),
  };
}

console.log(`Pinkas search benchmark — node ${process.version}, ${new Date().toISOString()}`);
const chromiumFound = withBrowser && (await findChromium().then(() => true, () => false));
const site = chromiumFound ? await siteForBrowser() : undefined;
if (withBrowser && !site) console.log('(Chromium not found: browser timings are skipped)');

for (const n of sizes) {
  const contentDir = path.join(bench, `search-corpus-${n}`);
  const { planted } = await generateCorpus({ dir: contentDir, pages: n, seed: 7 });
  const wiki = await loadWiki({ contentDir, defaultLang: 'en' });
  const pages = wiki.pages.filter((p) => !p.generated);
  const t0 = performance.now();
  const files = buildWikiSearchIndex(wiki.pages);
  const buildTime = performance.now() - t0;

  const indexDir = path.join(bench, `search-index-${n}`);
  await rm(indexDir, { recursive: true, force: true });
  await mkdir(indexDir, { recursive: true });
  for (const [name, text] of files) await writeFile(path.join(indexDir, name), text);

  const sized = [...files].map(([name, text]) => ({ name, ...sizesOf(text) }));
  const first = sized.filter((f) => f.name === 'manifest.json' || f.name === 'titles.json');
  const shards = sized.filter((f) => f.name.startsWith('text-'));
  const sum = (list: typeof sized, k: 'raw' | 'gzip' | 'brotli') => list.reduce((a, f) => a + f[k], 0);

  // Load and query in this process, with the engine the browser runs.
  const t1 = performance.now();
  const engine = await SearchEngine.open(async (file) => JSON.parse(files.get(file)!));
  const openTime = performance.now() - t1;
  const t2 = performance.now();
  engine.search(planted[0]!.q);
  const firstQuery = performance.now() - t2;
  const t3 = performance.now();
  await engine.loadFullText();
  const fullTextLoad = performance.now() - t3;

  const rng = random(99);
  const vocabulary = pages.flatMap((p) => p.title.split(/\s+/)).filter((w) => w.length > 3);
  const queries = [
    ...planted.map((p) => p.q),
    ...Array.from({ length: 300 }, () => {
      const words = Array.from({ length: 1 + rng.int(3) }, () => rng.pick(vocabulary).toLowerCase());
      // As-you-type: half of the queries end in a partly typed word.
      if (rng.next() < 0.5) words[words.length - 1] = words.at(-1)!.slice(0, 2 + rng.int(3));
      return words.join(' ');
    }),
  ];
  for (const q of queries.slice(0, 20)) engine.search(q); // warm up the JIT
  const latencies = queries.map((q) => {
    const t = performance.now();
    engine.search(q);
    return performance.now() - t;
  });
  const hitRate = (lang: 'en' | 'he', k: number) => {
    const qs = planted.filter((p) => p.lang === lang);
    const hits = qs.filter((p) => engine.search(p.q, {}, k).some((r) => r.slug === p.expect)).length;
    return `${hits}/${qs.length} (${Math.round((100 * hits) / qs.length)}%)`;
  };
  const misses = planted.filter((p) => engine.search(p.q, {}, 5).every((r) => r.slug !== p.expect)).map((p) => p.q);

  console.log(`\n${n} pages (${pages.length} with sections: ${pages.reduce((a, p) => a + p.sections.length, 0)} sections)`);
  const row = (name: string, value: string, target = '') => console.log(`  ${name.padEnd(40)} ${value.padEnd(34)} ${target}`);
  row('index build time', ms(buildTime), n === 5000 ? '≤ 15 s' : '');
  for (const f of first) row(`  ${f.name}`, `${kb(f.raw)} / ${kb(f.gzip)} gz / ${kb(f.brotli)} br`);
  row(`  text-*.json (${shards.length} shards, total)`, `${kb(sum(shards, 'raw'))} / ${kb(sum(shards, 'gzip'))} gz / ${kb(sum(shards, 'brotli'))} br`);
  row(`  largest shard`, `${kb(Math.max(...shards.map((s) => s.raw)))} / ${kb(Math.max(...shards.map((s) => s.gzip)))} gz`);
  row('bytes before the first result', `${kb(sum(first, 'raw'))} raw / ${kb(sum(first, 'gzip'))} gz / ${kb(sum(first, 'brotli'))} br`, n === 5000 ? '≤ 250 KB' : '');
  row('load titles index (node)', ms(openTime));
  row('first query on titles (node)', ms(firstQuery));
  row('load full text (node)', ms(fullTextLoad));
  row(`query latency p50 / p95 (${queries.length} queries)`, `${ms(percentile(latencies, 50))} / ${ms(percentile(latencies, 95))}`, n === 5000 ? 'p95 ≤ 20 ms' : '');
  row('English planted: top-1 / top-5', `${hitRate('en', 1)} / ${hitRate('en', 5)}`);
  row('Hebrew planted: top-1 / top-5', `${hitRate('he', 1)} / ${hitRate('he', 5)}`);
  if (misses.length) row('missed (not in top 5)', misses.join(' | '));
  if (site) {
    const b = await browserRun(site, indexDir, planted);
    row('Chromium: first keystroke → first results', ms(b.first), n === 5000 ? '≤ 150 ms' : '');
    row('Chromium: first keystroke → full text', ms(b.full), n === 5000 ? '≤ 1 s' : '');
    row('Chromium: planted answer in the dropdown', b.found);
    row('Chromium: longest main-thread task', b.longestTask ? ms(b.longestTask) : 'none over 50 ms');
  }
}
