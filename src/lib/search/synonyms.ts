/**
 * Search synonyms an organization edits, in `content/_search/synonyms.yml`: a YAML list of groups,
 * each a list of words that readers use for the same thing. A search for any word of a group also
 * finds pages with the others, a little below pages with the word itself; a word is matched the way
 * search matches words (vacation finds "vacations", חופשה finds "בחופשה"). Entries are single
 * words: a phrase cannot stand for a word of the query.
 */
import { parse } from 'yaml';
import { z } from 'zod';

export const SYNONYMS_FILE = '_search/synonyms.yml';

const Groups = z.array(z.array(z.union([z.string(), z.number()]).transform(String)).min(2, 'a group needs at least two words'));

export interface Synonyms {
  groups: string[][];
  /** What is wrong with the file, `line: message` where known; the groups that could be read are kept. */
  errors: string[];
}

export function parseSynonyms(text: string): Synonyms {
  let data: unknown;
  try {
    data = parse(text, { maxAliasCount: 0, prettyErrors: false }) ?? [];
  } catch (error) {
    return { groups: [], errors: [(error as Error).message] };
  }
  const groups: string[][] = [];
  const errors: string[] = [];
  for (const [i, item] of (Array.isArray(data) ? data : [data]).entries()) {
    const checked = Groups.element.safeParse(item);
    if (!checked.success) {
      errors.push(`group ${i + 1}: ${checked.error.issues.map((issue) => issue.message).join('; ')}`);
      continue;
    }
    const words = checked.data.map((w) => w.trim()).filter(Boolean);
    const phrases = words.filter((w) => /\s/.test(w));
    if (phrases.length) errors.push(`group ${i + 1}: entries are single words, not ${phrases.map((p) => `"${p}"`).join(', ')}`);
    const single = words.filter((w) => !/\s/.test(w));
    if (single.length >= 2) groups.push(single);
  }
  return { groups, errors };
}
