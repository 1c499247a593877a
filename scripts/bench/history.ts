/**
 * npm run bench:history [-- --commits 5000 --pages 2000]
 *
 * Generates a repository with the given number of commits over the given number of pages (git
 * fast-import; several authors; each commit edits one to three pages) and prints, in the same run:
 * `git log --name-status` on it (the floor: what any history reader must at least do), Pinkas'
 * one-pass history (revisions of every page: `readGitHistory`), the per-revision diffs for the
 * history pages (`readGitPatches`), and a second read at the same HEAD (cached). Target: the
 * history within 3× of `git log --name-status`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { cachedHistory } from '../../src/lib/history/cache.ts';
import { readGitHistory } from '../../src/lib/history/git-log.ts';
import { readGitPatches } from '../../src/lib/history/git-patches.ts';
import { random } from '../lib/corpus.ts';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
};
const commits = arg('commits', 5000);
const pageCount = arg('pages', 2000);
const dir = path.resolve('.bench', `history-${commits}x${pageCount}`);

function generate() {
  const rng = random(11);
  const authors = ['Dana Levi <dana@example.com>', 'Yossi Cohen <yossi@example.com>', 'Maya Stern <maya@example.com>', 'Alex Kim <alex@example.com>', 'נועה בר <noa@example.com>', 'Sam Ortiz <sam@example.com>'];
  const pages = Array.from({ length: pageCount }, (_, i) => `content/section-${i % 20}/page-${String(i).padStart(5, '0')}.mdx`);
  const versions = new Map<string, number>();
  const body = (page: string, v: number) => `---\ntitle: Page ${page}\n---\n\n## Purpose\n\nVersion ${v} of this page.\n\n${'Steady text that does not change. '.repeat(8)}\n\n## Steps\n\n1. Step one, revision ${v}.\n2. Step two.\n`;
  const chunks: string[] = [];
  let time = Date.parse('2024-01-01T00:00:00Z') / 1000;
  for (let c = 0; c < commits; c++) {
    const author = authors[rng.int(authors.length)]!;
    const touched = c === 0 ? pages : Array.from({ length: 1 + rng.int(3) }, () => pages[rng.int(pages.length)]!);
    time += 3600 + rng.int(86_400);
    chunks.push(`commit refs/heads/main\nauthor ${author} ${time} +0000\ncommitter ${author} ${time} +0000\n`);
    const message = c === 0 ? 'Initial pages' : `Update ${touched.length} page${touched.length > 1 ? 's' : ''}`;
    chunks.push(`data ${Buffer.byteLength(message)}\n${message}\n`);
    for (const page of new Set(touched)) {
      const v = (versions.get(page) ?? 0) + 1;
      versions.set(page, v);
      const text = body(page, v);
      chunks.push(`M 100644 inline ${page}\ndata ${Buffer.byteLength(text)}\n${text}\n`);
    }
  }
  return chunks.join('');
}

async function time<T>(fn: () => Promise<T> | T): Promise<[number, T]> {
  const start = performance.now();
  const value = await fn();
  return [performance.now() - start, value];
}

console.log(`Pinkas history benchmark — node ${process.version}, ${new Date().toISOString()}`);
await rm(dir, { recursive: true, force: true });
await mkdir(dir, { recursive: true });
execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: dir });
const [genMs] = await time(() => {
  const result = spawnSync('git', ['fast-import', '--quiet'], { cwd: dir, input: generate() });
  if (result.status !== 0) throw new Error(result.stderr.toString());
});
execFileSync('git', ['checkout', '-q', 'main'], { cwd: dir });
console.log(`repository: ${commits} commits over ${pageCount} pages, generated in ${(genMs / 1000).toFixed(1)} s`);

const content = path.join(dir, 'content');
const runs = 3;
const best = async (fn: () => Promise<unknown> | unknown) => {
  let min = Infinity;
  for (let i = 0; i < runs; i++) min = Math.min(min, (await time(fn))[0]);
  return min;
};
const floor = await best(() => execFileSync('git', ['log', '--name-status', '--', '.'], { cwd: content, maxBuffer: 1 << 30 }));
const ours = await best(() => readGitHistory(content));
const patches = await best(() => readGitPatches(content));
const history = await readGitHistory(content);
const revisions = [...history.files.values()].reduce((n, r) => n + r.length, 0);
await cachedHistory(content);
const [cachedMs] = await time(() => cachedHistory(content));

const row = (name: string, ms: number, note = '') => console.log(`  ${name.padEnd(44)} ${`${ms.toFixed(0)} ms`.padStart(9)}  ${note}`);
console.log(`best of ${runs} runs:`);
row('git log --name-status (the floor)', floor);
row('Pinkas history (all pages, one pass)', ours, `${(ours / floor).toFixed(2)}× the floor (target ≤ 3×); ${history.files.size} pages, ${revisions} revisions`);
row('Pinkas diffs for the history pages (git log -p)', patches, `${(patches / floor).toFixed(2)}× the floor`);
row('second read at the same HEAD (cached)', cachedMs);
