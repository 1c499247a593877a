/**
 * The content rebuild (`npm run build` after a content-only change): it renders what changed with
 * the last full build's bundle, into that build's output, and the site it leaves is the one a
 * build from nothing gives, byte for byte — pages retitled, added and removed, a template and an
 * attachment changed. Anything it cannot vouch for (other settings, an output it did not leave
 * complete) is built in full; invalid content fails it and leaves the site as it was.
 */
import { mkdtemp, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { walk } from '../../scripts/bench/build-measure.ts';
import { buildSite, type BuildResult } from '../support/build-site.ts';
import { tempRepo } from '../support/git-repo.ts';
import { writeLeaveWiki } from '../support/leave-wiki.ts';

const author = 'Dana Levi <dana@example.com>';
// Astro writes a new random key into the server's manifest on every build unless ASTRO_KEY sets it.
const env = { PINKAS_TODAY: '2026-11-23', ASTRO_KEY: 'qE54ULMTHdGw7WDbfFaEr7WFcr7qbUeD0RDktW19Zok=' };

/** Every file of a build, but the rebuild's own state (it keeps the bundle of the full build it comes from). */
async function files(dir: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const file of (await walk(dir)).sort()) {
    const rel = path.relative(dir, file);
    if (!rel.startsWith(path.join('server', '.pinkas-rebuild'))) out.set(rel, await readFile(file));
  }
  return out;
}

/** What the build process said of itself on its last line. */
const summary = (build: BuildResult) => JSON.parse(build.output.trim().split('\n').at(-1)!) as { rebuilt: boolean };
const html = (build: BuildResult, slug: string) => readFile(path.join(build.clientDir, slug, 'index.html'), 'utf8');

describe('a content rebuild after pages change, come and go', async () => {
  const repo = await tempRepo();
  await writeLeaveWiki(repo, {
    'content/finance/expenses.md': '---\ntitle: Expenses\n---\nTravel during [[Annual leave]] is not refunded. Book [[Travel]] early.\n',
    'content/_templates/how-to.md': '---\ntemplate:\n  title: How-to\n---\n# Steps\n',
  });
  repo.commit('The wiki', author, '2026-11-01T09:00:00Z');
  const contentDir = path.join(repo.dir, 'content');
  // Inside the project, as the builds of tests/support/build-site.ts (the server build resolves its packages there).
  const work = await mkdtemp(path.join(process.env.PINKAS_TEST_OUTPUT ?? path.resolve('.test-output'), 'rebuild-'));
  const outDir = path.join(work, 'dist');
  const cache = { ...env, PINKAS_CACHE_DIR: path.join(work, 'cache') };
  const full = await buildSite({ contentDir, outDir, env: cache });

  await repo.write('content/hr/annual-leave.md', '---\ntitle: Holiday leave\n---\nBook your leave early. See also [[Parental leave]].\n![The form](form.png)\n');
  await repo.write('content/hr/form.png', 'not really a picture, but a file a page shows');
  await repo.write('content/it/printers.md', '---\ntitle: Printers\n---\nPrint from any floor. Working from home? [[VPN]].\n');
  await repo.git('rm', '-q', 'content/finance/travel.md');
  await repo.write('content/_templates/how-to.md', '---\ntemplate:\n  title: How-to guide\n---\n# Steps\n');
  repo.commit('Holiday leave, printers, no travel page', author, '2026-11-02T09:00:00Z');
  const rebuild = await buildSite({ contentDir, outDir, env: cache });
  const rebuilt = await files(outDir);
  // A build from nothing at the same places (the server's manifest names its output and cache folders).
  await rename(outDir, `${outDir}-rebuilt`);
  await rename(cache.PINKAS_CACHE_DIR, `${cache.PINKAS_CACHE_DIR}-used`);
  const cold = await buildSite({ contentDir, outDir, env: cache });
  const fromNothing = await files(outDir);
  await rm(outDir, { recursive: true });
  await rm(cache.PINKAS_CACHE_DIR, { recursive: true });
  await rename(`${outDir}-rebuilt`, outDir);
  await rename(`${cache.PINKAS_CACHE_DIR}-used`, cache.PINKAS_CACHE_DIR);

  it('is a content rebuild, not a full build', () => {
    expect(full.code, full.output).toBe(0);
    expect(summary(full).rebuilt).toBe(false);
    expect(rebuild.code, rebuild.output).toBe(0);
    expect(summary(rebuild).rebuilt).toBe(true);
    expect(rebuild.output).toMatch(/content rebuild: \d+ paths rendered, \d+ kept from the last build, 1 removed/);
  });

  it('shows the new title where the page is linked, the new page, the new template; the removed page is gone', async () => {
    expect(await html(rebuild, 'hr/sick-leave')).toMatch(/<a href="\/hr\/annual-leave\/"[^>]*>Holiday leave<\/a>/);
    expect(await html(rebuild, 'it/printers')).toContain('Print from any floor.');
    expect(await html(rebuild, 'finance/expenses')).toMatch(/<a href="\/new\/\?title=Travel"[^>]*class="wikilink red-link"/);
    // Its folder too, as a build from nothing leaves none (a host would answer 403 for a folder).
    await expect(stat(path.join(rebuild.clientDir, 'finance/travel'))).rejects.toThrow(/ENOENT/);
    expect(await readFile(path.join(rebuild.clientDir, 'new/index.html'), 'utf8')).toContain('How-to guide');
  });

  it('leaves the same site, server included, byte for byte, as a build from nothing', () => {
    expect(cold.code, cold.output).toBe(0);
    expect([...rebuilt.keys()]).toEqual([...fromNothing.keys()]);
    expect([...rebuilt.keys()]).toContain(path.join('client', 'it', 'printers', 'index.html'));
    const differ = [...rebuilt].filter(([file, bytes]) => !bytes.equals(fromNothing.get(file)!)).map(([file]) => file);
    expect(differ).toEqual([]);
  });

  it('fails on invalid content, saying where, and leaves the site as it was; the next build after the fix is a rebuild again', async () => {
    const before = await files(outDir);
    await repo.write('content/it/vpn.md', '---\ntitle: [VPN\n---\nConnect before you work.\n');
    const broken = await buildSite({ contentDir, outDir, env: cache });
    expect(broken.code).not.toBe(0);
    expect(broken.output).toMatch(/content\/it\/vpn\.md:\d+/);
    expect(await files(outDir)).toEqual(before);
    await repo.write('content/it/vpn.md', '---\ntitle: VPN\n---\nConnect before you work, always.\n');
    const fixed = await buildSite({ contentDir, outDir, env: cache });
    expect(fixed.code, fixed.output).toBe(0);
    expect(summary(fixed).rebuilt).toBe(true);
    expect(await html(fixed, 'it/vpn')).toContain('Connect before you work, always.');
  });

  it('builds in full when asked to, and the next build is a rebuild again', async () => {
    const asked = await buildSite({ contentDir, outDir, env: { ...cache, PINKAS_FULL_BUILD: '1' } });
    expect(asked.code, asked.output).toBe(0);
    expect(summary(asked).rebuilt).toBe(false);
    expect(asked.output).toContain('full build: a full build was asked for');
    const next = await buildSite({ contentDir, outDir, env: cache });
    expect(summary(next).rebuilt, next.output).toBe(true);
  });

  it('builds in full when the settings changed, and when the output is not the one it left', async () => {
    const otherSite = await buildSite({ contentDir, outDir, env: { ...cache, PINKAS_SITE: 'https://wiki.example.com' } });
    expect(otherSite.code, otherSite.output).toBe(0);
    expect(summary(otherSite).rebuilt).toBe(false);
    expect(otherSite.output).toContain('full build: the code, its settings or its packages changed since the last build');
    const elsewhere = await buildSite({ contentDir, outDir: path.join(work, 'other-dist'), env: cache });
    expect(summary(elsewhere).rebuilt).toBe(false);
    expect(elsewhere.output).toContain('full build: no content rebuild state');
  });
});
