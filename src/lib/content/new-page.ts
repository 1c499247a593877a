/**
 * A new page from a template: the template's text without its `template:` frontmatter key (that
 * describes the template, not the page), with the page's title — and language, when it is not the
 * wiki's — filled in, and given a day, its dates: effective that day, to be reviewed a year later.
 * And the file name a title gets (ASCII, so addresses stay easy to type).
 */
import { readProperties, setProperty } from './frontmatter-edit.ts';

/** Opening line, the YAML (with its last line break; absent when empty), closing line. */
const FRONTMATTER = /^(\uFEFF?---[ \t]*\r?\n)([\s\S]*?\r?\n)?((?:---|\.\.\.)[ \t]*(?:\r?\n|$))/;

/** A YAML scalar for any text: a double-quoted JSON string is always valid YAML. */
export function yamlString(text: string): string {
  return JSON.stringify(text);
}

/** Removes a top-level key and its continuation lines (indented, or `- ` list items) from YAML text. */
export function removeYamlKey(yaml: string, key: string): string {
  const lines = yaml.split('\n');
  const out: string[] = [];
  const isKey = new RegExp(`^${key}[ \\t]*:`);
  for (let i = 0; i < lines.length; i++) {
    if (!isKey.test(lines[i]!)) {
      out.push(lines[i]!);
      continue;
    }
    let last = i;
    for (let j = i + 1; j < lines.length; j++) {
      const line = lines[j]!;
      if (/^(?:[ \t]+\S|- |-$)/.test(line)) last = j;
      else if (!/^[ \t]*\r?$/.test(line)) break;
    }
    i = last;
  }
  return out.join('\n');
}

/** Sets a top-level key to a string value: replaces its line (and continuation lines), or adds it. */
export function setYamlKey(yaml: string, key: string, value: string): string {
  const line = `${key}: ${yamlString(value)}`;
  if (new RegExp(`^${key}[ \\t]*:`, 'm').test(yaml)) {
    const lines = removeYamlKey(yaml, key).split('\n');
    const at = yaml.split('\n').findIndex((l) => new RegExp(`^${key}[ \\t]*:`).test(l));
    lines.splice(at, 0, line);
    return lines.join('\n');
  }
  return yaml ? `${line}\n${yaml}` : line;
}

export interface NewPageOptions {
  title: string;
  /** The page's language, written into the frontmatter when it differs from the wiki's. */
  lang?: string;
  defaultLang?: string;
  /**
   * The day the page is made (YAML `YYYY-MM-DD`): `effective` becomes that day and `review_by` a
   * year later, where the template leaves them empty, and the template's other empty placeholders
   * (`description: ""`) are dropped — so a new page starts with no problems to fix.
   */
  today?: string;
}

/** The text of a new page made from `template` (a whole template file, frontmatter included). */
export function pageFromTemplate(template: string, options: NewPageOptions): string {
  const match = FRONTMATTER.exec(template);
  let yaml = match?.[2] ?? '';
  const body = match ? template.slice(match[0].length) : template.replace(/^\uFEFF/, '');
  const eol = match?.[1]!.endsWith('\r\n') ? '\r\n' : '\n';
  yaml = removeYamlKey(yaml.replace(/\r?\n$/, ''), 'template');
  yaml = setYamlKey(yaml, 'title', options.title.trim());
  if (options.lang) {
    // The page's language, whatever the template is written in; the wiki's own needs no key.
    const own = options.lang === (options.defaultLang ?? 'en');
    const line = `lang: ${/^[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{2,8})*$/.test(options.lang) ? options.lang : yamlString(options.lang)}`;
    const has = /^lang[ \t]*:/m.test(yaml);
    if (own) yaml = has ? removeYamlKey(yaml, 'lang') : yaml;
    else yaml = has ? yaml.replace(/^lang[ \t]*:.*$/m, line) : insertAfter(yaml, 'title', line);
  }
  const open = match ? match[1]!.replace(/^\uFEFF/, '') : '---\n';
  const close = match ? match[3]! : `---${eol}`;
  const separator = body.startsWith('\n') || body.startsWith('\r\n') || body === '' ? '' : eol;
  const page = `${open}${yaml.replace(/(\r?\n)+$/, '')}${eol}${close}${separator}${body}`;
  return options.today ? withDates(page, options.today) : page;
}

const dated = ['effective', 'review_by'] as const;

/** The page with its empty dates filled in (`today`, and a year later) and its empty placeholders gone. */
function withDates(page: string, today: string): string {
  const read = readProperties(page, [...dated, ...placeholders(page)]);
  if (!read.ok) return page;
  const order = ['title', 'description', 'owner', 'lang', 'status', 'tags', ...dated];
  let text = page;
  const set = (key: string, value: string | undefined) => {
    const change = setProperty(text, key, value, { keyOrder: order });
    if (change) text = text.slice(0, change.from) + change.insert + text.slice(change.to);
  };
  for (const [key, value] of Object.entries(read.values)) if (value === '' && !dated.includes(key as (typeof dated)[number])) set(key, undefined);
  if (!read.values.effective) set('effective', today);
  if (!read.values.review_by) set('review_by', yearAfter(today));
  return text;
}

/** Top-level keys written as an empty text (`key: ""`): a template's prompts to fill in. */
function placeholders(page: string): string[] {
  const yaml = FRONTMATTER.exec(page)?.[2] ?? '';
  return [...yaml.matchAll(/^([A-Za-z_][\w-]*)[ \t]*:[ \t]*(?:""|'')[ \t]*\r?$/gm)].map((m) => m[1]!);
}

/** The same day a year later (28 February for 29 February). */
export function yearAfter(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y + 1, m - 1, d));
  if (date.getUTCMonth() !== m - 1) date.setUTCDate(0);
  return date.toISOString().slice(0, 10);
}

function insertAfter(yaml: string, key: string, line: string): string {
  const lines = yaml.split('\n');
  const at = lines.findIndex((l) => new RegExp(`^${key}[ \\t]*:`).test(l));
  lines.splice(at + 1, 0, line);
  return lines.join('\n');
}

/**
 * The file name (without extension) for a page title: lowercase ASCII letters, digits and dashes.
 * Accents are dropped (`Café` → `cafe`); a title in another script (Hebrew) gives '' — ask for an
 * English file name then.
 */
export function fileNameFor(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
}

/** Why a file name cannot be used, or undefined when it can. */
export function fileNameProblem(name: string): string | undefined {
  if (!name) return 'empty';
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(name)) return 'invalid';
  if (name === 'index' || name === 'readme') return 'reserved';
  return undefined;
}

/** True when the text is mostly written in Hebrew letters. */
export function looksHebrew(text: string): boolean {
  const hebrew = (text.match(/[\u0590-\u05ff]/g) ?? []).length;
  const latin = (text.match(/[A-Za-z]/g) ?? []).length;
  return hebrew > 0 && hebrew >= latin;
}
