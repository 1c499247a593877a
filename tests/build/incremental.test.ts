/**
 * The render cache and Astro's incremental build, checked as a reader would: after one page's
 * title changes, an incremental build shows the new title wherever the wiki shows that page (the
 * pages that link to it, its neighbours' navigation, what links here on the pages it links to, the
 * search index), renders again only what shows it, and gives the same static site, byte for byte,
 * as a build from nothing.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { walk } from '../../scripts/bench/build-measure.ts';
import { buildSite, type BuildResult } from '../support/build-site.ts';
import { tempRepo } from '../support/git-repo.ts';
import { writeLeaveWiki } from '../support/leave-wiki.ts';

const run = promisify(execFile);
const author = 'Dana Levi <dana@example.com>';
const env = { PINKAS_TODAY: '2026-11-23' };

async function files(dir: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const file of (await walk(dir)).sort()) out.set(path.relative(dir, file), await readFile(file));
  return out;
}

const html = (build: BuildResult, slug: string) => readFile(path.join(build.clientDir, slug, 'index.html'), 'utf8');
const plain = (output: string) => output.replace(/\x1b\[[0-9;]*m/g, '');
/** The pages Astro copied from the previous build instead of rendering them. */
const restored = (output: string) => [...plain(output).matchAll(/─ (\S+)\/index\.html \(restored\)/g)].map((m) => m[1]!);

describe('an incremental build after one page changes its title', async () => {
  const repo = await tempRepo();
  await writeLeaveWiki(repo);
  repo.commit('The wiki', author, '2026-11-01T09:00:00Z');
  const contentDir = path.join(repo.dir, 'content');
  const cacheDir = path.join(repo.dir, 'cache');
  const first = await buildSite({ contentDir, env: { ...env, PINKAS_CACHE_DIR: cacheDir } });

  await repo.write('content/hr/annual-leave.md', '---\ntitle: Holiday leave\n---\nBook your leave early. See also [[Parental leave]].\n');
  repo.commit('Annual leave is holiday leave now', author, '2026-11-02T09:00:00Z');
  const incremental = await buildSite({ contentDir, env: { ...env, PINKAS_CACHE_DIR: cacheDir } });
  const cold = await buildSite({ contentDir, env });

  it('builds both times', () => {
    expect(first.code, first.output).toBe(0);
    expect(incremental.code, incremental.output).toBe(0);
    expect(cold.code, cold.output).toBe(0);
  });

  it('renders again only the page and the pages that link to it; the rest come from the cache', () => {
    expect(plain(first.output)).toMatch(/\(7 rendered in 1 thread, 0 from the render cache\)/);
    expect(plain(incremental.output)).toMatch(/\(3 rendered in 1 thread, 4 from the render cache\)/);
    // Astro copies the pages that show nothing of it, and the binder of the one section none of
    // whose pages changed (Expenses links to the page: finance's binder is made again); the
    // section shows its pages' titles.
    expect(restored(incremental.output).sort()).toEqual(['/finance', '/finance/travel', '/it', '/it/vpn', '/print/it']);
  });

  it('updates every page that links to it: by address still to it, by its old title now to a page to write', async () => {
    expect(await html(first, 'finance/expenses')).toContain('<a href="/hr/annual-leave/" class="wikilink">Annual leave</a>');
    expect(await html(incremental, 'hr/sick-leave')).toContain('<a href="/hr/annual-leave/" class="wikilink">hr/annual-leave</a>');
    expect(await html(incremental, 'finance/expenses')).toMatch(/<a href="\/new\/\?title=Annual%20leave"[^>]*class="wikilink red-link"/);
  });

  it('shows the new title in its neighbours’ navigation and in what links here on the page it links to', async () => {
    for (const slug of ['hr', 'hr/parental-leave', 'hr/sick-leave']) {
      const nav = /<nav class="site-nav"[\s\S]*?<\/nav>/.exec(await html(incremental, slug))![0];
      expect(nav).toMatch(/<a href="\/hr\/annual-leave\/"[^>]*>Holiday leave<\/a>/);
      expect(nav).not.toContain('Annual leave');
    }
    const linksHere = /<section aria-labelledby="what-links-here">[\s\S]*?<\/section>/.exec(await html(incremental, 'hr/parental-leave'))![0];
    expect(linksHere).toContain('>Holiday leave</a>');
  });

  it('finds the page by its new title in the search index, and no page by the old one', async () => {
    const search = async (q: string) => {
      const { stdout } = await run(process.execPath, ['scripts/search.ts', '--dist', incremental.outDir, q]);
      return stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line) as { slug: string; title: string });
    };
    expect((await search('holiday leave'))[0]).toMatchObject({ slug: 'hr/annual-leave', title: 'Holiday leave' });
    expect((await search('annual leave')).map((r) => r.title)).not.toContain('Annual leave');
  });

  it('gives the same static site (dist/client), byte for byte, as a build from nothing', async () => {
    const [a, b] = await Promise.all([files(incremental.clientDir), files(cold.clientDir)]);
    expect([...a.keys()]).toEqual([...b.keys()]);
    const differ = [...a].filter(([file, bytes]) => !bytes.equals(b.get(file)!)).map(([file]) => file);
    expect(differ).toEqual([]);
  });
});
