/** Synonyms an organization edits (content/_search/synonyms.yml), applied at query time. */
import { describe, expect, it } from 'vitest';
import type { ContentFolder } from '../../src/lib/content/read-content.ts';
import { buildSearchIndex } from '../../src/lib/search/build-index.ts';
import { SearchEngine } from '../../src/lib/search/engine.ts';
import { parseSynonyms } from '../../src/lib/search/synonyms.ts';
import { urlScheme } from '../../src/lib/urls.ts';
import { buildWiki } from '../../src/lib/wiki/build.ts';
import { pageLoader } from '../support/search-index.ts';

const pages: Record<string, string> = {
  'hr/index.md': '---\ntitle: HR\n---\nPeople.',
  'hr/leave.md': '---\ntitle: Annual leave\n---\nHow many days of leave you get each year.',
  'hr/holiday.md': '---\ntitle: חופש\nlang: he\n---\nמכסת ימי החופש בשנה.',
  'it/index.md': '---\ntitle: IT\n---\nComputers.',
  'it/computers.md': '---\ntitle: Computers\n---\nEvery employee gets a computer on the first day.',
};

async function engine(synonymsYaml: string) {
  const folder: ContentFolder = { pages: Object.entries(pages).map(([path, text]) => ({ path, text })), templates: [], assets: new Set() };
  const wiki = buildWiki(folder, { displayDir: 'content', defaultLang: 'en', urls: urlScheme('/') });
  const files = buildSearchIndex(wiki.pages, { synonyms: parseSynonyms(synonymsYaml).groups });
  return SearchEngine.open(async (file) => JSON.parse(files.get(file)!), pageLoader(wiki.pages));
}
const slugs = async (e: SearchEngine, q: string) => (await e.search(q)).map((r) => r.slug);

describe('synonyms', () => {
  it('are read as groups of single words, and say what is wrong with a group', () => {
    expect(parseSynonyms('# ours\n- [vacation, leave, pto]\n- [laptop, computer]\n')).toEqual({ groups: [['vacation', 'leave', 'pto'], ['laptop', 'computer']], errors: [] });
    expect(parseSynonyms('- [alone]\n- [time off, leave, vacation]\n').errors).toEqual([
      'group 1: a group needs at least two words',
      'group 2: entries are single words, not "time off"',
    ]);
    expect(parseSynonyms('- [a, b]\n- *x\n').errors.length).toBeGreaterThan(0);
  });

  it('find the pages that use another word of the group, in any form, below the word itself', async () => {
    const without = await engine('');
    expect(await slugs(without, 'vacations')).toEqual([]);
    const e = await engine('- [vacation, leave]\n- [laptop, computer]\n- [חופשה, חופש]\n');
    expect(await slugs(e, 'vacations')).toEqual(['hr/leave']);
    expect((await slugs(e, 'laptop'))[0]).toBe('it/computers');
    // Both languages: חופשה finds the page that says חופש, and so does בחופשות.
    expect(await slugs(e, 'חופשה')).toEqual(['hr/holiday']);
    expect(await slugs(e, 'בחופשות')).toEqual(['hr/holiday']);
    // The word itself ranks above its synonym.
    const both = await engine('- [leave, computer]\n');
    const found = await slugs(both, 'computer');
    expect(found[0]).toBe('it/computers');
    expect(found).toContain('hr/leave');
  });

  it('mark the synonym in what the reader sees', async () => {
    const e = await engine('- [vacation, leave]\n');
    const [hit] = await e.search('vacation');
    expect(hit!.titleMarks).toEqual([['Annual ', false], ['leave', true]]);
  });
});
