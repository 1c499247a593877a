/**
 * The one place where readers' signals meet the search analysis (src/lib/search/analysis.ts): a
 * query is counted under the words the search itself would see, so "Annual Leave", "annual  leave"
 * and "ANNUAL LEAVE!" are one query, and Hebrew with or without niqqud is one query.
 */
import { words } from '../search/analysis.ts';

/** The longest query kept (the store's limit). */
export const MAX_QUERY_LENGTH = 200;

const FINAL_FORMS: Record<string, string> = { 'כ': 'ך', 'מ': 'ם', 'נ': 'ן', 'פ': 'ף', 'צ': 'ץ' };

/**
 * The analysis maps Hebrew final letters to their ordinary forms (so מרתונ… finds מרתון); a Hebrew
 * word is never written with an ordinary form at its end, so putting the final form back keeps
 * one query one query and makes it readable ("Create this page" uses it as the title).
 */
function withFinalLetter(word: string): string {
  const last = word.at(-1);
  return last && FINAL_FORMS[last] && /[\u05D0-\u05EA]/.test(word) ? word.slice(0, -1) + FINAL_FORMS[last] : word;
}

/**
 * The query as counted: its words, normalized by the search analysis, joined by single spaces, cut
 * at a word boundary to the store's limit. Empty when the query has no words at all.
 */
export function normalizeQuery(query: string): string {
  let out = '';
  for (const { norm } of words(query)) {
    const word = withFinalLetter(norm);
    const next = out ? `${out} ${word}` : word;
    if (next.length > MAX_QUERY_LENGTH) break;
    out = next;
  }
  return out;
}
