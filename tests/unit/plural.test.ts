/** Plural forms in UI strings, chosen by Intl.PluralRules: English one/other, Hebrew one/two/other. */
import { describe, expect, it } from 'vitest';
import { formatPlurals, pluralTranslator } from '../../src/lib/i18n/plural.ts';

describe('plural forms', () => {
  const problems = '{count, plural, one {a problem} two {two problems} other {# problems}}';

  it('picks the form of the number in each language', () => {
    expect([1, 2, 5].map((count) => formatPlurals(problems, 'en', { count }))).toEqual(['a problem', '2 problems', '5 problems']);
    expect([1, 2, 5].map((count) => formatPlurals(problems, 'he', { count }))).toEqual(['a problem', 'two problems', '5 problems']);
    expect(formatPlurals('{n, plural, =0 {none} one {one} other {# of them}}', 'en', { n: 0 })).toBe('none');
    expect(formatPlurals('{n, plural, one {one} other {#}}', 'en', { n: 1234 })).toBe('1,234');
  });

  it('leaves text without plurals alone, and uses the other form without a number', () => {
    expect(formatPlurals('Line {line}: x', 'en', { line: 3 })).toBe('Line {line}: x');
    expect(formatPlurals(problems, 'en')).toBe('# problems');
  });

  it('reads the editor’s strings in English and Hebrew', () => {
    const en = pluralTranslator('en');
    const he = pluralTranslator('he');
    expect([1, 2, 3].map((count) => en('editor.fixProblems', { count }))).toEqual([
      'The page has a problem to fix before it can be submitted; it is marked in the editor.',
      'The page has 2 problems to fix before it can be submitted; they are marked in the editor.',
      'The page has 3 problems to fix before it can be submitted; they are marked in the editor.',
    ]);
    expect([1, 2, 3].map((count) => he('editor.fixProblems', { count }))).toEqual([
      'יש בדף בעיה אחת שצריך לתקן לפני השליחה; היא מסומנת בעורך.',
      'יש בדף שתי בעיות שצריך לתקן לפני השליחה; הן מסומנות בעורך.',
      'יש בדף 3 בעיות שצריך לתקן לפני השליחה; הן מסומנות בעורך.',
    ]);
  });
});
