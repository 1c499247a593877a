/**
 * How well the Hebrew common forms (src/lib/search/hebrew-stem.ts) group the words of a text,
 * measured against Debian's hspell, when it is installed: hspell -l names the base word (lemma) of
 * each word it knows. Over the pairs of distinct words of the text, recall is the share of pairs
 * with a lemma in common that our analysis also brings together; precision, the share of the pairs
 * our analysis brings together that have a lemma in common. hspell is only run, never shipped:
 * its dictionary is AGPL-licensed, and nothing derived from it is kept.
 */
import { spawnSync } from 'node:child_process';
import { indexTermsOf, isHebrew, normalizeWord, STEM_MARK, WORD } from '../../src/lib/search/analysis.ts';

export interface HebrewMeasure {
  words: number;
  /** Prefix letters only (what search did before common forms), and with common forms. */
  prefixOnly: { recall: number; precision: number };
  commonForms: { recall: number; precision: number };
}

/** hspell reads and writes ISO-8859-8: Hebrew letters are 0xE0–0xFA. */
const toLatin8 = (word: string) => Buffer.from([...word].map((c) => c.charCodeAt(0) - 0x05d0 + 0xe0));
const fromLatin8 = (bytes: Buffer) => [...bytes].map((b) => (b >= 0xe0 && b <= 0xfa ? String.fromCharCode(b - 0xe0 + 0x05d0) : String.fromCharCode(b))).join('');

/** Each word's lemmas as hspell -l gives them (with or without prefix letters); undefined without hspell. */
function hspellLemmas(words: string[]): Map<string, Set<string>> | undefined {
  const input = Buffer.concat(words.flatMap((w) => [toLatin8(w), Buffer.from('\n')]));
  const run = spawnSync('hspell', ['-l'], { input, maxBuffer: 256 * 1024 * 1024 });
  if (run.error || run.status !== 0) return undefined;
  const lemmas = new Map<string, Set<string>>();
  let current: Set<string> | undefined;
  for (const line of fromLatin8(run.stdout).split('\n')) {
    const head = /^[^\t].*?: (?:([\u05D0-\u05EA]+)\+)?([\u05D0-\u05EA]+)$/.exec(line);
    if (head) {
      const word = (head[1] ?? '') + head[2]!;
      current = lemmas.get(word) ?? new Set();
      lemmas.set(word, current);
      continue;
    }
    const analysis = /^\t([\u05D0-\u05EA]+)\(/.exec(line);
    if (analysis && current) current.add(normalizeWord(analysis[1]!));
  }
  return lemmas;
}

function pairs(groups: Map<string, number[]>): Set<number> {
  const out = new Set<number>();
  for (const members of groups.values()) {
    if (members.length > 200) continue; // a group that large is a stop word or a letter, not a lemma
    for (let i = 0; i < members.length; i++) for (let j = i + 1; j < members.length; j++) out.add(members[i]! * 1_000_000 + members[j]!);
  }
  return out;
}

function agreement(truth: Set<number>, ours: Set<number>) {
  let both = 0;
  for (const p of ours) if (truth.has(p)) both++;
  return { recall: truth.size ? both / truth.size : 0, precision: ours.size ? both / ours.size : 0 };
}

/** Measures on the Hebrew words of `texts`; undefined when hspell is not installed. */
export function measureHebrew(texts: Iterable<string>): HebrewMeasure | undefined {
  const raw = new Set<string>();
  for (const text of texts) for (const m of text.matchAll(WORD)) if (isHebrew(m[0]) && /^[\u05D0-\u05EA]+$/.test(m[0])) raw.add(m[0]);
  const words = [...raw].sort();
  const lemmas = hspellLemmas(words);
  if (!lemmas) return undefined;
  const known = words.filter((w) => lemmas.get(w)?.size);
  const group = (keysOf: (word: string) => Iterable<string>) => {
    const groups = new Map<string, number[]>();
    known.forEach((word, i) => {
      for (const key of new Set(keysOf(word))) groups.set(key, [...(groups.get(key) ?? []), i]);
    });
    return pairs(groups);
  };
  const written = new Set(words.map(normalizeWord));
  const truth = group((w) => lemmas.get(w)!);
  return {
    words: known.length,
    prefixOnly: agreement(truth, group((w) => indexTermsOf(w, written).filter((t) => !t.startsWith(STEM_MARK)))),
    commonForms: agreement(truth, group((w) => indexTermsOf(w, written))),
  };
}
