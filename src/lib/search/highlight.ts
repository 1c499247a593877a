import { analyzeQuery, hebrewPrefixVariants, isHebrew, words } from './analysis.ts';
import lunr from 'lunr';

/** A run of text, marked when it matched the query. */
export type Segment = [text: string, marked: boolean];

/**
 * Splits `text` into runs, marking the words that match the query the way the index does: same
 * stem (English), same normal form or the same word without prefix letters (Hebrew), or — for the
 * word being typed — beginning with it.
 */
export function highlight(text: string, query: string): Segment[] {
  const terms = analyzeQuery(query).filter((t, _, all) => !t.stop || all.every((x) => x.stop));
  if (!text || terms.length === 0) return text ? [[text, false]] : [];
  const last = terms.at(-1)!;
  const matches = (norm: string): boolean => {
    const forms = isHebrew(norm) ? [norm, ...hebrewPrefixVariants(norm)] : [lunr.stemmer(new lunr.Token(norm, {})).toString()];
    return terms.some((t) => forms.includes(t.term) || t.variants.some((v) => forms.includes(v))) || (last.norm.length >= 2 && forms.some((f) => f.startsWith(last.norm)));
  };
  const out: Segment[] = [];
  let at = 0;
  for (const w of words(text)) {
    if (!matches(w.norm)) continue;
    if (w.start > at) out.push([text.slice(at, w.start), false]);
    out.push([w.raw, true]);
    at = w.start + w.raw.length;
  }
  if (at < text.length) out.push([text.slice(at), false]);
  return out;
}
