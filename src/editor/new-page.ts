/**
 * `/new/`: the form that names a new page (title, section, file name, language, template), then the
 * editor on the page made from the template. The choice is kept in the address, so a reload opens
 * the same editor (and offers its draft); unsent new pages are listed to continue. Arriving from a
 * page (a red link, whose address is the same in every language), it takes that page's section,
 * and opens in that page's language. The form's decisions are in new-page-form.ts; this module
 * shows them.
 */
import { bindElements, type Bound } from '../dom/elements.ts';
import { fileNameFor } from '../lib/content/new-page.ts';
import { translator, uiLang, type Translate } from '../lib/i18n/strings.ts';
import { joinUrl } from '../lib/paths.ts';
import { DraftStore, type Draft } from './drafts.ts';
import { mountEditor } from './editor.ts';
import { loadPages } from './entry.ts';
import { choiceProblem, canReopen, contentPathOf, draftEditorPage, existingPage, languageFor, needsEnglishName, newEditorPage, plannedAddress, prefill, referrerSlug, reopenParams, templatesFor, type NewPageChoice } from './new-page-form.ts';
import { readEmbedded, type EditorPage, type NewPageData, type PagesFile } from './types.ts';

const nw = <Tag extends keyof HTMLElementTagNameMap>(name: string, tag: Tag) => [`[data-new-${name}]`, tag] as const;

/** The elements of src/pages/new/[...lang].astro, each found once by its `data-new-*` attribute. */
export const newPageSpec = {
  heading: nw('heading', 'h1'),
  path: nw('path', 'p'),
  drafts: nw('drafts', 'section'),
  draftList: nw('draft-list', 'ul'),
  form: nw('form', 'form'),
  title: nw('title', 'input'),
  section: nw('section', 'select'),
  name: nw('name', 'input'),
  ext: nw('ext', 'code'),
  nameHint: nw('name-hint', 'p'),
  lang: nw('lang', 'select'),
  address: nw('address', 'p'),
  message: nw('message', 'p'),
  editor: ['[data-editor]', 'div'],
} as const;

type NewPageElements = Bound<typeof newPageSpec>;

export function startNewPage(): void {
  const data = readEmbedded<NewPageData>('pinkas-new-data');
  if (data) run(data, bindElements(document, newPageSpec, "The /new/ page's markup"));
}

function run(data: NewPageData, el: NewPageElements): void {
  const { lang } = data;
  const t = translator(lang);
  const pages = loadPages(data.base);
  const params = new URLSearchParams(location.search);
  const from = params.get('from') ?? referrerSlug(document.referrer, location.origin, data.base);
  if (from !== undefined && !params.has('from')) params.set('from', from);
  const form = fillFromAddress(data, el, params);
  if (from !== undefined && !form.reopen) void followLanguageOf(from, data, pages, params);
  const template = () => {
    const chosen = el.form.querySelector<HTMLInputElement>('input[name="template"]:checked')?.value ?? '';
    return data.templates.find((tpl) => tpl.name === chosen);
  };
  const format = () => template()?.format ?? 'mdx';
  const choice = (): NewPageChoice => ({ title: el.title.value, section: el.section.value, name: el.name.value, lang: el.lang.value });
  let templateChosen = form.template !== null;
  let listedFor = '';

  // The file name and the language follow the title until the contributor sets them; the
  // templates of the page's language come first (and the first is chosen, until one is picked).
  const update = () => {
    if (!form.nameEdited) el.name.value = fileNameFor(el.title.value);
    if (!form.langEdited) el.lang.value = languageFor(el.title.value, lang);
    if (listedFor !== el.lang.value) {
      listedFor = el.lang.value;
      orderTemplates(el.form, templatesFor(data.templates, listedFor), !templateChosen);
    }
    el.nameHint.textContent = (needsEnglishName(el.title.value) ? el.nameHint.dataset.hebrew : el.nameHint.dataset.hint) ?? '';
    el.ext.textContent = `.${format()}`;
    const planned = plannedAddress(data, choice(), format());
    el.address.textContent = planned ? t('new.address', planned) : '';
  };
  el.title.addEventListener('input', update);
  el.name.addEventListener('input', () => {
    form.nameEdited = true;
    update();
  });
  el.lang.addEventListener('change', () => {
    form.langEdited = true;
    update();
  });
  el.form.addEventListener('change', (event) => {
    if ((event.target as HTMLInputElement).name === 'template') templateChosen = true;
  });
  el.section.addEventListener('change', update);
  el.form.addEventListener('change', update);
  update();

  const open = (page: EditorPage, address: URLSearchParams) => {
    history.replaceState(null, '', `${location.pathname}?${address}`);
    openEditor(el, page, pages, t);
  };

  el.form.addEventListener('submit', async (event) => {
    event.preventDefault();
    say(el.message, '');
    const chosen = choice();
    const problem = choiceProblem(chosen);
    if (problem) {
      say(el.message, t(problem.message));
      return el[problem.field].focus();
    }
    const existing = existingPage((await pages)?.pages ?? [], contentPathOf(chosen, format()));
    if (existing) {
      say(el.message, t('new.exists', { url: joinUrl(data.base, existing.slug) }), existing.path ? { href: joinUrl(data.base, `edit/${existing.slug}`), text: t('new.editInstead') } : undefined);
      return el.name.focus();
    }
    const tpl = template();
    open(newEditorPage(data, chosen, tpl), reopenParams(chosen, tpl?.name ?? ''));
  });

  // Unsent new pages: continue one where it was left.
  const drafts = DraftStore.local().newPages().filter((d) => d.baseCommit && d.page?.contentPath);
  if (drafts.length && data.contentPrefix) {
    const timeFormat = new Intl.DateTimeFormat(lang === 'he' ? 'he-IL' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
    el.draftList.replaceChildren(
      ...drafts.map((draft) =>
        draftItem(draft, t, timeFormat, () => {
          const { page, choice: itsChoice } = draftEditorPage(data, draft);
          open(page, reopenParams(itsChoice));
        }),
      ),
    );
    el.drafts.hidden = false;
  }

  // A reload of an open editor opens it again.
  if (canReopen(form, data)) el.form.requestSubmit();
}

/**
 * Opens this `/new/` in the language of the page the contributor came from (a red link's address
 * does not say it), keeping what the address asks for.
 */
async function followLanguageOf(from: string, data: NewPageData, pages: Promise<PagesFile | undefined>, params: URLSearchParams): Promise<void> {
  const page = (await pages)?.pages.find((p) => p.slug === from);
  const wanted = page && uiLang(page.lang);
  const route = wanted && wanted !== uiLang(data.lang) ? data.routes[wanted] : undefined;
  if (route) location.replace(`${route}?${params}`);
}

/** Puts the template choices in `order` (the blank page stays last), choosing the first when `choose`. */
function orderTemplates(form: HTMLFormElement, order: readonly { name: string }[], choose: boolean): void {
  const radios = [...form.querySelectorAll<HTMLInputElement>('input[name="template"]')];
  const labelOf = (name: string) => radios.find((r) => r.value === name)?.closest('label');
  const labels = order.map((tpl) => labelOf(tpl.name)).filter((l): l is HTMLLabelElement => Boolean(l));
  const blank = labelOf('');
  labels[0]?.parentElement?.insertBefore(labels[0], labels[0].parentElement.querySelector('.template-choice'));
  for (let i = 1; i < labels.length; i++) labels[i - 1]!.after(labels[i]!);
  if (blank) labels.at(-1)?.after(blank);
  if (choose && labels[0]) labels[0].querySelector('input')!.checked = true;
}

/** Fills the form in from the address; returns what it found, whose `*Edited` flags the form keeps up to date. */
function fillFromAddress(data: NewPageData, el: NewPageElements, params: URLSearchParams) {
  const form = prefill(params, data);
  el.title.value = form.title;
  if (form.section) el.section.value = form.section;
  el.name.value = form.name;
  el.lang.value = form.lang;
  if (form.template !== null) {
    const radio = el.form.querySelector<HTMLInputElement>(`input[name="template"][value="${CSS.escape(form.template)}"]`);
    if (radio) radio.checked = true;
  }
  return form;
}

function say(message: HTMLElement, text: string, link?: { href: string; text: string }): void {
  message.textContent = text;
  if (link) {
    const a = document.createElement('a');
    a.href = link.href;
    a.textContent = link.text;
    message.append(' ', a);
  }
  message.hidden = !text;
}

/** The form gives way to the editor on the page. */
function openEditor(el: NewPageElements, page: EditorPage, pages: Promise<PagesFile | undefined>, t: Translate): void {
  el.form.hidden = true;
  el.drafts.hidden = true;
  el.heading.textContent = t('editor.newTitle', { title: page.title });
  el.heading.dir = 'auto';
  const file = document.createElement('code');
  file.textContent = page.repoPath;
  el.path.replaceChildren(file);
  el.path.dir = 'ltr';
  el.path.hidden = false;
  el.editor.hidden = false;
  mountEditor({ root: el.editor, page, pages });
}

function draftItem(draft: Draft, t: Translate, timeFormat: Intl.DateTimeFormat, onContinue: () => void): HTMLLIElement {
  const li = document.createElement('li');
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'link-button';
  button.textContent = t('new.continueDraft', { path: draft.repoPath });
  button.addEventListener('click', onContinue);
  const when = document.createElement('span');
  when.className = 'muted';
  when.textContent = ` (${t('new.savedAt', { time: timeFormat.format(draft.savedAt) })})`;
  li.append(button, when);
  return li;
}
