/**
 * npm run bench:build [-- --pages 1000,5000] [--keep]
 *
 * Generates deterministic corpora (scripts/lib/corpus.ts: 90% English, 10% Hebrew MDX pages, in a
 * git repository so that history is part of the build), builds each with `astro build` in a child
 * process, and prints: wall time, peak memory (the build process's max RSS), size of dist/, median
 * HTML size of a content page, and the JavaScript a content page loads before any interaction
 * (raw and gzip). Targets from the foundation issue at 5,000 pages are printed beside the numbers.
 */
import { execFileSync, spawn } from 'node:child_process';
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { mapBounded } from '../../src/lib/content/read-content.ts';
import { generateCorpus } from '../lib/corpus.ts';

const args = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? undefined : args[i + 1];
};
const sizes = (arg('pages') ?? '5000').split(',').map(Number);
const keep = args.includes('--keep');
const root = process.cwd();
const benchDir = path.join(root, '.bench');

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(p)));
    else out.push(p);
  }
  return out;
}

function commitCorpus(dir: string, pages: { path: string }[]) {
  const git = (...a: string[]) => execFileSync('git', a, { cwd: dir, stdio: 'pipe' });
  git('init', '-q', '-b', 'main');
  const authors = ['Dana Levi <dana@example.com>', 'Yossi Cohen <yossi@example.com>', 'Maya Stern <maya@example.com>', 'Alex Kim <alex@example.com>'];
  // Ten commits by four authors: history is read in the build, as in a real wiki.
  const batches = 10;
  for (let b = 0; b < batches; b++) {
    const slice = pages.slice(Math.floor((b * pages.length) / batches), Math.floor(((b + 1) * pages.length) / batches));
    git('add', ...(b === 0 ? ['-A'] : slice.map((p) => p.path)));
    git('-c', 'user.name=bench', '-c', 'user.email=bench@example.com', 'commit', '-q', '--allow-empty', '--author', authors[b % authors.length]!, '-m', `Batch ${b + 1}`, `--date=2026-0${1 + (b % 9)}-01T10:00:00Z`);
  }
}

function runBuild(contentDir: string, outDir: string): Promise<{ ms: number; maxRssBytes: number; wallMs: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [path.join(root, 'scripts/lib/build-child.ts'), outDir], {
      cwd: root,
      env: { ...process.env, PINKAS_CONTENT_DIR: contentDir, ASTRO_TELEMETRY_DISABLED: '1' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`build failed (exit ${code}):\n${stdout}`));
      const last = stdout.trim().split('\n').at(-1)!;
      resolve({ ...JSON.parse(last), wallMs: performance.now() - started });
    });
  });
}

/**
 * The JavaScript a page loads before the reader interacts: inline scripts, script files and what
 * they import statically, and the search worker (started when the page is idle).
 */
async function pageJs(html: string, distDir: string): Promise<{ raw: number; gzip: number; files: string[] }> {
  let code = '';
  const seen = new Set<string>();
  const addFile = async (url: string) => {
    if (seen.has(url)) return;
    seen.add(url);
    const text = await readFile(path.join(distDir, url.replace(/^\//, '')), 'utf8');
    code += text;
    const dir = path.posix.dirname(url);
    for (const m of text.matchAll(/(?:import|from)\s*["']([^"']+\.js)["']/g)) await addFile(path.posix.resolve(dir, m[1]!));
    for (const m of text.matchAll(/["'`]([^"'`]*worker-[\w-]+\.js)["'`]/g)) await addFile(path.posix.resolve(dir, m[1]!));
  };
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
    const src = /\bsrc="([^"]+)"/.exec(m[1]!)?.[1];
    if (src) await addFile(src);
    else code += m[2];
  }
  return { raw: Buffer.byteLength(code), gzip: gzipSync(code, { level: 9 }).length, files: [...seen] };
}

console.log(`Pinkas build benchmark — node ${process.version}, ${new Date().toISOString()}`);
for (const n of sizes) {
  const contentDir = path.join(benchDir, `corpus-${n}`);
  const outDir = path.join(benchDir, `dist-${n}`);
  const genStarted = performance.now();
  const { pages } = await generateCorpus({ dir: contentDir, pages: n, seed: 42 });
  commitCorpus(contentDir, pages);
  console.log(`\n${n} pages: corpus generated and committed in ${((performance.now() - genStarted) / 1000).toFixed(1)} s`);
  await rm(outDir, { recursive: true, force: true });
  const result = await runBuild(contentDir, outDir);

  const files = await walk(outDir);
  const sizesOf = await mapBounded(files, async (f) => (await stat(f)).size);
  const distBytes = sizesOf.reduce((a, b) => a + b, 0);
  // The static site is in dist/client (dist/server holds the proposal service).
  const clientDir = path.join(outDir, 'client');
  const pageFiles = pages.map((p) => path.join(clientDir, p.slug, 'index.html'));
  const htmlSizes = (await mapBounded(pageFiles, async (f) => (await stat(f)).size)).sort((a, b) => a - b);
  const median = htmlSizes[Math.floor(htmlSizes.length / 2)]!;
  const js = await pageJs(await readFile(pageFiles[Math.floor(pageFiles.length / 2)]!, 'utf8'), clientDir);

  const rows: [string, string, string][] = [
    ['build wall time', `${(result.wallMs / 1000).toFixed(1)} s`, n === 5000 ? '≤ 60 s' : ''],
    ['peak memory (max RSS)', `${(result.maxRssBytes / 1024 / 1024 / 1024).toFixed(2)} GiB`, n === 5000 ? '≤ 3 GiB' : ''],
    ['dist/ size', `${mb(distBytes)} in ${files.length} files`, n === 5000 ? '≤ 600 MB' : ''],
    ['median page HTML', kb(median), n === 5000 ? '≤ 60 KB' : ''],
    ['JS before interaction', `${kb(js.raw)} raw, ${kb(js.gzip)} gzip (${js.files.length} files)`, '≤ 15 KB gzip'],
  ];
  for (const [name, value, target] of rows) console.log(`  ${name.padEnd(24)} ${value.padEnd(28)} ${target}`);
  if (!keep) await rm(outDir, { recursive: true, force: true });
}
