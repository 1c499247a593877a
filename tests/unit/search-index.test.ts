/**
 * The term-partitioned index: lunr's weights, chunks by term range, and a query that loads only the
 * files it needs — counted.
 */
import lunr from 'lunr';
import { describe, expect, it } from 'vitest';
import { pinkasTerm, tokenize } from '../support/lunr-analysis.ts';
import { buildSearchIndex, type SearchablePage } from '../../src/lib/search/build-index.ts';
import { SearchEngine } from '../../src/lib/search/engine.ts';
import { chunkOf, chunksOfPrefix, type Manifest } from '../../src/lib/search/format.ts';
import { weightedIndex } from '../../src/lib/search/weights.ts';
import { pageLoader } from '../support/search-index.ts';

describe('term weights', () => {
  it("are lunr.Builder's BM25 weights, fields added", () => {
    const docs = [
      { heading: 'Travel', body: 'travel travel hotel' },
      { heading: '', body: 'travel' },
      { heading: 'Hotels', body: 'hotel booking rules for long travel and short stays בנוהל הנסיעות' },
      { heading: 'Nothing', body: 'nothing here' },
    ];
    const builder = new lunr.Builder();
    builder.pipeline.add(pinkasTerm);
    builder.tokenizer = ((text: unknown) => tokenize(String(text ?? ''))) as unknown as typeof lunr.tokenizer;
    builder.ref('id');
    builder.field('heading', { boost: 3 });
    builder.field('body', { boost: 1 });
    docs.forEach((doc, i) => builder.add({ ...doc, id: String(i) }));
    const index = builder.build().toJSON() as unknown as { fieldVectors: [string, number[]][]; invertedIndex: [string, { _index: number }][] };
    const termOf = new Map(index.invertedIndex.map(([term, posting]) => [posting._index, term]));
    const theirs = new Map<string, number>();
    for (const [ref, elements] of index.fieldVectors) {
      const doc = ref.slice(ref.indexOf('/') + 1);
      for (let i = 0; i < elements.length; i += 2) {
        const key = `${termOf.get(elements[i]!)} ${doc}`;
        theirs.set(key, (theirs.get(key) ?? 0) + elements[i + 1]!);
      }
    }
    const ours = new Map<string, number>();
    for (const [term, { docs: ids, weights }] of weightedIndex(docs, [['heading', 3], ['body', 1]]).terms) {
      for (let i = 0; i < ids.length; i++) ours.set(`${term} ${ids[i]}`, weights[i]!);
    }
    expect([...ours.keys()].sort()).toEqual([...theirs.keys()].sort());
    for (const [key, weight] of theirs) expect(ours.get(key), key).toBeCloseTo(weight, 9);
  });
});

/** A wiki of `n` pages, each with a rare word of its own, words of a shared pool, and one word on every page. */
function wiki(n: number): SearchablePage[] {
  const pool = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliet', 'kilo', 'lima', 'mike', 'november', 'oscar', 'papa', 'quebec', 'romeo', 'sierra', 'tango'];
  return Array.from({ length: n }, (_, i) => ({
    slug: `${i % 2 ? 'ops' : 'people'}/page-${i}`,
    title: `Page ${pool[i % pool.length]} ${i}`,
    tags: [i % 3 ? 'forms' : 'audit'],
    lang: i % 10 === 0 ? 'he' : 'en',
    section: i % 2 ? 'ops' : 'people',
    status: 'active',
    sections: [
      { id: '', heading: '', text: `Every page says procedure. ${Array.from({ length: 30 }, (_, k) => pool[(i * 7 + k * 3) % pool.length]).join(' ')} unique${i}word` },
      { id: 'more', heading: 'More', text: `${i % 50 === 0 ? 'procedure '.repeat(20) : ''}zebra${i % 40} ${pool[i % pool.length]}` },
    ],
  }));
}

async function counted(pages: SearchablePage[], sizes = { titleChunk: 600, textChunk: 1_500, tier: 40, vocabBlock: 50 }) {
  const files = buildSearchIndex(pages, { sizes });
  const loads: string[] = [];
  const loadPage = pageLoader(pages);
  const engine = await SearchEngine.open(
    async (file) => {
      loads.push(file);
      return JSON.parse(files.get(file)!);
    },
    async (slug) => {
      loads.push(`page:${slug}`);
      return loadPage(slug);
    },
  );
  const manifest = JSON.parse(files.get('manifest.json')!) as Manifest;
  return { engine, loads, manifest, files };
}

describe('the term-partitioned index', async () => {
  const pages = wiki(400);

  it('opens with the manifest alone, and keeps its term dictionary small', async () => {
    const { loads, manifest, files } = await counted(pages);
    expect(loads).toEqual(['manifest.json']);
    expect(manifest.text.length).toBeGreaterThan(20);
    expect(files.get('manifest.json')!.length).toBeLessThan(4_000);
  });

  it('loads, for a word, the chunk of each layer whose range holds it and what its results show', async () => {
    const { engine, loads, manifest } = await counted(pages);
    loads.length = 0;
    const results = await engine.search('unique123word', {}, 5);
    expect(results.map((r) => r.slug)).toEqual(['ops/page-123']);
    // The word typed last is also a prefix: the chunks its completions can be in, at most two per layer.
    const titles = loads.filter((f) => /^t\d+\.json$/.test(f));
    const text = loads.filter((f) => /^x\d+\.json$/.test(f));
    expect(text).toContain(`x${chunkOf(manifest.text, 'unique123word')}.json`);
    expect(text.length).toBeLessThanOrEqual(2);
    expect(titles.length).toBeLessThanOrEqual(2);
    // One metadata file and the result page itself (for its passage); nothing else.
    expect(loads.filter((f) => f.startsWith('m'))).toHaveLength(1);
    expect(loads.filter((f) => f.startsWith('page:'))).toEqual(['page:ops/page-123']);
    expect(loads.filter((f) => /^(v|f-)/.test(f))).toEqual([]);

    // Asked again, nothing is loaded again.
    loads.length = 0;
    await engine.search('unique123word', {}, 5);
    expect(loads).toEqual([]);
  });

  it('loads for the word being typed only the chunks its completions can be in', async () => {
    const { engine, loads, manifest } = await counted(pages);
    loads.length = 0;
    await engine.search('zebra1', {}, 5, { fullText: true });
    const text = loads.filter((f) => /^x\d+\.json$/.test(f)).map((f) => Number(f.slice(1, -5)));
    const possible = new Set([chunkOf(manifest.text, 'zebra1'), ...chunksOfPrefix(manifest.text, 'zebra1')]);
    expect(text.every((chunk) => possible.has(chunk))).toBe(true);
  });

  it('looks a typo up in the vocabulary blocks of its first two letters only', async () => {
    const { engine, loads, manifest } = await counted(pages);
    loads.length = 0;
    const results = await engine.search('novmeber', {}, 5);
    expect(results.length).toBeGreaterThan(0);
    const vocab = loads.filter((f) => f.startsWith('v')).map((f) => Number(f.slice(1, -5)));
    const possible = new Set([...chunksOfPrefix(manifest.vocab, 'no'), ...chunksOfPrefix(manifest.vocab, 'on')]);
    expect(vocab.length).toBeGreaterThan(0);
    expect(vocab.every((block) => possible.has(block))).toBe(true);
    expect(vocab.length).toBeLessThan(manifest.vocab.length / 4);
  });

  it('filters by language and tag from their own lists, by section from the page numbers', async () => {
    const { engine, loads } = await counted(pages);
    loads.length = 0;
    const he = await engine.search('procedure', { lang: 'he', section: 'people' }, 50);
    expect(he.length).toBeGreaterThan(0);
    expect(he.every((r) => r.lang === 'he' && r.section === 'people')).toBe(true);
    expect(loads.filter((f) => f.startsWith('f-'))).toEqual(['f-lang-1.json']); // languages in order: en, he
    loads.length = 0;
    const audit = await engine.search('procedure', { tag: 'audit' }, 50);
    expect(audit.every((r) => r.tags.includes('audit'))).toBe(true);
    // Tags share files: one file holds the lists of a run of tags.
    expect(loads.filter((f) => f.startsWith('f-'))).toEqual(['f-tag-0.json']);
  });

  it('keeps only the strongest postings of a common word, and still finds every page that has it', async () => {
    const { engine, files } = await counted(pages);
    // "procedure" is on all 400 pages but keeps 40 postings; the strongest are the pages that repeat it.
    const chunk = [...files].find(([name, text]) => name.startsWith('x') && JSON.parse(text).t.includes('procedur'))!;
    const file = JSON.parse(chunk[1]);
    const k = file.t.indexOf('procedur');
    expect(file.df[k]).toBe(400 + 8);
    expect(file.p[k].length / 3).toBe(40);
    expect((await engine.search('procedure', {}, 8)).map((r) => r.slug).slice(0, 3).every((slug) => Number(slug.split('-')[1]) % 50 === 0)).toBe(true);
    // A page outside those postings still has every word of "procedure unique77word".
    const [hit] = await engine.search('procedure unique77word', {}, 3);
    expect(hit).toMatchObject({ slug: 'ops/page-77', all: true });
  });
});
