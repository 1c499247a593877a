/**
 * This analysis as lunr's index builder takes it (a tokenizer and a pipeline function), for the
 * tests that check the index's weights against lunr.Builder's own. Not used by the site or the
 * browser (lunr stays out of the search worker).
 */
import lunr from 'lunr';
import { indexTermsOf, WORD } from '../../src/lib/search/analysis.ts';

/**
 * Tokens for lunr: each word of the text, expanded into its index terms. `cache` (word → tokens)
 * saves analysing the same word twice; tokens carry no per-occurrence data, so they can be shared.
 */
export function tokenize(text: string, cache?: Map<string, lunr.Token[]>): lunr.Token[] {
  const tokens: lunr.Token[] = [];
  for (const m of (text ?? '').matchAll(WORD)) {
    let terms = cache?.get(m[0]);
    if (!terms) {
      terms = indexTermsOf(m[0]).map((term) => new lunr.Token(term, {}));
      cache?.set(m[0], terms);
    }
    for (const token of terms) tokens.push(token);
  }
  return tokens;
}

/**
 * The lunr pipeline function of this analysis, registered under a label so that a serialized index
 * names it and loads in the browser and in the terminal alike. Tokens reaching it are already
 * analysed by `tokenize`; it only drops empty ones.
 */
export const pinkasTerm: lunr.PipelineFunction = (token) => (token.toString() ? token : null);
if (!(lunr.Pipeline as unknown as { registeredFunctions: Record<string, unknown> }).registeredFunctions.pinkasTerm) {
  lunr.Pipeline.registerFunction(pinkasTerm, 'pinkasTerm');
}
