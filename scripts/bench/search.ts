/**
 * npm run bench:search [-- --pages 5000,50000] [--no-browser] [--no-pagefind] [--sizes]
 *
 * Generates deterministic corpora of ~800-word procedures (scripts/lib/corpus.ts: 90% English, 10%
 * Hebrew, planted queries whose answers are known), renders them with the wiki's own loader,
 * builds the search index with the same code as `npm run build`, and prints, for each size, Pinkas
 * beside Pagefind (its npm package, over the same pages rendered to HTML, in the same run):
 * index build time; bytes (gzip) downloaded from a cold cache to the first full-text results of a
 * one-word and a three-word query, and of the planted queries (the result pages, whose passages are
 * read from their HTML, counted in the chrome of a page of the sample site); query latency once loaded; the hit
 * rate of the planted queries; and in Chromium on an emulated phone (9 Mbit/s, 150 ms, 4× CPU) the
 * first keystroke → full-text results. Then relevance on the sample wiki: top-3 on the fixtures
 * and the held-out set, nDCG@10 on the graded set. With `--sizes`, also how the sizes of the
 * index's files trade their number in the site against the bytes of a query.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildWikiSearchIndex } from '../../src/lib/search/build-index.ts';
import { SearchEngine } from '../../src/lib/search/engine.ts';
import { benchWiki } from '../lib/bench-wiki.ts';
import { findChromium, launchChromium } from '../lib/chromium.ts';
import type { PlantedQuery } from '../lib/corpus.ts';
import { mapBounded } from '../../src/lib/content/read-content.ts';
import { buildPagefind, queryPagefind } from '../lib/pagefind-bench.ts';
import { hitRate, meanNdcg, readFixture, type GradedQuery, type Question } from '../lib/relevance.ts';
import { keystrokeRuns } from '../lib/search-browser.ts';
import { measureHebrew } from '../lib/hebrew-measure.ts';
import { loadWiki } from '../../src/lib/wiki/load.ts';
import { localCertificate } from '../lib/tls-cert.ts';
import { engineFor } from '../lib/wiki-search.ts';
import { pageHtmlOf, pageLoader, shellOf, type PageShell } from '../lib/search-pages.ts';
import { coldBytes, sizeTradeOff } from '../lib/search-bytes.ts';

const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const sizes = (option('--pages') ?? '5000,50000').split(',').map(Number);
const withBrowser = !args.includes('--no-browser');
const withPagefind = !args.includes('--no-pagefind');
const root = process.cwd();
const bench = path.join(root, '.bench');
/** The queries of the byte budgets: a word of one department, and three words that are each common. */
const ONE_WORD = 'reimbursement';
const THREE_WORDS = 'expense report approval';
const SHOWN = 8;

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const ms = (n: number) => (n >= 10_000 ? `${(n / 1000).toFixed(1)} s` : `${n.toFixed(n < 10 ? 2 : 0)} ms`);
const pct = (hits: number, of: number) => `${hits}/${of} (${Math.round((100 * hits) / of)}%)`;
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))]!;
const gz = (text: string | Uint8Array) => gzipSync(text).length;

/** The sample site, built once, provides the real search box and worker bundle for the browser runs, and the chrome of a page. */
function sampleSite(): string {
  const out = path.join(bench, 'search-site');
  const result = spawnSync(process.execPath, [path.join(root, 'scripts/lib/build-child.ts'), out], {
    cwd: root,
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', PINKAS_CACHE_DIR: path.join(bench, 'search-site-cache') },
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`building the site for the browser run failed:\n${result.stdout}${result.stderr}`);
  return path.join(out, 'client');
}

/** The gzip size of the site's search worker (what Pinkas's search runs on). */
async function workerBytes(site: string): Promise<number> {
  const dir = path.join(site, '_astro');
  const worker = (await readdir(dir)).find((f) => /^worker.*\.js$/.test(f));
  return worker ? gz(await readFile(path.join(dir, worker))) : 0;
}

interface SizeReport {
  rows: [string, string, string][];
}

async function measure(n: number, browser: import('playwright-core').Browser | undefined, site: string, shell: PageShell): Promise<SizeReport> {
  const wiki = await benchWiki(bench, root, n);
  const listed = wiki.pages.filter((p) => !p.generated && p.slug !== '');
  // Wall time and CPU time: on a shared machine the CPU time is the steadier of the two.
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const files = buildWikiSearchIndex(wiki.pages);
  const buildMs = performance.now() - t0;
  const buildCpu = process.cpuUsage(cpu0);
  const indexDir = path.join(bench, `search-index-${n}`);
  await rm(indexDir, { recursive: true, force: true });
  await mkdir(indexDir, { recursive: true });
  await mapBounded([...files], ([name, text]) => writeFile(path.join(indexDir, name), text));
  const rows: [string, string, string][] = [];
  const row = (name: string, pinkas: string, other = '') => rows.push([name, pinkas, other]);
  const total = [...files.values()].reduce((sum, text) => sum + text.length, 0);
  const chunks = [...files.keys()].filter((f) => /^[tx]\d/.test(f)).length;

  const pf = withPagefind ? await buildPagefind(listed, path.join(bench, `pagefind-${n}`)) : undefined;
  row('pages (sections)', `${listed.length} (${listed.reduce((a, p) => a + p.sections.length, 0)})`, wiki.loadMs ? `rendered in ${ms(wiki.loadMs)}` : 'rendered pages cached');
  row('index build time (CPU time)', `${ms(buildMs)} (${ms((buildCpu.user + buildCpu.system) / 1000)})`, pf ? `Pagefind ${ms(pf.indexMs)}` : '');
  row('index files / chunks', `${files.size} files, ${chunks} chunks, ${kb(total)} raw`);
  row('term dictionary (manifest.json)', `${kb(gz(files.get('manifest.json')!))} gz`);

  const one = await coldBytes(files, listed, shell, ONE_WORD, SHOWN);
  const three = await coldBytes(files, listed, shell, THREE_WORDS, SHOWN);
  const typed = await coldBytes(files, listed, shell, THREE_WORDS, SHOWN, true);
  const planted = await Promise.all(wiki.planted.map((p) => coldBytes(files, listed, shell, p.q, SHOWN)));
  const pfRuns = pf && browser ? await queryPagefind(browser, pf, [{ q: ONE_WORD, lang: 'en' }, { q: THREE_WORDS, lang: 'en' }, ...wiki.planted.map((p) => ({ q: p.q, lang: p.lang }))], SHOWN, tls) : [];
  const pfBytes = (i: number) => (pfRuns[i] ? `Pagefind ${kb(pfRuns[i]!.bytes)} (${pfRuns[i]!.requests} requests)` : '');
  const pfCode = pfRuns[0] ? `Pagefind ${kb(pfRuns[0].codeBytes)}` : '';
  row(`bytes to full text: "${ONE_WORD}"`, `${kb(one.bytes)} gz (${one.requests} files)`, pfBytes(0));
  row(`bytes to full text: "${THREE_WORDS}"`, `${kb(three.bytes)} gz (${three.requests} files)`, pfBytes(1));
  row('  … typed letter by letter, each answered', `${kb(typed.bytes)} gz (${typed.requests} files)`);
  const mean = (list: number[]) => list.reduce((a, b) => a + b, 0) / (list.length || 1);
  row('bytes to full text: planted queries, mean / max', `${kb(mean(planted.map((p) => p.bytes)))} / ${kb(Math.max(...planted.map((p) => p.bytes)))}`, pfRuns.length ? `Pagefind ${kb(mean(pfRuns.slice(2).map((r) => r.bytes)))} / ${kb(Math.max(...pfRuns.slice(2).map((r) => r.bytes)))}` : '');
  row('search code (worker / pagefind.js + wasm), gzip', kb(await workerBytes(site)), pfCode);

  // Once loaded: every file in memory, each query answered twice, the second timed.
  const engine = await SearchEngine.open(async (file) => JSON.parse(files.get(file)!), pageLoader(listed, shell));
  const vocabulary = listed.flatMap((p) => p.title.split(/\s+/)).filter((w) => w.length > 3);
  let seed = 99;
  const pick = () => vocabulary[(seed = (seed * 1103515245 + 12345) % 2 ** 31) % vocabulary.length]!.toLowerCase();
  const queries = [ONE_WORD, THREE_WORDS, ...wiki.planted.map((p) => p.q), ...Array.from({ length: 200 }, (_, i) => [pick(), ...(i % 2 ? [pick()] : []), ...(i % 3 ? [] : [pick().slice(0, 3)])].join(' '))];
  const latencies: number[] = [];
  const cpuTimes: number[] = [];
  for (const q of queries) {
    await engine.search(q, {}, SHOWN);
    const t = performance.now();
    const c = process.cpuUsage();
    await engine.search(q, {}, SHOWN);
    const used = process.cpuUsage(c);
    latencies.push(performance.now() - t);
    cpuTimes.push((used.user + used.system) / 1000);
  }
  row(`query p50 / p95 once loaded (${queries.length} queries)`, `${ms(percentile(latencies, 50))} / ${ms(percentile(latencies, 95))}`, `CPU time ${ms(percentile(cpuTimes, 50))} / ${ms(percentile(cpuTimes, 95))}`);

  const plantedHits = async (lang: string, k: number) => {
    const qs = wiki.planted.filter((p) => p.lang === lang);
    let hits = 0;
    for (const p of qs) if ((await engine.search(p.q, {}, k)).some((r) => r.slug === p.expect)) hits++;
    return pct(hits, qs.length);
  };
  const pfHits = (lang: string, k: number) => {
    const runs = pfRuns.slice(2).map((r, i) => ({ r, p: wiki.planted[i]! })).filter(({ p }) => p.lang === lang);
    return runs.length ? `Pagefind ${pct(runs.filter(({ r, p }) => r.urls.slice(0, k).includes(`/${p.expect}/`)).length, runs.length)}` : '';
  };
  for (const lang of ['en', 'he']) {
    row(`planted ${lang}: top-1 / top-5`, `${await plantedHits(lang, 1)} / ${await plantedHits(lang, 5)}`, pfHits(lang, 5) && `${pfHits(lang, 1)} / ${pfHits(lang, 5).replace('Pagefind ', '')}`);
  }

  if (browser) {
    const bySlug = new Map(listed.map((p) => [p.slug, p]));
    const pages = async (slug: string) => (bySlug.has(slug) ? pageHtmlOf(bySlug.get(slug)!, shell) : undefined);
    const runs = await keystrokeRuns(browser, site, indexDir, [ONE_WORD, THREE_WORDS, ...samplePlanted(wiki.planted)], { tls, pages });
    row('Chromium phone: keystroke → first results (median)', ms(percentile(runs.map((r) => r.first), 50)));
    row('Chromium phone: keystroke → full text (median / max)', `${ms(percentile(runs.map((r) => r.full), 50))} / ${ms(Math.max(...runs.map((r) => r.full)))}`);
    row('Chromium phone: last keystroke → full text (median)', ms(percentile(runs.map((r) => r.afterLast), 50)));
    row('Chromium phone: bytes after focus (median)', kb(percentile(runs.map((r) => r.bytes), 50)));
    if (process.env.BENCH_VERBOSE) for (const r of runs) console.log(`    ${r.q}: first ${ms(r.first)}, full ${ms(r.full)} (${ms(r.afterLast)} after the last key), ${kb(r.bytes)} in ${r.requests} requests`);
  }
  return { rows };
}

function samplePlanted(planted: PlantedQuery[]): string[] {
  return [...planted.filter((p) => p.lang === 'en').slice(0, 2), ...planted.filter((p) => p.lang === 'he').slice(0, 1)].map((p) => p.q);
}

async function relevance(): Promise<[string, string][]> {
  const engine = await engineFor('content');
  const sample = await readFixture<Question>('sample.json');
  const held = await readFixture<Question>('held-out.json');
  const graded = await readFixture<GradedQuery>('graded.json');
  const rate = async (list: Question[]) => {
    const { rate: r } = await hitRate(engine, list);
    return pct(Math.round(r * list.length), list.length);
  };
  const wiki = await loadWiki({ contentDir: 'content', defaultLang: 'en' });
  const hebrew = measureHebrew(wiki.pages.flatMap((p) => [p.title, ...p.sections.map((s) => `${s.heading} ${s.text}`)]));
  const share = (x: number) => `${(100 * x).toFixed(0)}%`;
  return [
    [
      'Hebrew word pairs vs hspell lemmas: recall / precision',
      hebrew
        ? `common forms ${share(hebrew.commonForms.recall)} / ${share(hebrew.commonForms.precision)}; prefix letters only ${share(hebrew.prefixOnly.recall)} / ${share(hebrew.prefixOnly.precision)} (${hebrew.words} words)`
        : '(hspell not installed: apt-get install hspell to measure)',
    ],
    ['sample wiki fixtures, top-3 (EN / HE)', `${await rate(sample.en!)} / ${await rate(sample.he!)}`],
    ['held-out set, top-3 (EN / HE)', `${await rate(held.en!)} / ${await rate(held.he!)}`],
    ['graded set, nDCG@10 (EN / HE)', `${(await meanNdcg(engine, graded.en!)).toFixed(3)} / ${(await meanNdcg(engine, graded.he!)).toFixed(3)}`],
  ];
}

console.log(`Pinkas search benchmark — node ${process.version}, ${new Date().toISOString()}, load average ${(await import('node:os')).loadavg().map((l) => l.toFixed(1)).join(' ')}`);
await mkdir(bench, { recursive: true });
const chromium = withBrowser && (await findChromium().then(() => true, () => false));
if (withBrowser && !chromium) console.log('(Chromium not found: browser figures are skipped)');
const site = sampleSite();
const shell = shellOf(await readFile(path.join(site, 'finance/travel-expenses/index.html'), 'utf8'));
const browser = chromium ? (await launchChromium()).browser : undefined;
/** HTTPS with HTTP/2 for the browser runs, as CDNs serve (HTTP/1.1 when openssl is missing). */
const tls = chromium ? await localCertificate(bench) : undefined;
if (chromium && !tls) console.log('(openssl not found: the browser runs use HTTP/1.1)');
const reports: { n: number; report: SizeReport }[] = [];
try {
  for (const n of sizes) {
    reports.push({ n, report: await measure(n, browser, site, shell) });
    console.log(`(${n} pages measured)`);
  }
} finally {
  await browser?.close();
}

const targets: Record<string, string> = {
  'index build time': '≤ 5 s at 5,000, linear',
  [`bytes to full text: "${ONE_WORD}"`]: '≤ 150 KB / ≤ 300 KB',
  [`bytes to full text: "${THREE_WORDS}"`]: '≤ 150 KB / ≤ 300 KB',
  'query p50 / p95 once loaded': 'p95 ≤ 20 ms',
  'Chromium phone: keystroke → full text (median / max)': '≤ 1 s at 5,000',
};
for (const { n, report } of reports) {
  console.log(`\n${n.toLocaleString('en')} pages`);
  for (const [name, pinkas, other] of report.rows) {
    const target = Object.entries(targets).find(([k]) => name.startsWith(k))?.[1] ?? '';
    console.log(`  ${name.padEnd(52)} ${pinkas.padEnd(30)} ${other.padEnd(34)} ${target}`);
  }
  if (args.includes('--sizes')) {
    console.log(`  Index files against bytes (files; "${ONE_WORD}"; "${THREE_WORDS}"; planted queries):`);
    for (const line of await sizeTradeOff(await benchWiki(bench, root, n), shell, [ONE_WORD, THREE_WORDS], SHOWN)) console.log(`    ${line}`);
  }
}
console.log('\nRelevance on the sample wiki');
for (const [name, value] of await relevance()) console.log(`  ${name.padEnd(52)} ${value}`);
