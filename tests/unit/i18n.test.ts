import { describe, expect, it } from 'vitest';
import { translator } from '../../src/lib/i18n/strings.ts';

describe('counted words (Intl.PluralRules)', () => {
  const en = translator('en');
  const he = translator('he');

  it('says "1 page" and "2 pages" in English', () => {
    expect([0, 1, 2, 11].map((count) => en('home.pageCount', { count }))).toEqual(['0 pages', '1 page', '2 pages', '11 pages']);
    expect(en('health.links', { count: 1 })).toBe('1 link');
  });

  it('uses Hebrew’s own forms for one and two', () => {
    expect([1, 2, 3, 10].map((count) => he('home.pageCount', { count }))).toEqual(['דף אחד', 'שני דפים', '3 דפים', '10 דפים']);
    expect(he('print.documents', { count: 2 })).toBe('שני מסמכים');
  });

  it('counts two things in one sentence, each with its own plural', () => {
    const line = (t: typeof en, changes: number, pages: number) =>
      t('contributors.changes', { changes: t('contributors.changeCount', { count: changes }), pages: t('contributors.toPages', { count: pages }) });
    expect(line(en, 1, 1)).toBe('1 change to 1 page');
    expect(line(en, 5, 2)).toBe('5 changes to 2 pages');
    expect(line(he, 1, 1)).toBe('שינוי אחד בדף אחד');
    expect(line(he, 7, 3)).toBe('7 שינויים ב-3 דפים');
  });

  it('takes the general form when no count is given, and a Hebrew variant tag speaks Hebrew', () => {
    expect(en('home.pageCount')).toBe('{count} pages');
    expect(translator('he-IL')('home.pageCount', { count: 2 })).toBe('שני דפים');
  });
});
