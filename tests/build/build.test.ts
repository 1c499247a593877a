import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSite } from '../support/build-site.ts';
import { handbook18F as corpus } from '../support/corpora.ts';


async function tempContent(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'pinkas-content-'));
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), text);
  }
  return dir;
}

describe('npm run build', () => {
  it('fails on invalid frontmatter and unsafe MDX, naming the file, line, field and what was expected', async () => {
    const dir = await tempContent({
      'hr/index.md': '---\ntitle: HR\n---\n',
      'hr/leave.mdx': '---\ntitle: Leave\nstatus: old\nreview_by: soon\n---\n\nHello {process.env.SECRET}\n',
    });
    const result = await buildSite({ contentDir: dir });
    expect(result.code).not.toBe(0);
    const display = path.relative(process.cwd(), dir);
    expect(result.output).toContain(`${display}/hr/leave.mdx:3:1 status: expected one of "draft", "active", "superseded", "retired", got "old"`);
    expect(result.output).toContain(`${display}/hr/leave.mdx:4:1 review_by: expected a date as YYYY-MM-DD, got "soon"`);
    expect(result.output).toContain(`${display}/hr/leave.mdx:7:7 {expressions} are not allowed in wiki pages (found {process.env.SECRET})`);
  });

  it('lists broken links and renders them as red links', async () => {
    const dir = await tempContent({
      'hr/leave.md': '# Leave\n\nSee [[Sick leave]] and [parking](../facilities/parking.md).\n',
    });
    const result = await buildSite({ contentDir: dir });
    expect(result.code, result.output).toBe(0);
    const display = path.relative(process.cwd(), dir);
    expect(result.output).toMatch(/2 broken links \(shown as red links to \/new\/\):/);
    expect(result.output).toContain(`${display}/hr/leave.md:3:5 [[Sick leave]]`);
    expect(result.output).toContain(`${display}/hr/leave.md:3:24 ../facilities/parking.md`);
    const html = await readFile(path.join(result.clientDir, 'hr/leave/index.html'), 'utf8');
    expect(html).toContain('href="/new/?title=Sick%20leave"');
  });

  it('links a page to its section’s feed when the site is deployed without the Node server (PINKAS_STATIC_ONLY)', async () => {
    const dir = await tempContent({
      'hr/index.md': '---\ntitle: HR\n---\nThe HR section.\n',
      'hr/leave.md': '---\ntitle: Leave\n---\n# Leave\n\nText.\n',
    });
    const result = await buildSite({ contentDir: dir, env: { PINKAS_STATIC_ONLY: 'true' } });
    expect(result.code, result.output).toBe(0);
    const html = await readFile(path.join(result.clientDir, 'hr/leave/index.html'), 'utf8');
    expect(html).not.toContain('/api/feeds/');
    expect(html).toMatch(/<a href="\/changes\/hr\.xml" type="application\/atom\+xml">Changes anywhere in its section, HR<\/a>/);
    // One feed file per section, none per page.
    const feed = await readFile(path.join(result.clientDir, 'changes/hr.xml'), 'utf8');
    expect(feed).toContain('<feed xmlns="http://www.w3.org/2005/Atom"');
    await expect(readFile(path.join(result.clientDir, 'changes/hr/leave.xml'), 'utf8')).rejects.toThrow();
  });

  it('builds a wiki of 600 pages under an open-file limit of 256, as on a Mac (files are read a few at a time)', async () => {
    const files: Record<string, string> = {};
    for (let s = 1; s <= 10; s++) files[`s${s}/index.md`] = `---\ntitle: Section ${s}\n---\nSection ${s}.\n`;
    for (let i = 1; i <= 600; i++) files[`s${(i % 10) + 1}/p${i}.md`] = `---\ntitle: Page ${i}\n---\nSee [[Page ${i + 1}]].\n`;
    const result = await buildSite({ contentDir: await tempContent(files), openFiles: 256 });
    expect(result.output).not.toMatch(/EMFILE/);
    expect(result.code, result.output.slice(-3000)).toBe(0);
    const html = await readFile(path.join(result.clientDir, 's2/p1/index.html'), 'utf8');
    expect(html).toContain('href="/s3/p2/"');
  });

  it.skipIf(!corpus)('builds the 18F handbook (250 plain .md pages from Eleventy) with every page reachable from the navigation', async () => {
    const result = await buildSite({ contentDir: corpus! });
    expect(result.code, result.output).toBe(0);
    const { readContentFolder } = await import('../../src/lib/content/read-content.ts');
    const { slugFromPath } = await import('../../src/lib/paths.ts');
    const folder = await readContentFolder(corpus!);
    expect(folder.pages.length).toBeGreaterThanOrEqual(240);

    // Crawl from the home page, following only links in the navigation and in section listings,
    // as a reader browsing (not searching) would.
    const seen = new Set<string>(['/']);
    const queue = ['/'];
    while (queue.length) {
      const url = queue.shift()!;
      const html = await readFile(path.join(result.clientDir, decodeURIComponent(url), 'index.html'), 'utf8');
      const nav = [...html.matchAll(/<nav class="site-nav"[\s\S]*?<\/nav>|<section class="section-pages"[\s\S]*?<\/section>|<ul class="section-cards"[\s\S]*?<\/ul>/g)].map((m) => m[0]).join('');
      for (const m of nav.matchAll(/href="(\/[^"#?]*)"/g)) {
        const href = m[1]!;
        if (!seen.has(href)) {
          seen.add(href);
          queue.push(href);
        }
      }
    }
    const unreachable = folder.pages.map((p) => `/${slugFromPath(p.path)}/`.replace(/^\/\/$/, '/')).filter((u) => !seen.has(encodeURI(u)) && !seen.has(u));
    expect(unreachable).toEqual([]);
    expect(seen.size).toBeGreaterThan(folder.pages.length);
  });
});
