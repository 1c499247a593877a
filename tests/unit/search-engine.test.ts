import lunr from 'lunr';
import { describe, expect, it } from 'vitest';
import type { ContentFolder } from '../../src/lib/content/read-content.ts';
import { tokenize, pinkasTerm } from '../../src/lib/search/analysis.ts';
import { buildSearchIndex } from '../../src/lib/search/build-index.ts';
import { compactIndex, PostingsIndex } from '../../src/lib/search/compact.ts';
import { SearchEngine } from '../../src/lib/search/engine.ts';
import { highlight } from '../../src/lib/search/highlight.ts';
import { urlScheme } from '../../src/lib/urls.ts';
import { buildWiki } from '../../src/lib/wiki/build.ts';

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
  const files = buildSearchIndex(wiki.pages, new Map([['finance', 'Finance'], ['it', 'IT'], ['safety', 'Safety']]));
  const e = await SearchEngine.open(async (file) => JSON.parse(files.get(file)!));
  await e.loadFullText();
  return { e, files };
}

describe('search engine', async () => {
  const { e, files } = await engine();
  const slugs = (q: string, filters = {}) => e.search(q, filters).map((r) => r.slug);

  it('ranks a title match first and links a body match to its section', () => {
    expect(slugs('travel expenses')[0]).toBe('finance/travel-expenses');
    const [hit] = e.search('receipts');
    expect(hit).toMatchObject({ slug: 'finance/travel-expenses', heading: { id: 'reimbursement', text: 'Reimbursement' }, sectionTitle: 'Finance' });
    expect(hit!.snippet).toBe('Submit receipts within 30 days to get your reimbursement.');
  });

  it('matches the word being typed as a prefix, and tolerates a typo in a longer word', () => {
    expect(slugs('reimb')[0]).toBe('finance/travel-expenses');
    expect(slugs('reimbursment')[0]).toBe('finance/travel-expenses');
  });

  it('finds Hebrew words written with prefix letters, and words typed without their final letter', () => {
    expect(slugs('נוהל')).toContain('safety/fire');
    expect(slugs('פינוי מפעל')[0]).toBe('safety/fire');
    expect(slugs('מרתו')).toEqual(['safety/fire']);
  });

  it('ranks pages with every word above pages with some (AND, then OR)', () => {
    // "laptop" alone matches the draft page best; "stolen laptop" together is the lost-device page.
    expect(slugs('laptop')[0]).toBe('it/laptops');
    const results = e.search('stolen phone laptop');
    expect(results[0]!.slug).toBe('it/lost-device');
    expect(results[0]!.all).toBe(true);
    expect(results.slice(1).every((r) => !r.all)).toBe(true);
  });

  it('boosts pages where the words stand together as a phrase', () => {
    // Both pages have "travel" and "card"; only one says "corporate card".
    expect(slugs('corporate card travel')[0]).toBe('finance/corporate-card');
  });

  it('filters by section, tag and language', () => {
    expect(slugs('travel', { section: 'it' })).toEqual([]);
    expect(slugs('money', { tag: 'money' }).sort()).toEqual(['finance/corporate-card', 'finance/travel-expenses']);
    expect(slugs('פינוי', { lang: 'en' })).toEqual([]);
    expect(slugs('פינוי', { lang: 'he' })).toEqual(['safety/fire']);
  });

  it('leaves superseded and retired pages out, and marks drafts', () => {
    expect(slugs('reimbursement')).not.toContain('finance/travel-2024');
    expect(slugs('faxing')).toEqual([]);
    expect(e.search('laptop').find((r) => r.slug === 'it/laptops')!.draft).toBe(true);
  });

  it('reports scores in ranking order', () => {
    const scores = e.search('stolen laptop card').map((r) => r.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('refuses an index built in another format', async () => {
    const manifest = { ...JSON.parse(files.get('manifest.json')!), format: 999 };
    await expect(SearchEngine.open(async (f) => (f === 'manifest.json' ? manifest : JSON.parse(files.get(f)!)))).rejects.toThrow(/format 999/);
  });
});

describe('the index format', () => {
  function lunrIndex(docs: string[]) {
    const builder = new lunr.Builder();
    builder.pipeline.add(pinkasTerm);
    builder.searchPipeline.add(pinkasTerm);
    builder.tokenizer = ((text: unknown) => tokenize(String(text ?? ''))) as unknown as typeof lunr.tokenizer;
    builder.ref('id');
    builder.field('body');
    docs.forEach((body, i) => builder.add({ id: String(i), body }));
    return builder.build();
  }

  it('registers the analysis with lunr, so a serialized lunr index loads', () => {
    const index = lunrIndex(['בנוהל הפינוי', 'travel reimbursement']);
    const loaded = lunr.Index.load(JSON.parse(JSON.stringify(index)));
    expect(loaded.query((q) => q.term('נוהל', { usePipeline: false })).map((r) => r.ref)).toEqual(['0']);
  });

  it('scores weighted postings as lunr scores its own index', () => {
    const docs = ['travel travel hotel', 'travel', 'hotel booking rules for long travel and short stays', 'nothing here'];
    const index = lunrIndex(docs);
    const postings = new PostingsIndex(compactIndex(index));
    const ours = new Map<number, number>();
    postings.score([{ term: 'travel', boost: 1 }], (doc, score) => ours.set(doc, (ours.get(doc) ?? 0) + score));
    const theirs = index.query((q) => q.term('travel', { usePipeline: false }));
    expect([...ours.entries()].sort((a, b) => b[1] - a[1]).map(([doc]) => String(doc))).toEqual(theirs.map((r) => r.ref));
    for (const r of theirs) expect(ours.get(Number(r.ref))).toBeCloseTo(r.score, 2);
  });

  it("expands prefixes and typos against the vocabulary with lunr's TokenSet", () => {
    const postings = new PostingsIndex(compactIndex(lunrIndex(['reimbursement policy', 'reporting'])));
    expect(postings.expand({ term: 're', boost: 1, wildcard: true })).toHaveLength(2);
    expect(postings.expand({ term: 'polici', boost: 1 })).toHaveLength(1);
    expect(postings.expand({ term: 'polica', boost: 1, editDistance: 1 })).toHaveLength(1);
  });
});

describe('highlighting', () => {
  it('marks words by stem, by Hebrew prefix and the word being typed', () => {
    expect(highlight('Submit receipts for reimbursement', 'receipt reimb')).toEqual([
      ['Submit ', false], ['receipts', true], [' for ', false], ['reimbursement', true],
    ]);
    expect(highlight('בנוהל הפינוי', 'נוהל')).toEqual([['בנוהל', true], [' הפינוי', false]]);
  });
});
