/**
 * The decisions of the `/new/` form, without the DOM: what the address asks for, what follows from
 * the title while the contributor has not chosen otherwise, what is wrong with a choice, and the
 * page the editor opens on. src/editor/new-page.ts shows them.
 */
import { fileNameFor, fileNameProblem, looksHebrew, pageFromTemplate } from '../lib/content/new-page.ts';
import type { StringKey } from '../lib/i18n/strings.ts';
import { joinUrl, sectionOf, slugFromPath } from '../lib/paths.ts';
import type { Draft } from './drafts.ts';
import type { EditorPage, NewPageData, PageEntry, TemplateEntry } from './types.ts';

/** What the contributor chose: the page's title, section (folder), file name (no extension) and language. */
export interface NewPageChoice {
  title: string;
  section: string;
  name: string;
  lang: string;
}

/** The form as the address fills it in, and whether the file name and language were given (not derived). */
export interface Prefill extends NewPageChoice {
  nameEdited: boolean;
  langEdited: boolean;
  /** The template asked for, if any (`''`: the blank page). */
  template: string | null;
  /** A reload of an open editor: open it again. */
  reopen: boolean;
}

/**
 * What the address asks for: `?title=` (red links, empty searches), `?path=` (a relative red
 * link), `?from=` (the page the contributor came from: its section), or a reload's full choice.
 * The page's language follows the title's script, else the language of this `/new/`.
 */
export function prefill(params: URLSearchParams, data: Pick<NewPageData, 'sections' | 'defaultLang' | 'lang'>): Prefill {
  const title = params.get('title')?.trim() ?? '';
  const path = params.get('path')?.replace(/^\/+|\/+$/g, '').replace(/\.mdx?$/i, '');
  const inFolder = Boolean(path && path.includes('/'));
  const from = params.get('from');
  const known = (folder: string | null | undefined) => (folder && data.sections.some((s) => s.folder === folder) ? folder : undefined);
  const section = known(params.get('section')) ?? known(inFolder ? path!.split('/')[0] : undefined) ?? known(from === null ? undefined : sectionOf(from));
  return {
    title,
    section: section ?? '',
    name: params.get('name') ?? (inFolder ? fileNameFor(path!.split('/').at(-1)!) : fileNameFor(title)),
    nameEdited: params.has('name') || inFolder,
    lang: params.get('lang') ?? languageFor(title, data.lang),
    langEdited: params.has('lang'),
    template: params.get('template'),
    reopen: params.get('open') === '1',
  };
}

/** The language a title suggests. */
export function languageFor(title: string, defaultLang: string): string {
  return looksHebrew(title) ? 'he' : defaultLang;
}

/** True when the title has no letters a file name can take (a Hebrew title): the contributor names the file. */
export function needsEnglishName(title: string): boolean {
  return title.trim() !== '' && fileNameFor(title) === '';
}

/** The file under the content folder: `safety/forklift-charging.mdx`. */
export function contentPathOf(choice: Pick<NewPageChoice, 'section' | 'name'>, format: 'md' | 'mdx'): string {
  return `${choice.section}/${choice.name}.${format}`;
}

/** Where the page will be (repository path and address), once the choice names a valid file. */
export function plannedAddress(data: Pick<NewPageData, 'contentPrefix' | 'base'>, choice: Pick<NewPageChoice, 'section' | 'name'>, format: 'md' | 'mdx'): { path: string; url: string } | undefined {
  if (!choice.section || !choice.name || fileNameProblem(choice.name) || !data.contentPrefix) return undefined;
  const contentPath = contentPathOf(choice, format);
  return { path: `${data.contentPrefix}${contentPath}`, url: joinUrl(data.base, slugFromPath(contentPath)) };
}

/** The first thing missing or wrong in a choice, with the field to fix. */
export function choiceProblem(choice: NewPageChoice): { field: 'title' | 'section' | 'name'; message: StringKey } | undefined {
  if (!choice.title.trim()) return { field: 'title', message: 'new.titleMissing' };
  if (!choice.section) return { field: 'section', message: 'new.sectionMissing' };
  const problem = fileNameProblem(choice.name);
  if (problem) return { field: 'name', message: problem === 'empty' ? 'new.fileNameMissing' : 'new.fileNameInvalid' };
  return undefined;
}

/** A page of the wiki at the same address or file (either extension), if there is one. */
export function existingPage(pages: readonly PageEntry[], contentPath: string): PageEntry | undefined {
  const slug = slugFromPath(contentPath).toLowerCase();
  const file = contentPath.replace(/\.mdx?$/i, '');
  return pages.find((p) => p.slug.toLowerCase() === slug || p.path?.replace(/\.mdx?$/i, '') === file);
}

/**
 * The wiki page the contributor came from, by its address (`document.referrer`: a page, or its
 * editor or history), as a slug; undefined for another site, `/new/` itself, or no referrer.
 */
export function referrerSlug(referrer: string, origin: string, base: string): string | undefined {
  let url: URL;
  try {
    url = new URL(referrer);
  } catch {
    return undefined;
  }
  const root = base.endsWith('/') ? base : `${base}/`;
  if (url.origin !== origin || !url.pathname.startsWith(root)) return undefined;
  let path: string;
  try {
    path = decodeURIComponent(url.pathname.slice(root.length)).replace(/\/+$/, '');
  } catch {
    return undefined;
  }
  if (path === 'new' || path.startsWith('new/')) return undefined;
  return path.replace(/^(?:edit|history)(?:\/|$)/, '');
}

/** The templates with those written in `lang` first (in their order), then the others. */
export function templatesFor<T extends Pick<TemplateEntry, 'lang'>>(templates: readonly T[], lang: string): T[] {
  return [...templates.filter((t) => t.lang === lang), ...templates.filter((t) => t.lang !== lang)];
}

/** Today in the contributor's time zone, as YAML writes a date: `2026-11-23`. */
export function localDay(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The address of the open editor, so that a reload opens it again. */
export function reopenParams(choice: NewPageChoice, template?: string): URLSearchParams {
  const params = new URLSearchParams({ title: choice.title.trim(), section: choice.section, name: choice.name, lang: choice.lang });
  if (template !== undefined) params.set('template', template);
  params.set('open', '1');
  return params;
}

/** Whether a reload's address is complete enough to open the editor again at once. */
export function canReopen(form: Prefill, data: Pick<NewPageData, 'contentPrefix' | 'baseCommit'>): boolean {
  return form.reopen && Boolean(form.title && form.section && !fileNameProblem(form.name) && data.contentPrefix && data.baseCommit);
}

type Site = Pick<NewPageData, 'contentPrefix' | 'baseCommit' | 'defaultLang' | 'base' | 'limits'>;

/**
 * The page the editor opens on: the template (or a blank page) with the title and language filled
 * in, effective `today` and to be reviewed a year later.
 */
export function newEditorPage(data: Site, choice: NewPageChoice, template: TemplateEntry | undefined, today = localDay()): EditorPage {
  const format = template?.format ?? 'mdx';
  const contentPath = contentPathOf(choice, format);
  return {
    mode: 'new',
    repoPath: `${data.contentPrefix}${contentPath}`,
    contentPath,
    slug: slugFromPath(contentPath),
    baseCommit: data.baseCommit!,
    title: choice.title.trim(),
    lang: choice.lang,
    format,
    source: pageFromTemplate(template?.source ?? '---\n---\n\n', { title: choice.title, lang: choice.lang, defaultLang: data.defaultLang, today }),
    defaultLang: data.defaultLang,
    base: data.base,
    limits: data.limits,
  };
}

/** The page of an unsent new page's draft, and its choice (for the address). */
export function draftEditorPage(data: Site, draft: Draft): { page: EditorPage; choice: NewPageChoice } {
  const p = draft.page;
  const choice = { title: p.title, section: p.contentPath.split('/')[0] ?? '', name: p.contentPath.split('/').at(-1)!.replace(/\.mdx?$/, ''), lang: p.lang };
  const page: EditorPage = { mode: 'new', repoPath: draft.repoPath, contentPath: p.contentPath, slug: p.slug, baseCommit: draft.baseCommit, title: p.title, lang: p.lang, format: p.format, source: draft.original, defaultLang: data.defaultLang, base: data.base, limits: data.limits };
  return { page, choice };
}
