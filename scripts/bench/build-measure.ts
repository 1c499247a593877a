/**
 * What `npm run bench:build` measures of one build: the build itself, run in a child process
 * (wall time, the process's peak memory), and its output (size and files of the static site,
 * median HTML of a content page, the JavaScript a content page loads before any interaction).
 */
import { spawn } from 'node:child_process';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { mapBounded } from '../../src/lib/content/read-content.ts';

export interface BuildRun {
  ok: boolean;
  wallMs: number;
  maxRssBytes: number;
  output: string;
}

export interface SiteSize {
  bytes: number;
  files: number;
  medianHtml: number;
  js: { raw: number; gzip: number; files: number };
}

const root = process.cwd();

/**
 * Runs `astro build` of the project at `projectRoot` in a child process (scripts/lib/build-child.ts),
 * under an open-file limit when `openFiles` is given (`ulimit -n`).
 */
export function runBuild(options: { outDir: string; projectRoot?: string; env: Record<string, string>; openFiles?: number }): Promise<BuildRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const command = [process.execPath, path.join(root, 'scripts/lib/build-child.ts'), options.outDir, ...(options.projectRoot ? [options.projectRoot] : [])];
    const [file, ...args] = options.openFiles ? ['bash', '-c', `ulimit -n ${options.openFiles} && exec "$@"`, 'build', ...command] : command;
    const child = spawn(file!, args, { cwd: root, env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = performance.now() - started;
      const last = output.trim().split('\n').at(-1) ?? '';
      if (code !== 0 || !last.startsWith('{')) return resolve({ ok: false, wallMs, maxRssBytes: 0, output });
      resolve({ ok: true, wallMs, maxRssBytes: (JSON.parse(last) as { maxRssBytes: number }).maxRssBytes, output });
    });
  });
}

export async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(p)));
    else out.push(p);
  }
  return out;
}

/**
 * The JavaScript a page loads before the reader interacts: inline scripts, script files and what
 * they import statically, and the search worker (started when the page is idle).
 */
export async function pageJs(html: string, siteDir: string): Promise<{ raw: number; gzip: number; files: number }> {
  let code = '';
  const seen = new Set<string>();
  const addFile = async (url: string) => {
    if (seen.has(url)) return;
    seen.add(url);
    const text = await readFile(path.join(siteDir, url.replace(/^\//, '')), 'utf8');
    code += text;
    const dir = path.posix.dirname(url);
    for (const m of text.matchAll(/(?:import|from)\s*["']([^"']+\.js)["']/g)) await addFile(path.posix.resolve(dir, m[1]!));
    for (const m of text.matchAll(/["'`]([^"'`]*worker-[\w-]+\.js)["'`]/g)) await addFile(path.posix.resolve(dir, m[1]!));
  };
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
    const src = /\bsrc="([^"]+)"/.exec(m[1]!)?.[1];
    if (src) await addFile(src);
    else if (!/type="application\/json"/.test(m[1]!)) code += m[2];
  }
  return { raw: Buffer.byteLength(code), gzip: gzipSync(code, { level: 9 }).length, files: seen.size };
}

/** The static site in `siteDir`: its size and files, and what its content pages (`slugs`) weigh. */
export async function measureSite(siteDir: string, slugs: readonly string[]): Promise<SiteSize> {
  const files = await walk(siteDir);
  const bytes = (await mapBounded(files, async (f) => (await stat(f)).size)).reduce((a, b) => a + b, 0);
  const pageFiles = slugs.map((slug) => path.join(siteDir, slug, 'index.html'));
  const htmlSizes = (await mapBounded(pageFiles, async (f) => (await stat(f)).size)).sort((a, b) => a - b);
  const js = await pageJs(await readFile(pageFiles[Math.floor(pageFiles.length / 2)]!, 'utf8'), siteDir);
  return { bytes, files: files.length, medianHtml: htmlSizes[Math.floor(htmlSizes.length / 2)]!, js };
}
