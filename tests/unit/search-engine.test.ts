import { describe, expect, it } from 'vitest';
import type { ContentFolder } from '../../src/lib/content/read-content.ts';
import { buildSearchIndex } from '../../src/lib/search/build-index.ts';
import { SearchEngine, type SearchFilters } from '../../src/lib/search/engine.ts';
import { urlScheme } from '../../src/lib/urls.ts';
import { buildWiki } from '../../src/lib/wiki/build.ts';
import { pageLoader } from '../support/search-index.ts';

const pages: Record<string, string> = {
  'finance/index.md': '---\ntitle: Finance\n---\nMoney matters.',
  'finance/travel-expenses.md': [
    '---\ntitle: Travel expenses\ntags: [travel, money]\n---',
    'How to claim travel costs.',
    '## Reimbursement',
    'Submit receipts within 30 days to get your reimbursement.',
    '## Hotels',
    'Book hotels through the travel desk.',
  ].join('\n\n'),
  'finance/corporate-card.md': '---\ntitle: Corporate card\ntags: [money]\n---\nThe card limit is 5000. Lost cards are blocked by the bank. Travel is paid by card where possible.',
  'finance/travel-2024.md': '---\ntitle: Travel expenses 2024\nstatus: superseded\nsuperseded_by: Travel expenses\n---\nOld travel reimbursement rules.',
  'finance/fax.md': '---\ntitle: Fax\nstatus: retired\n---\nFaxing receipts.',
  'it/index.md': '---\ntitle: IT\n---\nComputers.',
  'it/laptops.md': '---\ntitle: Laptops\nstatus: draft\n---\nA stolen laptop must be reported. Laptop laptop laptop.',
  'it/lost-device.md': '---\ntitle: Lost or stolen device\n---\nIf your phone or laptop was stolen, call the helpdesk.',
  'safety/index.md': '---\ntitle: Safety\n---\nStay safe.',
  'safety/fire.md': '---\ntitle: פינוי בשריפה\nlang: he\n---\nבנוהל הפינוי של המפעל יש לצאת דרך היציאה הקרובה. המרתון השנתי מתקיים באביב.',
};

async function engine() {
  const folder: ContentFolder = { pages: Object.entries(pages).map(([path, text]) => ({ path, text })), templates: [], assets: new Set() };
  const wiki = buildWiki(folder, { displayDir: 'content', defaultLang: 'en', urls: urlScheme('/') });
  const files = buildSearchIndex(wiki.pages, { sectionTitles: new Map([['finance', 'Finance'], ['it', 'IT'], ['safety', 'Safety']]) });
  const e = await SearchEngine.open(async (file) => JSON.parse(files.get(file)!), pageLoader(wiki.pages));
  return { e, files };
}

describe('search engine', async () => {
  const { e, files } = await engine();
  const slugs = async (q: string, filters: SearchFilters = {}) => (await e.search(q, filters)).map((r) => r.slug);

  it('ranks a title match first and links a body match to its section, showing the passage that matched', async () => {
    expect((await slugs('travel expenses'))[0]).toBe('finance/travel-expenses');
    const [hit] = await e.search('receipts');
    expect(hit).toMatchObject({ slug: 'finance/travel-expenses', heading: { id: 'reimbursement', text: 'Reimbursement' }, sectionTitle: 'Finance' });
    expect(hit!.snippet).toBe('Submit receipts within 30 days to get your reimbursement.');
    expect(hit!.snippetMarks).toContainEqual(['receipts', true]);
  });

  it('matches the word being typed as a prefix, and tolerates a typo in a longer word', async () => {
    expect((await slugs('reimb'))[0]).toBe('finance/travel-expenses');
    expect((await slugs('reimbursment'))[0]).toBe('finance/travel-expenses');
  });

  it('finds Hebrew words written with prefix letters, and words typed without their final letter', async () => {
    expect(await slugs('נוהל')).toContain('safety/fire');
    expect((await slugs('פינוי מפעל'))[0]).toBe('safety/fire');
    expect(await slugs('מרתו')).toEqual(['safety/fire']);
  });

  it('ranks pages with every word above pages with some (AND, then OR)', async () => {
    // "laptop" alone matches the draft page best; "stolen laptop" together is the lost-device page.
    expect((await slugs('laptop'))[0]).toBe('it/laptops');
    const results = await e.search('stolen phone laptop');
    expect(results[0]!.slug).toBe('it/lost-device');
    expect(results[0]!.all).toBe(true);
    expect(results.slice(1).every((r) => !r.all)).toBe(true);
  });

  it('boosts pages where the words stand together as a phrase', async () => {
    // Both pages have "travel" and "card"; only one says "corporate card".
    expect((await slugs('corporate card travel'))[0]).toBe('finance/corporate-card');
  });

  it('filters by section, tag and language', async () => {
    expect(await slugs('travel', { section: 'it' })).toEqual([]);
    expect((await slugs('money', { tag: 'money' })).sort()).toEqual(['finance/corporate-card', 'finance/travel-expenses']);
    expect(await slugs('פינוי', { lang: 'en' })).toEqual([]);
    expect(await slugs('פינוי', { lang: 'he' })).toEqual(['safety/fire']);
  });

  it('leaves superseded and retired pages out, and marks drafts', async () => {
    expect(await slugs('reimbursement')).not.toContain('finance/travel-2024');
    expect(await slugs('faxing')).toEqual([]);
    expect((await e.search('laptop')).find((r) => r.slug === 'it/laptops')!.draft).toBe(true);
  });

  it('says that a page a search names is no longer in force, and where its successor is', async () => {
    expect(await e.retired('fax')).toEqual([{ slug: 'finance/fax', title: 'Fax', status: 'retired' }]);
    expect(await e.retired('travel 2024')).toEqual([{ slug: 'finance/travel-2024', title: expect.any(String), status: 'superseded', successor: { slug: 'finance/travel-expenses', title: 'Travel expenses' } }]);
    expect(await e.retired('laptop')).toEqual([]);
  });

  it('reports scores in ranking order', async () => {
    const scores = (await e.search('stolen laptop card')).map((r) => r.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('answers from the titles alone when asked to, with no text loaded', async () => {
    const quick = await e.search('lost device', {}, 8, { fullText: false });
    expect(quick[0]).toMatchObject({ slug: 'it/lost-device', snippet: '' });
    expect(quick[0]!.titleMarks).toEqual([['Lost', true], [' or stolen ', false], ['device', true]]);
  });

  it('refuses an index built in another format', async () => {
    const manifest = { ...JSON.parse(files.get('manifest.json')!), format: 999 };
    await expect(SearchEngine.open(async (f) => (f === 'manifest.json' ? manifest : JSON.parse(files.get(f)!)), pageLoader([]))).rejects.toThrow(/format 999/);
  });
});
