/**
 * UI strings in every language the wiki speaks. The chrome around a page (navigation,
 * breadcrumbs, table of contents, banners, callout labels) is shown in the page's own
 * language, so a Hebrew procedure reads right to left from edge to edge.
 *
 * To add a language: add its code to `languages`, a dictionary below with every key of
 * `en` (the type checker enforces it) and, if it is written right to left, to `rtlLanguages`.
 */
export const languages = ['en', 'he'] as const;
export type Lang = (typeof languages)[number];

const rtlLanguages: ReadonlySet<string> = new Set(['he', 'ar', 'fa', 'ur', 'yi']);

const en = {
  'site.skipToContent': 'Skip to content',
  'site.menu': 'Menu',
  'site.closeMenu': 'Close menu',
  'site.navigation': 'Wiki navigation',
  'site.breadcrumbs': 'Breadcrumbs',
  'site.home': 'Home',
  'site.themeToggle': 'Toggle dark mode',
  'site.newPage': 'New page',
  'site.allPagesIn': 'All {count} pages in {section}',
  'site.footer': 'Content is reviewed by its owners before it is published.',
  'search.label': 'Search the wiki',
  'search.placeholder': 'Search',
  'search.shortcut': 'Ctrl K',
  'search.noResults': 'No pages match “{query}”.',
  'search.propose': 'Propose a new page titled “{query}”',
  'search.allResults': 'All results for “{query}”',
  'search.loading': 'Searching the full text…',
  'search.count': '{count} results',
  'search.countOne': '1 result',
  'search.title': 'Search',
  'search.section': 'Section',
  'search.tag': 'Tag',
  'search.language': 'Language',
  'search.any': 'Any',
  'search.submit': 'Search',
  'search.draft': 'Draft',
  'search.results': 'Search results',
  'search.error': 'Search is not available right now: {error}',
  'home.sections': 'Sections',
  'home.recentlyUpdated': 'Recently updated',
  'home.morePages': 'More pages',
  'home.pageCount': '{count} pages',
  'home.pageCountOne': '1 page',
  'page.onThisPage': 'On this page',
  'page.owner': 'Owner',
  'page.noOwner': 'No owner',
  'page.status': 'Status',
  'page.effective': 'Effective',
  'page.reviewBy': 'Review by',
  'page.verified': 'Verified',
  'page.lastUpdated': 'Last updated',
  'page.previous': 'Previous',
  'page.next': 'Next',
  'page.pagination': 'Previous and next pages',
  'page.tags': 'Tags',
  'page.inThisSection': 'Pages in this section',
  'page.emptySection': 'This section has no pages yet.',
  'page.editThisPage': 'Edit this page',
  'page.printedNotice': 'Uncontrolled when printed — check the wiki for the current version.',
  'review.due': 'Review due',
  'review.overdue': 'Review overdue',
  'status.draft': 'Draft',
  'status.active': 'Active',
  'status.superseded': 'Superseded',
  'status.retired': 'Retired',
  'banner.superseded': 'This procedure has been superseded and is kept for reference only.',
  'banner.supersededBy': 'Use {link} instead.',
  'banner.retired': 'This page has been retired. It is no longer in force and is kept for reference only.',
  'banner.draft': 'This page is a draft and is not yet in force.',
  'callout.note': 'Note',
  'callout.tip': 'Tip',
  'callout.important': 'Important',
  'callout.warning': 'Warning',
  'callout.caution': 'Caution',
  'callout.danger': 'Danger',
  'link.missing': 'This page does not exist yet. Propose it.',
  'new.title': 'Propose a new page',
  'notFound.title': 'Page not found',
  'notFound.body': 'There is no page at this address. It may have moved or not been written yet.',
} as const;

export type StringKey = keyof typeof en;

const he: Record<StringKey, string> = {
  'site.skipToContent': 'דילוג לתוכן',
  'site.menu': 'תפריט',
  'site.closeMenu': 'סגירת התפריט',
  'site.navigation': 'ניווט בוויקי',
  'site.breadcrumbs': 'פירורי לחם',
  'site.home': 'דף הבית',
  'site.themeToggle': 'מצב כהה',
  'site.newPage': 'דף חדש',
  'site.allPagesIn': 'כל {count} הדפים ב{section}',
  'site.footer': 'התוכן נבדק על ידי הבעלים שלו לפני פרסומו.',
  'search.label': 'חיפוש בוויקי',
  'search.placeholder': 'חיפוש',
  'search.shortcut': 'Ctrl K',
  'search.noResults': 'אין דפים שמתאימים ל„{query}”.',
  'search.propose': 'הצעת דף חדש בשם „{query}”',
  'search.allResults': 'כל התוצאות עבור „{query}”',
  'search.loading': 'מחפשים בטקסט המלא…',
  'search.count': '{count} תוצאות',
  'search.countOne': 'תוצאה אחת',
  'search.title': 'חיפוש',
  'search.section': 'מדור',
  'search.tag': 'תגית',
  'search.language': 'שפה',
  'search.any': 'הכול',
  'search.submit': 'חיפוש',
  'search.draft': 'טיוטה',
  'search.results': 'תוצאות החיפוש',
  'search.error': 'החיפוש אינו זמין כרגע: {error}',
  'home.sections': 'מדורים',
  'home.recentlyUpdated': 'עודכנו לאחרונה',
  'home.morePages': 'דפים נוספים',
  'home.pageCount': '{count} דפים',
  'home.pageCountOne': 'דף אחד',
  'page.onThisPage': 'בדף זה',
  'page.owner': 'בעלים',
  'page.noOwner': 'אין בעלים',
  'page.status': 'סטטוס',
  'page.effective': 'בתוקף מ',
  'page.reviewBy': 'סקירה עד',
  'page.verified': 'אומת',
  'page.lastUpdated': 'עודכן לאחרונה',
  'page.previous': 'הקודם',
  'page.next': 'הבא',
  'page.pagination': 'הדף הקודם והבא',
  'page.tags': 'תגיות',
  'page.inThisSection': 'דפים במדור זה',
  'page.emptySection': 'אין עדיין דפים במדור זה.',
  'page.editThisPage': 'עריכת הדף',
  'page.printedNotice': 'עותק מודפס אינו מבוקר — הגרסה העדכנית נמצאת בוויקי.',
  'review.due': 'מועד סקירה מתקרב',
  'review.overdue': 'הסקירה באיחור',
  'status.draft': 'טיוטה',
  'status.active': 'בתוקף',
  'status.superseded': 'הוחלף',
  'status.retired': 'בוטל',
  'banner.superseded': 'נוהל זה הוחלף ונשמר לעיון בלבד.',
  'banner.supersededBy': 'יש להשתמש ב{link}.',
  'banner.retired': 'דף זה בוטל. הוא אינו בתוקף ונשמר לעיון בלבד.',
  'banner.draft': 'דף זה הוא טיוטה ואינו בתוקף עדיין.',
  'callout.note': 'הערה',
  'callout.tip': 'טיפ',
  'callout.important': 'חשוב',
  'callout.warning': 'אזהרה',
  'callout.caution': 'זהירות',
  'callout.danger': 'סכנה',
  'link.missing': 'הדף עדיין לא קיים. אפשר להציע אותו.',
  'new.title': 'הצעת דף חדש',
  'notFound.title': 'הדף לא נמצא',
  'notFound.body': 'אין דף בכתובת זו. ייתכן שהועבר או שעדיין לא נכתב.',
};

const dictionaries: Record<Lang, Record<StringKey, string>> = { en, he };

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

/** `rtl` for languages written right to left, else `ltr`. Accepts any BCP 47 tag (`he-IL`). */
export function dirOf(lang: string): 'rtl' | 'ltr' {
  return rtlLanguages.has(lang.toLowerCase().split('-')[0] ?? '') ? 'rtl' : 'ltr';
}

/** The UI language for a content language: its own dictionary if we have one, else English. */
export function uiLang(lang: string): Lang {
  const base = lang.toLowerCase().split('-')[0];
  return isLang(base) ? base : 'en';
}

export type Translate = (key: StringKey, vars?: Record<string, string | number>) => string;

/** A translator bound to one language; `{name}` placeholders are filled from `vars`. */
export function translator(lang: string): Translate {
  const dict = dictionaries[uiLang(lang)];
  return (key, vars) => {
    const text = dict[key];
    return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : text;
  };
}

/** Formats an ISO date (YYYY-MM-DD) for readers of `lang`, in UTC so builds are reproducible. */
export function formatDate(iso: string, lang: string): string {
  const date = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(uiLang(lang) === 'he' ? 'he-IL' : 'en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(date);
}
