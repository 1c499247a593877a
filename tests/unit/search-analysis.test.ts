import { describe, expect, it } from 'vitest';
import { analyzeQuery, hebrewPrefixVariants, indexTermsOf, normalizeWord } from '../../src/lib/search/analysis.ts';
import { tokenize } from '../support/lunr-analysis.ts';

describe('Hebrew analysis', () => {
  it('removes niqqud and cantillation', () => {
    expect(normalizeWord('נֹהַל')).toBe('נהל');
    expect(normalizeWord('בְּרֵאשִׁ֖ית')).toBe('בראשית');
  });

  it('maps final letters, so a word typed without its final letter matches', () => {
    expect(normalizeWord('מרתון')).toBe('מרתונ');
    expect(normalizeWord('מרתונ')).toBe('מרתונ');
    expect(normalizeWord('ארץ')).toBe('ארצ');
  });

  it('drops geresh, gershayim and quote marks inside words', () => {
    expect(normalizeWord('ת״א')).toBe('תא');
    expect(normalizeWord('ת"א')).toBe('תא');
    expect(normalizeWord("צ'ק")).toBe('צק');
    expect(normalizeWord('צ׳ק')).toBe('צק');
  });

  it('indexes a word with and without its prefix letters, and by the common forms (~) of those', () => {
    expect(indexTermsOf('בנוהל')).toEqual(['בנוהל', 'נוהל', '~בנוהל', '~נהל']);
    expect(indexTermsOf('שהנוהל')).toEqual(['שהנוהל', 'הנוהל', 'נוהל', '~שהנוהל', '~נהל']);
    expect(indexTermsOf('וכשהמנהל').slice(0, 5)).toEqual(['וכשהמנהל', 'כשהמנהל', 'שהמנהל', 'המנהל', 'מנהל']);
  });

  it('takes the common form of a variant that is a word of its own in the wiki, not of a wrong split', () => {
    // מנהל could be מ + נהל, but נהל is never written alone: מנהל is not indexed by the common form of נוהל.
    expect(indexTermsOf('מנהל', new Set(['מנהל', 'נוהל']))).toEqual(['מנהל', 'נהל', '~מנהל']);
    expect(indexTermsOf('המנהל', new Set(['מנהל']))).toContain('~מנהל');
    expect(indexTermsOf('המנהל', new Set())).not.toContain('~מנהל');
  });

  it('never strips a prefix that would leave fewer than three letters, and keeps the word itself', () => {
    expect(hebrewPrefixVariants('משה')).toEqual([]);
    expect(hebrewPrefixVariants(normalizeWord('שלום'))).toEqual(['לומ']);
    // A word that merely begins with a prefix letter is indexed as written first.
    expect(indexTermsOf('משרד')[0]).toBe('משרד');
    expect(hebrewPrefixVariants('ללמוד')).toEqual(['למוד', 'מוד']);
    expect(hebrewPrefixVariants('לשם')).toEqual([]);
  });

  it('drops Hebrew stop words but not meaningful words like מידע', () => {
    expect(indexTermsOf('של')).toEqual([]);
    expect(indexTermsOf('מידע')[0]).toBe('מידע');
    expect(indexTermsOf('כאשר')).toEqual([]);
  });
});

describe('English analysis', () => {
  it('stems and drops stop words', () => {
    expect(indexTermsOf('Reimbursements')).toEqual(['reimburs']);
    expect(indexTermsOf('the')).toEqual([]);
    expect(indexTermsOf("employee's")).toEqual(['employe']);
  });
});

describe('mixed text', () => {
  it('analyses each word by its own script', () => {
    expect(tokenize('יש להתחבר ל-VPN דרך Okta לפני העבודה').map(String).filter((t) => !t.startsWith('~'))).toEqual([
      'להתחבר', 'התחבר', 'תחבר', 'ל', 'vpn', 'דרכ', 'okta', 'לפני', 'פני', 'העבודה', 'עבודה',
    ]);
  });

  it('analyses queries the same way, keeping what was typed for prefix matching', () => {
    expect(analyzeQuery('בנוהל reimbursement')).toEqual([
      { norm: 'בנוהל', term: 'בנוהל', variants: ['נוהל'], stems: ['~בנוהל', '~נהל'], stop: false },
      { norm: 'reimbursement', term: 'reimburs', variants: [], stems: [], stop: false },
    ]);
  });
});
