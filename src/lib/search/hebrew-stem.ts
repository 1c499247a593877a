/**
 * A light Hebrew stemmer: maps the inflected forms of a word — plurals (ים, ות and irregular ones),
 * feminine forms (ה, ת, ית), construct forms (־י, ־ת), possessive endings (־ו, ־יו, ־נו, ־ינו,
 * ־יהם, ־כם…) and, through a lexicon, common verbs in their tenses and patterns — to one common
 * form, at index and at query time alike. It works on normalized words (no niqqud, final letters
 * mapped to their ordinary forms, prefix letters already taken off by the caller).
 *
 * The common form is the word without its ending, with the vowel letter ו of full spelling after its
 * first letter dropped, so that full and defective spelling meet too (תוכנית = תכנית).
 * Guards against over-stripping: a stem keeps at least three letters, words the rules would
 * conflate with unrelated words are protected (כתובת is not כתוב), and the lexicon, written by
 * hand for the vocabulary of procedures, takes precedence where the rules do not reach.
 */
import { hebrewLexicon, protectedWords } from './hebrew-lexicon.ts';

const MIN_STEM = 3;

/**
 * Endings, longest first. Each is stripped at most once per word, in this order, while a stem of
 * three letters remains (`min` raises that floor for endings that are also ordinary last letters).
 */
const ENDINGS: { ending: string; min?: number }[] = [
  { ending: 'ותיהמ' }, { ending: 'ותיהנ' }, { ending: 'ותיכמ' }, { ending: 'ותינו' },
  { ending: 'יהמ' }, { ending: 'יהנ' }, { ending: 'יכמ' }, { ending: 'יכנ' }, { ending: 'ינו' },
  { ending: 'ותי' }, { ending: 'ות' }, { ending: 'ימ' }, { ending: 'תי' },
  { ending: 'יו' }, { ending: 'נו', min: 4 }, { ending: 'כמ', min: 4 }, { ending: 'המ', min: 4 },
  { ending: 'ית' }, { ending: 'ה' }, { ending: 'ת' }, { ending: 'י' }, { ending: 'ו', min: 4 },
];

function stripEndings(word: string): string {
  let stem = word;
  // Two passes at most: a plural and then a feminine or adjective ending (שנתיות → שנתי → שנת).
  for (let pass = 0; pass < 2; pass++) {
    const rule = ENDINGS.find(({ ending, min = MIN_STEM }) => stem.endsWith(ending) && stem.length - ending.length >= min);
    if (!rule) break;
    stem = stem.slice(0, -rule.ending.length);
  }
  return stem;
}

/**
 * Full and defective spelling meet: doubled ו and י are made single (חנייה = חניה), and a ו right
 * after the first letter — the vowel letter of full spelling (תוכנית = תכנית, בודק ~ בדק) — is
 * dropped, if three letters remain. Other vowel letters stay: dropping them all would merge far
 * more unrelated words than it joins.
 */
function skeleton(stem: string): string {
  const single = stem.replace(/יי/g, 'י').replace(/וו/g, 'ו');
  const bare = single[1] === 'ו' ? single[0] + single.slice(2) : single;
  return bare.length >= MIN_STEM ? bare : single;
}

/** Whether the lexicon lists the word (so its common form is meant, even where it reads the same). */
export function isLexiconForm(word: string): boolean {
  return hebrewLexicon.has(word);
}

/**
 * The common form of a normalized Hebrew word, or the word itself when nothing applies (short
 * words, protected words).
 */
export function hebrewStem(word: string): string {
  const listed = hebrewLexicon.get(word);
  if (listed) return skeleton(listed);
  if (word.length <= MIN_STEM || protectedWords.has(word)) return word;
  return skeleton(stripEndings(word));
}
