/**
 * Text analysis for search, the same at index time and at query time, for English and Hebrew in
 * the same page.
 *
 * English: lunr's stop words and Porter's stemmer (lunr's own trimmer is not used: it is not
 * Unicode-aware and turns every Hebrew word into an empty string). lunr itself is not imported
 * here, so the browser's search worker does not carry it; tests/support/lunr-analysis.ts ties this analysis to
 * lunr's index builder, against which the index's weights are checked.
 *
 * Hebrew: niqqud and cantillation marks are removed, geresh/gershayim and quote marks inside a word
 * are dropped (ת״א = ת"א = תא), final letters are mapped to their ordinary forms (so מרתונ… typed
 * without the final letter still finds מרתון), and each word is also indexed without its prefix
 * letters — ו ה ב כ ל מ ש and their combinations (וכשה…) — so נוהל finds בנוהל, הנוהל and
 * שהנוהל. The full word is always kept, so a word that merely begins with one of those letters
 * (משרד) is still found as written; a prefix is only stripped when at least three letters remain.
 * Each of these forms is also indexed by its common form (hebrew-stem.ts: plurals, feminine,
 * construct and possessive endings, verbs through a lexicon), so עובדים finds העובד; a query
 * looks the common form up with a lower boost than the word as written.
 */
import { stemmer as porterStem } from 'stemmer';
import { hebrewStem, isLexiconForm } from './hebrew-stem.ts';

const HEBREW_LETTER = /[\u05D0-\u05EA]/;
/** Cantillation (U+0591–U+05AF) and niqqud points; not maqaf, paseq or sof pasuq (punctuation). */
const MARKS = /[\u0591-\u05BD\u05BF\u05C1\u05C2\u05C4\u05C5\u05C7]/g;
const QUOTES = /['"\u05F3\u05F4\u2018\u2019\u201C\u201D]/g;
const FINALS: Record<string, string> = { 'ך': 'כ', 'ם': 'מ', 'ן': 'נ', 'ף': 'פ', 'ץ': 'צ' };
const PREFIX_LETTERS = new Set(['ו', 'ה', 'ב', 'כ', 'ל', 'מ', 'ש']);
const MAX_PREFIX = 4;
const MIN_STEM = 3;

/** Words too common to help, after normalization (final letters mapped). Not מידע ("information"). */
const HEBREW_STOP_WORDS = new Set(
  ['של', 'את', 'על', 'עם', 'זה', 'זו', 'זאת', 'הוא', 'היא', 'הם', 'הן', 'או', 'גם', 'כי', 'אם', 'לא', 'כל', 'אל', 'מן', 'עד', 'אך', 'רק', 'כן', 'אשר', 'יש', 'אין', 'היה', 'היו', 'אנו', 'אנחנו', 'אני', 'אתה', 'את', 'לו', 'לה', 'בו', 'בה', 'כך', 'שם', 'פה', 'עוד', 'מה', 'מי', 'איך', 'כמו', 'בין', 'אבל', 'כאשר', 'באשר'].map(
    (w) => mapFinals(w),
  ),
);

/** Splits text into words: letters, digits and marks, with quote marks kept inside Hebrew words. */
export const WORD = /[\p{L}\p{N}\p{M}]+(?:['"\u05F3\u05F4\u2019][\p{L}\p{N}\p{M}]+)*['\u05F3]?/gu;

export function isHebrew(word: string): boolean {
  return HEBREW_LETTER.test(word);
}

function mapFinals(word: string): string {
  return word.replace(/[ךםןףץ]/g, (c) => FINALS[c]!);
}

/**
 * The normal form of one word: lower case; for Hebrew, marks and quotes removed and final letters
 * mapped; for Latin script, apostrophes removed (employee's → employees).
 */
export function normalizeWord(word: string): string {
  const lower = word.normalize('NFC').toLowerCase();
  if (isHebrew(lower)) return mapFinals(lower.replace(MARKS, '').replace(QUOTES, ''));
  return lower.replace(QUOTES, '');
}

/** The word without each possible run of prefix letters, shortest prefix first (not the word itself). */
export function hebrewPrefixVariants(normalized: string): string[] {
  const out: string[] = [];
  for (let k = 1; k <= MAX_PREFIX && normalized.length - k >= MIN_STEM; k++) {
    if (!PREFIX_LETTERS.has(normalized[k - 1]!)) break;
    out.push(normalized.slice(k));
  }
  return out;
}

/** Porter's stemmer (the `stemmer` package: the browser's search worker stays small, lunr stays on the build). */
function stem(word: string): string {
  return porterStem(word);
}

/**
 * English words that say nothing about the answer: lunr's stop words (the list of its
 * `stopWordFilter`, whose index builder the weights follow), and words of questions ("how many
 * days…"). Written out here because the search worker does not carry lunr.
 */
const ENGLISH_STOP_WORDS: ReadonlySet<string> = new Set(
  ('a able about across after all almost also am among an and any are as at be because been but by can cannot could dear did do does ' +
    'either else ever every for from get got had has have he her hers him his how however i if in into is it its just least let like ' +
    'likely may me might most must my neither no nor not of off often on only or other our own rather said say says she should since ' +
    'so some than that the their them then there these they this tis to too twas us wants was we were what when where which while who ' +
    'whom why will with would yet you your many much per').split(' '),
);

function isStopWord(normalized: string): boolean {
  return (isHebrew(normalized) ? HEBREW_STOP_WORDS : ENGLISH_STOP_WORDS).has(normalized);
}

/** The words of a text, as written (for highlighting) and normalized. */
export function words(text: string): { raw: string; start: number; norm: string }[] {
  const out: { raw: string; start: number; norm: string }[] = [];
  for (const m of text.matchAll(WORD)) {
    const norm = normalizeWord(m[0]);
    if (norm) out.push({ raw: m[0], start: m.index, norm });
  }
  return out;
}

/** Common forms are indexed apart from words as written (a common form is not a word: נוהל → ~נהל). */
export const STEM_MARK = '~';

/**
 * The common forms of a Hebrew word (always) and of its prefix variants. A variant's common form is
 * taken when stemming changes it or the lexicon lists it, or when the variant is a word of its own
 * (`written`: the words of the wiki, normalized; a query passes none, and takes them all): a
 * variant that is never written alone, like נהל of מנהל, is a wrong split rather than a word, and
 * its common form would merge מנהל with נוהל.
 */
export function hebrewStems(norm: string, variants: string[], written?: ReadonlySet<string>): string[] {
  const out = [STEM_MARK + hebrewStem(norm)];
  for (const variant of variants) {
    const common = hebrewStem(variant);
    const word = !written || written.has(variant) || common !== variant || isLexiconForm(variant);
    if (word && !out.includes(STEM_MARK + common)) out.push(STEM_MARK + common);
  }
  return out;
}

/**
 * The terms a word contributes to the index: its stem (English), or its normal form, prefix
 * variants and their common forms (Hebrew; `written` as for `hebrewStems`).
 */
export function indexTermsOf(word: string, written: ReadonlySet<string> = new Set()): string[] {
  return indexTermsOfNormal(normalizeWord(word), written);
}

/** `indexTermsOf` for a word already in its normal form (`normalizeWord`). */
export function indexTermsOfNormal(norm: string, written: ReadonlySet<string> = new Set()): string[] {
  if (!norm || isStopWord(norm)) return [];
  if (isHebrew(norm)) {
    const variants = hebrewPrefixVariants(norm);
    return [norm, ...variants, ...hebrewStems(norm, variants, written)];
  }
  return [stem(norm)];
}

/** One word of a query, analysed the same way as the index. */
export interface QueryTerm {
  /** As the reader typed it, normalized (for prefix matching and highlighting). */
  norm: string;
  /** The indexed form: the English stem, or the Hebrew normal form. */
  term: string;
  /** Hebrew only: the word without its prefix letters (בנוהל → נוהל), weaker matches. */
  variants: string[];
  /** Hebrew only: the common forms of the word and its variants (עובדים → ~עבד), weaker still. */
  stems: string[];
  /** A stop word; it is only searched when the query has nothing else. */
  stop: boolean;
}

export function analyzeQuery(query: string): QueryTerm[] {
  return words(query).map(({ norm }) => {
    const hebrew = isHebrew(norm);
    const variants = hebrew ? hebrewPrefixVariants(norm) : [];
    return { norm, term: hebrew ? norm : stem(norm), variants, stems: hebrew ? hebrewStems(norm, variants) : [], stop: isStopWord(norm) };
  });
}

/** The Hebrew words of texts as written, normalized (for `indexTermsOf`). */
export function writtenHebrewWords(texts: Iterable<string>): Set<string> {
  const raw = new Set<string>();
  for (const text of texts) for (const m of text.matchAll(WORD)) if (HEBREW_LETTER.test(m[0])) raw.add(m[0]);
  return new Set([...raw].map(normalizeWord));
}
