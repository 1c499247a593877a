/**
 * `/new/`: the form that names a new page (title, section, file name, language, template), then the
 * editor on the page made from the template. The choice is kept in the address, so a reload opens
 * the same editor (and offers its draft); unsent new pages are listed to continue.
 */
import { fileNameFor, fileNameProblem, looksHebrew, pageFromTemplate } from '../lib/content/new-page.ts';
import { translator } from '../lib/i18n/strings.ts';
import { joinUrl, slugFromPath } from '../lib/paths.ts';
import { DraftStore, type Draft } from './drafts.ts';
import { mountEditor } from './editor.ts';
import { loadPages } from './entry.ts';
import { readEmbedded, type EditorPage, type NewPageData } from './types.ts';

export function startNewPage(): void {
  const embedded = readEmbedded<NewPageData>('pinkas-new-data');
  const theForm = document.querySelector<HTMLFormElement>('[data-new-form]');
  if (embedded && theForm) run(embedded, theForm);
}

function run(data: NewPageData, form: HTMLFormElement): void {
  const lang = document.documentElement.lang || data.defaultLang;
  const t = translator(lang);
  const q = <T extends HTMLElement>(selector: string) => document.querySelector<T>(selector)!;
  const title = q<HTMLInputElement>('[data-new-title]');
  const section = q<HTMLSelectElement>('[data-new-section]');
  const name = q<HTMLInputElement>('[data-new-name]');
  const nameHint = q<HTMLElement>('[data-new-name-hint]');
  const pageLang = q<HTMLSelectElement>('[data-new-lang]');
  const ext = q<HTMLElement>('[data-new-ext]');
  const address = q<HTMLElement>('[data-new-address]');
  const message = q<HTMLElement>('[data-new-message]');
  const pages = loadPages(data.base);
  const timeFormat = new Intl.DateTimeFormat(lang === 'he' ? 'he-IL' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });

  const template = () => {
    const chosen = form.querySelector<HTMLInputElement>('input[name="template"]:checked')?.value ?? '';
    return data.templates.find((tpl) => tpl.name === chosen);
  };
  const format = () => template()?.format ?? 'mdx';
  const contentPath = () => `${section.value}/${name.value}.${format()}`;

  // Prefill from the address: `?title=` (red links, empty searches), `?path=` (a relative red link), or a reload.
  const params = new URLSearchParams(location.search);
  title.value = params.get('title')?.trim() ?? '';
  const path = params.get('path')?.replace(/^\/+|\/+$/g, '').replace(/\.mdx?$/i, '');
  const pathSection = params.get('section') ?? path?.split('/')[0];
  if (pathSection && data.sections.some((s) => s.folder === pathSection)) section.value = pathSection;
  let nameEdited = params.has('name') || Boolean(path && path.includes('/'));
  name.value = params.get('name') ?? (path && path.includes('/') ? fileNameFor(path.split('/').at(-1)!) : fileNameFor(title.value));
  let langEdited = params.has('lang');
  pageLang.value = params.get('lang') ?? (looksHebrew(title.value) ? 'he' : data.defaultLang);
  const wantedTemplate = params.get('template');
  if (wantedTemplate !== null) {
    const radio = form.querySelector<HTMLInputElement>(`input[name="template"][value="${CSS.escape(wantedTemplate)}"]`);
    if (radio) radio.checked = true;
  }

  const update = () => {
    if (!nameEdited) name.value = fileNameFor(title.value);
    if (!langEdited) pageLang.value = looksHebrew(title.value) ? 'he' : data.defaultLang;
    const hebrew = title.value.trim() !== '' && fileNameFor(title.value) === '';
    nameHint.textContent = hebrew ? nameHint.dataset.hebrew! : nameHint.dataset.hint!;
    ext.textContent = `.${format()}`;
    if (section.value && name.value && !fileNameProblem(name.value) && data.contentPrefix) {
      address.textContent = t('new.address', { path: `${data.contentPrefix}${contentPath()}`, url: joinUrl(data.base, slugFromPath(contentPath())) });
    } else address.textContent = '';
  };
  title.addEventListener('input', update);
  name.addEventListener('input', () => {
    nameEdited = true;
    update();
  });
  pageLang.addEventListener('change', () => (langEdited = true));
  section.addEventListener('change', update);
  form.addEventListener('change', update);
  update();

  const say = (text: string, link?: { href: string; text: string }) => {
    message.textContent = text;
    if (link) {
      const a = document.createElement('a');
      a.href = link.href;
      a.textContent = link.text;
      message.append(' ', a);
    }
    message.hidden = !text;
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    say('');
    if (!title.value.trim()) return say(t('new.titleMissing')), title.focus();
    if (!section.value) return say(t('new.sectionMissing')), section.focus();
    const problem = fileNameProblem(name.value);
    if (problem) return say(problem === 'empty' ? t('new.fileNameMissing') : t('new.fileNameInvalid')), name.focus();
    const file = await pages;
    const slug = slugFromPath(contentPath());
    const existing = file?.pages.find((p) => p.slug.toLowerCase() === slug.toLowerCase() || p.path?.replace(/\.mdx?$/i, '') === contentPath().replace(/\.mdx?$/i, ''));
    if (existing) {
      return say(t('new.exists', { url: joinUrl(data.base, existing.slug) }), existing.path ? { href: joinUrl(data.base, `edit/${existing.slug}`), text: t('new.editInstead') } : undefined), name.focus();
    }
    const tpl = template();
    const source = pageFromTemplate(tpl?.source ?? '---\n---\n\n', { title: title.value, lang: pageLang.value, defaultLang: data.defaultLang });
    const search = new URLSearchParams({ title: title.value.trim(), section: section.value, name: name.value, lang: pageLang.value, template: tpl?.name ?? '', open: '1' });
    history.replaceState(null, '', `${location.pathname}?${search}`);
    open({
      mode: 'new',
      repoPath: `${data.contentPrefix}${contentPath()}`,
      contentPath: contentPath(),
      slug,
      baseCommit: data.baseCommit!,
      title: title.value.trim(),
      lang: pageLang.value,
      format: format(),
      source,
      defaultLang: data.defaultLang,
      base: data.base,
      limits: data.limits,
    });
  });

  function open(page: EditorPage) {
    form.hidden = true;
    q<HTMLElement>('[data-new-drafts]').hidden = true;
    const heading = q<HTMLElement>('[data-new-heading]');
    heading.textContent = t('editor.newTitle', { title: page.title });
    heading.dir = 'auto';
    const where = q<HTMLElement>('[data-new-path]');
    where.textContent = page.repoPath;
    where.dir = 'ltr';
    where.hidden = false;
    const root = q<HTMLElement>('[data-editor]');
    root.hidden = false;
    mountEditor({ root, page, pages });
  }

  // Unsent new pages: continue one where it was left.
  const drafts = DraftStore.local().newPages().filter((d) => d.baseCommit && d.page?.contentPath);
  if (drafts.length && data.contentPrefix) {
    const list = q<HTMLUListElement>('[data-new-draft-list]');
    list.replaceChildren(...drafts.map((d) => draftItem(d)));
    q<HTMLElement>('[data-new-drafts]').hidden = false;
  }

  function draftItem(draft: Draft): HTMLLIElement {
    const li = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'link-button';
    button.textContent = t('new.continueDraft', { path: draft.repoPath });
    button.addEventListener('click', () => {
      const p = draft.page;
      const search = new URLSearchParams({ title: p.title, section: p.contentPath.split('/')[0] ?? '', name: p.contentPath.split('/').at(-1)!.replace(/\.mdx?$/, ''), lang: p.lang, open: '1' });
      history.replaceState(null, '', `${location.pathname}?${search}`);
      open({ mode: 'new', repoPath: draft.repoPath, contentPath: p.contentPath, slug: p.slug, baseCommit: draft.baseCommit, title: p.title, lang: p.lang, format: p.format, source: draft.original, defaultLang: data.defaultLang, base: data.base, limits: data.limits });
    });
    const when = document.createElement('span');
    when.className = 'muted';
    when.textContent = ` (${t('new.savedAt', { time: timeFormat.format(draft.savedAt) })})`;
    li.append(button, when);
    return li;
  }

  // A reload of an open editor opens it again.
  if (params.get('open') === '1' && title.value && section.value && !fileNameProblem(name.value) && data.contentPrefix && data.baseCommit) form.requestSubmit();
}
