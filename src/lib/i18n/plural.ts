/**
 * Plural forms in UI strings, chosen by `Intl.PluralRules` for the string's language: English has
 * one and other ("1 problem", "2 problems"), Hebrew one, two and other ("בעיה אחת", "שתי בעיות",
 * "3 בעיות"). A string says its forms in ICU MessageFormat's plural syntax, which translators know:
 *
 *     '{count, plural, one {The page has a problem} other {The page has # problems}}'
 *
 * `=N` picks an exact number first, then the language's category, then `other`; `#` is the number,
 * written for the language. Only this one construct is read (no nesting, no `select`): the strings
 * table stays plain text that `translator` fills in as usual.
 */

import { translator, uiLang, type Translate } from './strings.ts';

const PLURAL = /\{(\w+),\s*plural,\s*((?:(?:=\d+|zero|one|two|few|many|other)\s*\{[^{}]*\}\s*)+)\}/g;
const FORM = /(=\d+|zero|one|two|few|many|other)\s*\{([^{}]*)\}/g;

const rules = new Map<string, Intl.PluralRules>();

function rulesFor(lang: string): Intl.PluralRules {
  let r = rules.get(lang);
  if (!r) rules.set(lang, (r = new Intl.PluralRules(lang)));
  return r;
}

/** The plural category of `count` in `lang` (`one`, `two`, `other`, …). */
export function pluralCategory(lang: string, count: number): Intl.LDMLPluralRule {
  return rulesFor(lang).select(count);
}

/**
 * Fills in each `{name, plural, …}` of `text` with the form for `vars[name]` in `lang`. Text
 * without one is returned as it is; a plural whose number is missing keeps its `other` form.
 */
export function formatPlurals(text: string, lang: string, vars: Record<string, string | number> = {}): string {
  return text.replace(PLURAL, (_match, name: string, body: string) => {
    const forms = new Map([...body.matchAll(FORM)].map((m) => [m[1]!, m[2]!] as const));
    const raw = vars[name];
    const count = typeof raw === 'number' ? raw : Number(raw);
    if (raw === undefined || Number.isNaN(count)) return forms.get('other') ?? '';
    const form = forms.get(`=${count}`) ?? forms.get(pluralCategory(lang, count)) ?? forms.get('other') ?? '';
    return form.replace(/#/g, new Intl.NumberFormat(lang).format(count));
  });
}

/** `translator(lang)` whose strings may hold plurals: the placeholders are filled, then the forms chosen. */
export function pluralTranslator(lang: string): Translate {
  const t = translator(lang);
  const ui = uiLang(lang);
  return (key, vars) => formatPlurals(t(key, vars), ui, vars);
}
