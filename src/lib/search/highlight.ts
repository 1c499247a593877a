/**
 * What the reader sees of a match: the passage of a text that matched best, and the words in it
 * that matched, marked.
 */
import { indexTermsOf, words } from './analysis.ts';

/** A run of text, marked when it matched the query. */
export type Segment = [text: string, marked: boolean];

/** Whether a word of a text matched: one of its index terms is among the terms the query found. */
export type WordMatcher = (word: string) => boolean;

export function matcherOf(found: ReadonlySet<string>): WordMatcher {
  const seen = new Map<string, boolean>();
  return (word) => {
    let hit = seen.get(word);
    if (hit === undefined) seen.set(word, (hit = indexTermsOf(word).some((t) => found.has(t))));
    return hit;
  };
}

/** Splits `text` into runs, marking the words that matched. */
export function highlight(text: string, matches: WordMatcher): Segment[] {
  if (!text) return [];
  const out: Segment[] = [];
  let at = 0;
  for (const w of words(text)) {
    if (!matches(w.raw)) continue;
    if (w.start > at) out.push([text.slice(at, w.start), false]);
    out.push([w.raw, true]);
    at = w.start + w.raw.length;
  }
  if (at < text.length) out.push([text.slice(at), false]);
  return out;
}

export const PASSAGE_LENGTH = 160;
/** Characters of context kept before the first matched word of a passage. */
const LEAD = 40;

/** The text cut at a word boundary to at most `max` characters, with … where it was cut. */
export function clip(text: string, max = PASSAGE_LENGTH): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/**
 * The passage of about `max` characters with the most distinct matched words (then the most
 * matches, then the earliest), starting at its sentence when that is close, else at a word with …;
 * the start of the text when nothing in it matched.
 */
export function bestPassage(text: string, matches: WordMatcher, max = PASSAGE_LENGTH): string {
  const all = words(text);
  const hits = all.filter((w) => matches(w.raw));
  if (hits.length === 0) return clip(text, max);
  let best = { start: 0, distinct: -1, count: 0 };
  for (const first of hits) {
    const start = Math.max(0, first.start - LEAD);
    const inside = hits.filter((w) => w.start >= first.start && w.start + w.raw.length <= start + max);
    const distinct = new Set(inside.map((w) => w.norm)).size;
    if (distinct > best.distinct || (distinct === best.distinct && inside.length > best.count)) best = { start, distinct, count: inside.length };
  }
  if (best.start === 0) return clip(text, max);
  // Back to the start of the sentence when it is near; else forward to the next word.
  const sentence = Math.max(text.lastIndexOf('. ', best.start + LEAD), text.lastIndexOf('? ', best.start + LEAD), text.lastIndexOf('! ', best.start + LEAD));
  const from = sentence !== -1 && best.start + LEAD - sentence <= LEAD * 2 ? sentence + 2 : all.find((w) => w.start >= best.start)!.start;
  return `${from > 0 && sentence + 2 !== from ? '…' : ''}${clip(text.slice(from), max)}`;
}
