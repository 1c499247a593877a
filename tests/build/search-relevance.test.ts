/**
 * Relevance: questions an employee would type, written without looking at the engine (see
 * tests/fixtures/relevance/*.json), with the page that answers each. The target is the right page
 * in the first three results for at least 90% of the questions, per language and corpus.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SearchEngine } from '../../src/lib/search/engine.ts';
import { engineFor } from '../support/search-index.ts';
import { handbook18F as corpus } from '../support/corpora.ts';

interface Question {
  q: string;
  expect: string[];
  prefixOnly?: boolean;
}

async function questions(file: string): Promise<Record<string, Question[]>> {
  return JSON.parse(await readFile(path.resolve('tests/fixtures/relevance', file), 'utf8'));
}

function top3(engine: SearchEngine, list: Question[]) {
  const misses = list.filter((item) => !engine.search(item.q, {}, 3).some((r) => item.expect.includes(r.slug)));
  return { rate: (list.length - misses.length) / list.length, misses: misses.map((m) => m.q) };
}


describe('search relevance on the sample wiki', async () => {
  const engine = await engineFor('content');
  const set = await questions('sample.json');

  it('answers at least 30 English questions, 90% of them in the top 3', () => {
    expect(set.en!.length).toBeGreaterThanOrEqual(30);
    const { rate, misses } = top3(engine, set.en!);
    expect(rate, `missed: ${misses.join(' | ')}`).toBeGreaterThanOrEqual(0.9);
  });

  it('answers Hebrew questions, 90% of them in the top 3', () => {
    const { rate, misses } = top3(engine, set.he!);
    expect(rate, `missed: ${misses.join(' | ')}`).toBeGreaterThanOrEqual(0.9);
  });

  it('finds Hebrew pages by words that appear in them only with prefix letters', () => {
    const prefixOnly = set.he!.filter((q) => q.prefixOnly);
    expect(prefixOnly.length).toBeGreaterThanOrEqual(8);
    const { rate, misses } = top3(engine, prefixOnly);
    expect(rate, `missed: ${misses.join(' | ')}`).toBeGreaterThanOrEqual(0.9);
  });
});

describe.skipIf(!corpus)('search relevance on the 18F handbook', async () => {
  const engine = corpus ? await engineFor(corpus) : undefined;
  const set = await questions('18f.json');

  it('answers at least 30 questions, 90% of them in the top 3', () => {
    expect(set.en!.length).toBeGreaterThanOrEqual(30);
    const { rate, misses } = top3(engine!, set.en!);
    expect(rate, `missed: ${misses.join(' | ')}`).toBeGreaterThanOrEqual(0.9);
  });
});
