import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/lib/content/diagnostics.ts';
import type { ContentFolder } from '../../src/lib/content/read-content.ts';
import { reviewState } from '../../src/lib/content/review.ts';
import { urlScheme } from '../../src/lib/urls.ts';
import { buildWiki } from '../../src/lib/wiki/build.ts';

function folder(files: Record<string, string>, assets: string[] = []): ContentFolder {
  return { pages: Object.entries(files).map(([path, text]) => ({ path, text })), templates: [], assets: new Set(assets) };
}

const build = (files: Record<string, string>, assets?: string[]) =>
  buildWiki(folder(files, assets), { displayDir: 'content', defaultLang: 'en', urls: urlScheme('/'), homeTitle: 'Home' });

describe('building the wiki model', () => {
  it('turns files into pages with slugs, sections, language and defaults', () => {
    const wiki = build({
      'hr/index.mdx': '---\ntitle: Human resources\norder: 2\n---\nIntro.',
      'hr/annual-leave.mdx': '---\ntitle: Annual leave\nowner: "@dana"\n---\n## Booking\n\nText.',
      'safety/fire.md': '---\nlang: he\n---\n# פינוי בשריפה\n\nטקסט.',
    });
    expect(wiki.diagnostics).toEqual([]);
    const bySlug = new Map(wiki.pages.map((p) => [p.slug, p]));
    expect([...bySlug.keys()]).toEqual(['hr', 'hr/annual-leave', 'safety', 'safety/fire']);
    expect(bySlug.get('hr/annual-leave')).toMatchObject({ section: 'hr', owner: ['@dana'], status: 'active', lang: 'en', format: 'mdx', generated: false });
    expect(bySlug.get('hr/annual-leave')!.headings).toEqual([{ depth: 2, slug: 'booking', text: 'Booking' }]);
    expect(bySlug.get('safety/fire')).toMatchObject({ title: 'פינוי בשריפה', lang: 'he' });
    expect(bySlug.get('safety/fire')!.html).toBe('<p>טקסט.</p>');
  });

  it('carries the audiences that must acknowledge a page; nobody by default', () => {
    const wiki = build({ 'safety/forklift.md': '---\nacknowledge: [warehouse, drivers]\n---\n# Forklift', 'safety/fire.md': '# Fire' });
    const bySlug = new Map(wiki.pages.map((p) => [p.slug, p]));
    expect(bySlug.get('safety/forklift')!.acknowledge).toEqual(['warehouse', 'drivers']);
    expect(bySlug.get('safety/fire')!.acknowledge).toEqual([]);
    expect(bySlug.get('safety')!.acknowledge).toEqual([]);
  });

  it('gives a folder without an index file a generated page, so everything is reachable', () => {
    const wiki = build({ 'it/security/vpn.md': '# VPN' });
    expect(wiki.pages.map((p) => [p.slug, p.title, p.generated])).toEqual([
      ['it', 'It', true],
      ['it/security', 'Security', true],
      ['it/security/vpn', 'VPN', false],
    ]);
  });

  it('refuses two files with the same address and reserved addresses', () => {
    const wiki = build({ 'hr/leave.md': '# A', 'hr/leave/index.md': '# B', 'search/x.md': '# C' });
    expect(wiki.diagnostics.map(formatDiagnostic)).toEqual([
      'content/hr/leave/index.md:1:1 this page has the same address /hr/leave/ as content/hr/leave.md; rename one of them',
      expect.stringMatching(/^content\/search\/x\.md:1:1 "search" is a reserved address of the wiki/),
    ]);
  });

  it('resolves superseded_by to the successor page and warns when it does not exist', () => {
    const wiki = build({
      'finance/travel.md': '# Travel expenses',
      'finance/travel-2024.md': '---\nstatus: superseded\nsuperseded_by: Travel expenses\n---\n# Old travel',
      'finance/fax.md': '---\nstatus: superseded\nsuperseded_by: Nothing here\n---\n# Fax',
    });
    const old = wiki.pages.find((p) => p.slug === 'finance/travel-2024')!;
    expect(old.supersededBy).toEqual({ slug: 'finance/travel', title: 'Travel expenses' });
    expect(wiki.diagnostics.map(formatDiagnostic)).toEqual(['content/finance/fax.md:1:1 warning: superseded_by: no page is titled or found at "Nothing here"']);
  });

  it('collects broken links with their place in the file', () => {
    const wiki = build({ 'hr/a.md': '# A\n\nSee [[Nowhere]].', 'hr/b.md': '# B\n\n[x](./gone.md)' });
    expect(wiki.brokenLinks).toEqual([
      { file: 'content/hr/a.md', line: 3, column: 5, link: '[[Nowhere]]', from: 'hr/a' },
      { file: 'content/hr/b.md', line: 3, column: 1, link: './gone.md', from: 'hr/b' },
    ]);
  });

  it('keeps unknown frontmatter keys and uses redirect_from as an address', () => {
    const wiki = build({
      'travel/guide.md': '---\ntitle: Guide\nredirect_from:\n  - /travel-101/\ncSpell: off\n---\n',
      'hr/a.md': '# A\n\n[guide]({% page "/travel-101/" %})',
    });
    expect(wiki.pages.find((p) => p.slug === 'travel/guide')!.extra).toEqual({ redirect_from: ['/travel-101/'], cSpell: 'off' });
    expect(wiki.pages.find((p) => p.slug === 'hr/a')!.html).toContain('href="/travel/guide/"');
  });

  it('serves only publishable files from /media/', () => {
    const wiki = build({ 'hr/a.md': '![map](./map.png) [script](./tool.sh)' }, ['hr/map.png', 'hr/tool.sh']);
    const html = wiki.pages.find((p) => p.slug === 'hr/a')!.html;
    expect(html).toContain('src="/media/hr/map.png"');
    expect(html).toContain('href="./tool.sh"');
  });
});

describe('review dates', () => {
  it('is overdue after review_by, due within 30 days, fine otherwise', () => {
    expect(reviewState('2026-11-22', '2026-11-23')).toBe('overdue');
    expect(reviewState('2026-11-23', '2026-11-23')).toBe('due');
    expect(reviewState('2026-12-23', '2026-11-23')).toBe('due');
    expect(reviewState('2026-12-24', '2026-11-23')).toBe('ok');
  });
});
