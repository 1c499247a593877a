/**
 * A page's text as the full-text layer of the index counts it: for each section, the words of its
 * heading and of its text in their normal form (analysis.ts `normalizeWord`), each with how often
 * it occurs. The build counts them when it renders a page (in the render pool's threads) and keeps
 * them in the render cache beside the page's HTML, so that the index of a wiki after a one-page
 * change analyses one page, not every page; the weights (weights.ts) come from these counts alone.
 */
import { normalizeWord, WORD } from './analysis.ts';

/** The words of a text, normalized, in the order they first occur, and how often each does. */
export interface WordCounts {
  w: string[];
  n: number[];
}

/** Per section (in page order): the counts of its heading and of its text. */
export interface PageTerms {
  s: [heading: WordCounts, text: WordCounts][];
}

/** Normal forms of the words seen lately: a wiki's words repeat far more than they vary. */
const normals = new Map<string, string>();

export function countWords(text: string): WordCounts {
  const at = new Map<string, number>();
  const out: WordCounts = { w: [], n: [] };
  for (const m of text.matchAll(WORD)) {
    let norm = normals.get(m[0]);
    if (norm === undefined) {
      if (normals.size > 200_000) normals.clear();
      normals.set(m[0], (norm = normalizeWord(m[0])));
    }
    if (!norm) continue;
    const i = at.get(norm);
    if (i === undefined) {
      at.set(norm, out.w.length);
      out.w.push(norm);
      out.n.push(1);
    } else out.n[i]!++;
  }
  return out;
}

export function pageTerms(sections: readonly { heading: string; text: string }[]): PageTerms {
  return { s: sections.map((s) => [countWords(s.heading), countWords(s.text)]) };
}
