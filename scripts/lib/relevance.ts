/**
 * Relevance measures over the fixtures in tests/fixtures/relevance/: top-k hit rate (questions with
 * one right answer) and nDCG@k (graded judgments, 0–3 per page), with the same engine as the site.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { SearchEngine } from '../../src/lib/search/engine.ts';

export interface Question {
  q: string;
  expect: string[];
}

export interface GradedQuery {
  q: string;
  /** slug → grade (0–3); pages not listed are 0. */
  grades: Record<string, number>;
}

export async function readFixture<T>(file: string, root = process.cwd()): Promise<Record<string, T[]>> {
  return JSON.parse(await readFile(path.resolve(root, 'tests/fixtures/relevance', file), 'utf8'));
}

/** Share of the questions whose answer is in the first `k` results, and the questions missed. */
export async function hitRate(engine: SearchEngine, list: Question[], k = 3): Promise<{ rate: number; misses: string[] }> {
  const misses: string[] = [];
  for (const item of list) if (!(await engine.search(item.q, {}, k)).some((r) => item.expect.includes(r.slug))) misses.push(item.q);
  return { rate: (list.length - misses.length) / list.length, misses };
}

/** Normalized discounted cumulative gain of a ranking at `k` (gain 2^grade − 1, log2 discount). */
export function ndcg(ranked: string[], grades: Record<string, number>, k = 10): number {
  const dcg = (gains: number[]) => gains.slice(0, k).reduce((sum, g, i) => sum + (2 ** g - 1) / Math.log2(i + 2), 0);
  const ideal = dcg(Object.values(grades).sort((a, b) => b - a));
  return ideal === 0 ? 0 : dcg(ranked.map((slug) => grades[slug] ?? 0)) / ideal;
}

/** Mean nDCG@k over graded queries. */
export async function meanNdcg(engine: SearchEngine, list: GradedQuery[], k = 10): Promise<number> {
  let sum = 0;
  for (const item of list) sum += ndcg((await engine.search(item.q, {}, k)).map((r) => r.slug), item.grades, k);
  return sum / list.length;
}
