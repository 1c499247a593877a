/**
 * Hebrew beyond prefix letters: inflected forms meet at one common form, at index and query time
 * (alone and after a prefix), and words that only look alike do not.
 */
import { describe, expect, it } from 'vitest';
import { analyzeQuery, indexTermsOf } from '../../src/lib/search/analysis.ts';

/** The common form a query looks up for a word. */
const common = (word: string) => analyzeQuery(word)[0]!.stems[0];

describe('Hebrew common forms', () => {
  it.each([
    // plurals, regular and irregular
    ['עובדים', 'עובד'], ['בקשות', 'בקשה'], ['ספקים', 'ספק'], ['מכונות', 'מכונה'], ['נהלים', 'נוהל'], ['טפסים', 'טופס'],
    ['ימים', 'יום'], ['שנים', 'שנה'], ['אנשים', 'איש'], ['נשים', 'אישה'],
    // possessive endings
    ['בקשתו', 'בקשה'], ['עובדיו', 'עובד'], ['עובדיהם', 'עובד'], ['מנהלנו', 'מנהל'], ['משכורתי', 'משכורת'], ['בקשותיהם', 'בקשה'],
    // feminine and masculine
    ['עובדת', 'עובד'], ['מנהלת', 'מנהל'], ['אחראית', 'אחראי'], ['חדשה', 'חדש'], ['רפואית', 'רפואי'], ['עובדות', 'עובד'],
    // tenses and verb patterns
    ['שלחתי', 'שלח'], ['ישלח', 'שלח'], ['נשלח', 'שלח'], ['שולחים', 'שלח'], ['מגיש', 'הגיש'], ['הגשנו', 'הגיש'], ['הוגש', 'הגיש'],
    ['אישרה', 'אישר'], ['מאשרים', 'אישר'], ['בדקתי', 'בדק'], ['נבדק', 'בדק'], ['בדיקה', 'בדק'],
    // construct forms
    ['בקשת', 'בקשה'], ['ימי', 'יום'], ['עובדי', 'עובד'], ['שנת', 'שנה'], ['תעודת', 'תעודה'],
    // full and defective spelling
    ['תכנית', 'תוכנית'], ['חנייה', 'חניה'],
  ])('%s and %s share a common form', (form, base) => {
    expect(common(form)).toBe(common(base));
  });

  it.each([
    ['לעובדים', 'עובד'], ['בבקשות', 'בקשה'], ['והנהלים', 'נוהל'], ['כשהעובדת', 'עובד'], ['לאשר', 'אישר'], ['לבדוק', 'בדק'], ['ובימי', 'יום'], ['מהספקים', 'ספק'],
  ])('%s, after its prefix letters, is indexed by the common form of %s', (form, base) => {
    expect(indexTermsOf(form)).toContain(common(base));
  });

  it.each([
    ['מחשב', 'חשבון'], ['כתובת', 'כתוב'], ['משמרת', 'משמר'], ['אחריות', 'אחרי'], ['חשבונית', 'חשבון'], ['תוכנה', 'תוכנית'],
    ['מנהל', 'נוהל'], ['עלות', 'על'], ['מחלקה', 'מחלה'], ['שנה', 'שינה'], ['חופש', 'חיפוש'], ['אישור', 'כאשר'],
  ])('%s and %s are not conflated', (a, b) => {
    expect(indexTermsOf(a).filter((t) => indexTermsOf(b).includes(t))).toEqual([]);
  });

  it('keeps the word as written apart from its common form, so an exact match can rank first', () => {
    expect(indexTermsOf('עובדים')).toEqual(['עובדימ', '~עבד']);
    expect(analyzeQuery('עובדים')[0]).toMatchObject({ term: 'עובדימ', stems: ['~עבד'] });
  });
});

describe('Hebrew search by common form', () => {
  const page = (slug: string, title: string, text: string) => ({ slug, title, tags: [], lang: 'he', section: 'hr', status: 'active', sections: [{ id: '', heading: '', text }] });

  it('finds the other forms of a word, below the form as written', async () => {
    const { buildSearchIndex } = await import('../../src/lib/search/build-index.ts');
    const { SearchEngine } = await import('../../src/lib/search/engine.ts');
    const { pageLoader } = await import('../support/search-index.ts');
    const pages = [
      page('hr/plural', 'טפסים', 'כאן מגישים את הבקשות לחופשה.'),
      page('hr/exact', 'טפסים נוספים', 'כאן מגישים בקשה לחופשה.'),
      // Pages on other things, as a wiki has many.
      ...Array.from({ length: 30 }, (_, i) => page(`hr/other-${i}`, `שונות ${i}`, 'אין כאן דבר על זה.')),
    ];
    const files = buildSearchIndex(pages);
    const engine = await SearchEngine.open(async (file) => JSON.parse(files.get(file)!), pageLoader(pages));
    expect((await engine.search('בקשה')).map((r) => r.slug)).toEqual(['hr/exact', 'hr/plural']);
    expect((await engine.search('בקשות')).map((r) => r.slug)).toEqual(['hr/plural', 'hr/exact']);
    // The other form is marked too.
    const [, plural] = await engine.search('בקשה');
    expect(plural!.snippetMarks).toContainEqual(['הבקשות', true]);
  });
});
