import { describe, expect, it } from 'vitest';
import { atomXml } from '../../src/lib/feeds/atom.ts';
import { changeEntries, filesUnder, pageFile } from '../../src/lib/feeds/changes.ts';
import type { Revision } from '../../src/lib/history/git-log.ts';

const rev = (commit: string, date: string, summary: string, author = 'Dana Levi'): Revision => ({ commit: commit.padEnd(40, '0'), date, author, email: 'dana@galil.example', summary });
const files = new Map<string, Revision[]>([
  ['hr/index.mdx', [rev('a1', '2026-01-01T09:00:00Z', 'HR section')]],
  ['hr/annual-leave.mdx', [rev('b2', '2026-03-01T09:00:00Z', 'Leave: carry-over'), rev('a1', '2026-01-01T09:00:00Z', 'HR section')]],
  ['hr/images/chart.png', [rev('c3', '2026-02-01T09:00:00Z', 'Leave chart')]],
  ['hrx/other.md', [rev('d4', '2026-04-01T09:00:00Z', 'Another section')]],
  ['_templates/procedure.mdx', [rev('e5', '2026-05-01T09:00:00Z', 'Template')]],
]);

describe('change feeds', () => {
  it('follows a section: its pages and images, not a section whose name starts the same, nor templates', () => {
    expect([...filesUnder(files, 'hr').keys()].sort()).toEqual(['hr/annual-leave.mdx', 'hr/images/chart.png', 'hr/index.mdx']);
    expect([...filesUnder(files, '').keys()]).not.toContain('_templates/procedure.mdx');
  });

  it('finds the one file of a page by its slug, a folder’s index included', () => {
    expect(pageFile(files, 'hr/annual-leave')?.path).toBe('hr/annual-leave.mdx');
    expect(pageFile(files, 'hr')?.path).toBe('hr/index.mdx');
    expect(pageFile(files, 'hr/images/chart.png')).toBeUndefined();
    expect(pageFile(files, '_templates/procedure')).toBeUndefined();
  });

  it('makes one entry per commit, newest first, linking the revision in the first page’s history', () => {
    const pages = new Map([['hr/annual-leave.mdx', { slug: 'hr/annual-leave', title: 'Annual leave' }], ['hr/index.mdx', { slug: 'hr', title: 'Human resources' }]]);
    const entries = changeEntries(filesUnder(files, 'hr'), { pageOf: (p) => pages.get(p), url: (p) => `https://wiki.example/${p}/` });
    expect(entries.map((e) => e.title)).toEqual(['Leave: carry-over', 'Leave chart', 'HR section']);
    expect(entries[0]).toMatchObject({ id: `urn:pinkas:commit:${'b2'.padEnd(40, '0')}`, link: `https://wiki.example/history/hr/annual-leave/#r-b20000000000`, summary: 'Dana Levi: Leave: carry-over (Annual leave)' });
    // A commit that changed no page (an image) links the recent changes.
    expect(entries[1]!.link).toBe('https://wiki.example/changes/');
    expect(entries[2]!.summary).toBe('Dana Levi: HR section (Annual leave, Human resources)');
  });

  it('writes Atom that escapes what a commit message may hold', () => {
    const xml = atomXml({
      self: 'https://wiki.example/changes/hr.xml',
      alternate: 'https://wiki.example/hr/',
      title: 'Changes in “HR & Co” · Pinkas',
      lang: 'he',
      author: 'Pinkas',
      entries: [{ id: 'urn:pinkas:commit:1', title: 'Fix <script> & "quotes"\u0007', updated: '2026-03-01T09:00:00Z', author: 'O\'Brien', link: 'https://wiki.example/a?b=1&c=2', summary: 's' }],
    });
    expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="he">');
    expect(xml).toContain('<title>Fix &lt;script&gt; &amp; &quot;quotes&quot;</title>');
    expect(xml).toContain('href="https://wiki.example/a?b=1&amp;c=2"');
    expect(xml).toContain('<name>O&apos;Brien</name>');
    expect(xml).toContain('<updated>2026-03-01T09:00:00Z</updated>');
  });

  it('says an empty feed was updated at the epoch', () => {
    const xml = atomXml({ self: 's', alternate: 'a', title: 't', lang: 'en', author: 'P', entries: [] });
    expect(xml).toMatch(/<updated>1970-01-01T00:00:00.000Z<\/updated>\n {2}<author>/);
    expect(xml).not.toContain('<entry>');
  });
});
