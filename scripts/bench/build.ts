/**
 * npm run bench:build [-- --pages 5000,20000] [--open-files 1024] [--keep]
 *
 * Generates deterministic corpora (scripts/lib/corpus.ts, in a git repository so that history is
 * part of the build) and builds each, in this one run, with Pinkas and with a plain Astro 7 +
 * @astrojs/mdx site of the same pages (scripts/bench/plain-astro/): a cold build (empty caches),
 * then, after a one-page edit committed to the repository, a warm one (the caches of the cold
 * build). Each build runs in a child process under an open-file limit (`ulimit -n`, 1,024 by
 * default). Printed side by side: wall time, peak memory (the build process's max RSS), the static
 * site's size and files, median page HTML and the JavaScript a page loads before any interaction,
 * with the targets of the build-at-scale issue.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { generateCorpus, type CorpusPage } from '../lib/corpus.ts';
import { measureSite, runBuild, type BuildRun, type SiteSize } from './build-measure.ts';

const args = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? undefined : args[i + 1];
};
const sizes = (arg('pages') ?? '5000').split(',').map(Number);
const openFiles = Number(arg('open-files') ?? 1024);
const keep = args.includes('--keep');
const root = process.cwd();
const benchDir = path.join(root, '.bench');

const gib = (bytes: number) => `${(bytes / 1024 ** 3).toFixed(2)} GiB`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function git(dir: string, ...a: string[]) {
  return execFileSync('git', a, { cwd: dir, stdio: 'pipe' }).toString().trim();
}

function commitCorpus(dir: string, pages: { path: string }[]) {
  git(dir, 'init', '-q', '-b', 'main');
  const authors = ['Dana Levi <dana@example.com>', 'Yossi Cohen <yossi@example.com>', 'Maya Stern <maya@example.com>', 'Alex Kim <alex@example.com>'];
  // Ten commits by four authors: history is read in the build, as in a real wiki.
  const batches = 10;
  for (let b = 0; b < batches; b++) {
    const slice = pages.slice(Math.floor((b * pages.length) / batches), Math.floor(((b + 1) * pages.length) / batches));
    git(dir, 'add', ...(b === 0 ? ['-A'] : slice.map((p) => p.path)));
    git(dir, '-c', 'user.name=bench', '-c', 'user.email=bench@example.com', 'commit', '-q', '--allow-empty', '--author', authors[b % authors.length]!, '-m', `Batch ${b + 1}`, `--date=2026-0${1 + (b % 9)}-01T10:00:00Z`);
  }
}

/** A one-page edit, as a merged proposal brings it: a sentence added to one page, committed. */
async function editOnePage(dir: string, page: CorpusPage) {
  const file = path.join(dir, page.path);
  await writeFile(file, `${(await readFile(file, 'utf8')).trimEnd()}\n\nThis sentence was added by a one-page edit.\n`);
  git(dir, '-c', 'user.name=bench', '-c', 'user.email=bench@example.com', 'commit', '-q', '-am', 'One-page edit');
}

interface Result {
  run: BuildRun;
  site?: SiteSize;
}

async function build(kind: 'pinkas' | 'plain', n: number, contentDir: string, slugs: string[]): Promise<Result> {
  const outDir = path.join(benchDir, `${kind}-dist-${n}`);
  const cacheDir = path.join(benchDir, `${kind}-cache-${n}`);
  const env: Record<string, string> = {
    BENCH_LOG_LEVEL: 'info',
    ...(kind === 'pinkas' ? { PINKAS_CONTENT_DIR: contentDir, PINKAS_CACHE_DIR: cacheDir } : { PLAIN_CONTENT_DIR: contentDir, PLAIN_CACHE_DIR: cacheDir }),
  };
  const projectRoot = kind === 'plain' ? path.join(root, 'scripts/bench/plain-astro') : undefined;
  const stage = existsSync(cacheDir) ? 'warm' : 'cold';
  let run = await runBuild({ outDir, projectRoot, env, openFiles });
  if (!run.ok && /EMFILE|too many open files/i.test(run.output)) {
    console.log(`  ${kind}: failed under ulimit -n ${openFiles} (EMFILE); built again without the limit`);
    run = await runBuild({ outDir, projectRoot, env });
  }
  await mkdir(path.join(benchDir, 'logs'), { recursive: true });
  await writeFile(path.join(benchDir, 'logs', `${kind}-${n}-${stage}.log`), run.output);
  if (!run.ok) {
    console.log(`  ${kind}: the build failed:\n${run.output.slice(-3000)}`);
    return { run };
  }
  // Pinkas' static site is dist/client (dist/server holds the proposal service); plain Astro's is dist/.
  return { run, site: await measureSite(kind === 'pinkas' ? path.join(outDir, 'client') : outDir, slugs) };
}

/** Astro's durations: `850ms`, `6.27s`, `1m 48s`. */
function seconds(text: string): number {
  const m = /(?:(\d+)m\s*)?([\d.]+)(ms|s)/.exec(text);
  return m ? Number(m[1] ?? 0) * 60 + Number(m[2]) * (m[3] === 'ms' ? 0.001 : 1) : 0;
}

/** Where a build's time went, from its log: the content loader, Vite's bundling, the pages. */
function phases(output: string): string {
  const plain = output.replace(/\x1b\[[0-9;]*m/g, '');
  const loader = /\[pinkas(?:-wiki)?\] \d+ pages from .* in (\d+) ms \((.*)\)/.exec(plain);
  const rebuild = /content rebuild: (\d+) paths rendered, (\d+) kept from the last build, (\d+) removed, in (\d+) ms/.exec(plain);
  if (rebuild) {
    return [
      `content rebuild (no astro build) ${(Number(rebuild[4]) / 1000).toFixed(1)} s`,
      loader ? `of which the pages ${(Number(loader[1]) / 1000).toFixed(1)} s (${loader[2]})` : '',
      `${rebuild[1]} paths rendered, ${rebuild[2]} kept, ${rebuild[3]} removed`,
    ].filter(Boolean).join(', ');
  }
  const vite = [...plain.matchAll(/\[vite\] ✓ built in (.+)/g)].reduce((t, m) => t + seconds(m[1]!), 0);
  const pages = /(?:prerendering static routes|generating static routes)[\s\S]*?✓ Completed in (.+)/.exec(plain);
  const restored = (plain.match(/\(restored\)/g) ?? []).length;
  return [
    loader ? `content ${(Number(loader[1]) / 1000).toFixed(1)} s (${loader[2]})` : '',
    `bundling ${vite.toFixed(1)} s`,
    pages ? `pages ${seconds(pages[1]!).toFixed(1)} s${restored ? ` (${restored} copied from the last build)` : ''}` : '',
  ].filter(Boolean).join(', ');
}

function row(name: string, values: (string | undefined)[], target = '') {
  console.log(`  ${name.padEnd(26)} ${values.map((v) => (v ?? '—').padEnd(22)).join(' ')} ${target}`);
}

const coldWall = new Map<number, number>();
const siteFiles = new Map<number, number>();

console.log(`Pinkas build benchmark — node ${process.version}, ${new Date().toISOString()}, ulimit -n ${openFiles}`);

// What any build costs before the wiki's size counts: the same two projects building a one-page
// wiki (starting Astro, bundling, the routes of a site with one page). A one-page edit, warm,
// cannot take less than this.
{
  const dir = path.join(benchDir, 'corpus-1');
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'index.mdx'), '---\ntitle: Home\n---\n\nOne page.\n');
  commitCorpus(dir, [{ path: 'index.mdx' }]);
  const floor: string[] = [];
  for (const kind of ['pinkas', 'plain'] as const) {
    await rm(path.join(benchDir, `${kind}-cache-1`), { recursive: true, force: true });
    const r = await build(kind, 1, dir, ['']);
    floor.push(`${kind === 'pinkas' ? 'Pinkas' : 'plain Astro'} ${r.run.ok ? s(r.run.wallMs) : 'failed'}`);
    await rm(path.join(benchDir, `${kind}-dist-1`), { recursive: true, force: true });
  }
  console.log(`\nA one-page wiki, cold (the fixed cost of a build): ${floor.join(', ')}`);
}
for (const n of sizes) {
  const contentDir = path.join(benchDir, `corpus-${n}`);
  const genStarted = performance.now();
  const { pages } = await generateCorpus({ dir: contentDir, pages: n, seed: 42 });
  commitCorpus(contentDir, pages);
  console.log(`\n${n} pages: corpus generated and committed in ${s(performance.now() - genStarted)}`);
  for (const kind of ['pinkas', 'plain'] as const) {
    await rm(path.join(benchDir, `${kind}-cache-${n}`), { recursive: true, force: true });
    await rm(path.join(benchDir, `${kind}-dist-${n}`), { recursive: true, force: true });
  }
  const slugs = pages.map((p) => p.slug);
  const pinkasCold = await build('pinkas', n, contentDir, slugs);
  const plainCold = await build('plain', n, contentDir, slugs);
  await editOnePage(contentDir, pages[Math.floor(pages.length / 2)]!);
  const pinkasWarm = await build('pinkas', n, contentDir, slugs);
  const plainWarm = await build('plain', n, contentDir, slugs);
  coldWall.set(n, pinkasCold.run.wallMs);

  const results = [pinkasCold, plainCold, pinkasWarm, plainWarm];
  const ratio = (a: number, b: number) => (b ? `${(a / b).toFixed(2)}×` : '—');
  console.log(`  ${''.padEnd(26)} ${['Pinkas cold', 'plain Astro cold', 'Pinkas one-page warm', 'plain Astro warm'].map((h) => h.padEnd(22)).join(' ')} target`);
  const is5k = n === 5000;
  row('build wall time', results.map((r) => (r.run.ok ? s(r.run.wallMs) : 'failed')), is5k ? `cold ≤ 0.8× plain (${ratio(pinkasCold.run.wallMs, plainCold.run.wallMs)}); warm ≤ 15% of cold (${((100 * pinkasWarm.run.wallMs) / pinkasCold.run.wallMs).toFixed(0)}%)` : `warm ${((100 * pinkasWarm.run.wallMs) / pinkasCold.run.wallMs).toFixed(0)}% of cold`);
  row('peak memory (max RSS)', results.map((r) => (r.run.ok ? gib(r.run.maxRssBytes) : undefined)), is5k ? `≤ 0.75× plain (${ratio(pinkasCold.run.maxRssBytes, plainCold.run.maxRssBytes)})` : n >= 20000 ? '≤ 6 GiB' : '');
  row('static site', results.map((r) => r.site && `${mb(r.site.bytes)}, ${r.site.files} files`), is5k ? `≤ 150 MB, ≤ 1.1 files/page + c (${pinkasCold.site ? (pinkasCold.site.files / n).toFixed(2) : '—'}/page)` : '');
  row('median page HTML', results.map((r) => r.site && kb(r.site.medianHtml)), '≤ 40 KB');
  row('JS before interaction', results.map((r) => r.site && `${kb(r.site.js.gzip)} gzip`), '≤ 15 KB gzip');
  for (const [label, r] of [['Pinkas cold', pinkasCold], ['Pinkas warm', pinkasWarm], ['plain cold', plainCold]] as const) {
    if (r.run.ok) console.log(`  ${label}: ${phases(r.run.output)}`);
  }
  if (pinkasCold.site) siteFiles.set(n, pinkasCold.site.files);
  // Files a page adds, between two sizes of the same corpus: the site's fixed files (scripts,
  // styles, feeds, the UI pages, the index's lists) cancel out.
  const smaller = [...siteFiles.keys()].filter((m) => m < n).at(-1);
  if (smaller !== undefined && pinkasCold.site) {
    const slope = (pinkasCold.site.files - siteFiles.get(smaller)!) / (n - smaller);
    console.log(`  files per page added from ${smaller} to ${n} pages: ${slope.toFixed(3)} (target ≤ 1.1; plain Astro 1.0)`);
  }
  const five = coldWall.get(5000);
  if (n > 5000 && five) console.log(`  Pinkas cold at ${n} pages: ${ratio(pinkasCold.run.wallMs, five)} the 5,000-page time${n === 20000 ? ' (target ≤ 4.5×)' : ''}`);
  if (!keep) {
    for (const kind of ['pinkas', 'plain']) await rm(path.join(benchDir, `${kind}-dist-${n}`), { recursive: true, force: true });
  }
}
