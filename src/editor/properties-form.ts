/**
 * The page's properties as a form above the source (src/components/PropertiesForm.astro), kept in
 * step with the frontmatter both ways: editing the YAML updates the fields, and a field changes
 * only its own key's text in the source (src/lib/content/frontmatter-edit.ts), one undoable step,
 * so comments and order stay. While the YAML cannot be read the fields wait, and say why.
 */
import type { EditorView, ViewUpdate } from '@codemirror/view';
import { frontmatterEnd, readProperties, setProperty, type PropertyValue } from '../lib/content/frontmatter-edit.ts';
import type { Translate } from '../lib/i18n/strings.ts';
import type { EditorShell } from './shell.ts';
import { TokenField } from './token-field.ts';
import type { PropertyChoices } from './types.ts';

/** The keys of the form, in the order a new key is placed among the others. */
export const propertyKeys = ['title', 'description', 'owner', 'lang', 'status', 'tags', 'effective', 'review_by'] as const;
type Key = (typeof propertyKeys)[number];
type ListKey = 'owner' | 'tags';
type FieldKey = Exclude<Key, ListKey>;

export interface PropertiesFormOptions {
  el: Pick<EditorShell, 'properties' | 'propertiesNote' | 'propertiesFields' | 'ownerChoices' | 'tagChoices'>;
  view: EditorView;
  t: Translate;
  defaultLang: string;
}

const listOf = (value: PropertyValue): string[] => (Array.isArray(value) ? value : value ? value.split(',').map((v) => v.trim()).filter(Boolean) : []);

export class PropertiesForm {
  readonly #o: PropertiesFormOptions;
  readonly #fields: Record<FieldKey, HTMLInputElement | HTMLSelectElement>;
  readonly #lists: Record<ListKey, TokenField>;
  /** Where the frontmatter ends in the source, as of the last reading. */
  #end = 0;
  #disabled = false;
  #readable = true;
  #unreadable: string[] = [];

  constructor(options: PropertiesFormOptions) {
    this.#o = options;
    const root = options.el.propertiesFields;
    const field = (key: FieldKey) => root.querySelector<HTMLInputElement | HTMLSelectElement>(`[data-prop="${key}"]`)!;
    this.#fields = { title: field('title'), description: field('description'), lang: field('lang'), status: field('status'), effective: field('effective'), review_by: field('review_by') };
    const list = (key: ListKey) => new TokenField({ root: root.querySelector<HTMLElement>(`[data-tokens="${key}"]`)!, t: options.t, onChange: (values) => this.#write(key, key === 'owner' && values.length === 1 ? values[0] : values) });
    this.#lists = { owner: list('owner'), tags: list('tags') };
    for (const [key, input] of Object.entries(this.#fields) as [FieldKey, HTMLInputElement | HTMLSelectElement][]) {
      const event = input instanceof HTMLSelectElement || input.type === 'date' ? 'change' : 'input';
      input.addEventListener(event, () => this.#write(key, this.#valueOf(key)));
    }
    this.refresh();
  }

  /** The wiki's owners and tags, offered as the contributor types. */
  setChoices(choices: PropertyChoices | undefined): void {
    const fill = (list: HTMLDataListElement, values: readonly string[]) =>
      list.replaceChildren(...values.map((value) => Object.assign(document.createElement('option'), { value })));
    fill(this.#o.el.ownerChoices, choices?.owners ?? []);
    fill(this.#o.el.tagChoices, choices?.tags ?? []);
  }

  /** Nothing changes the page while it is read-only (a draft waiting, a proposal sent). */
  set disabled(disabled: boolean) {
    this.#disabled = disabled;
    this.#applyDisabled();
  }

  /** The source changed: the fields follow when the change touched the frontmatter. */
  sourceChanged(update: ViewUpdate): void {
    if (update.changes.touchesRange(0, this.#end)) this.refresh();
    else this.#end = update.changes.mapPos(this.#end);
  }

  /** Fills the fields from the frontmatter (leaving alone the one the contributor is typing in). */
  refresh(): void {
    const source = this.#o.view.state.doc.toString();
    this.#end = frontmatterEnd(source);
    const read = readProperties(source, propertyKeys);
    this.#readable = read.ok;
    this.#o.el.propertiesNote.hidden = read.ok;
    if (read.ok) {
      this.#unreadable = read.unreadable;
      const { values } = read;
      for (const key of Object.keys(this.#fields) as FieldKey[]) this.#show(key, values[key]);
      this.#lists.owner.set(listOf(values.owner));
      this.#lists.tags.set(listOf(values.tags));
    }
    this.#applyDisabled();
  }

  #show(key: FieldKey, value: PropertyValue): void {
    const input = this.#fields[key];
    if (input === document.activeElement && input instanceof HTMLInputElement && input.type !== 'date') return;
    const text = Array.isArray(value) ? value.join(', ') : (value ?? '');
    if (key === 'lang') {
      const lang = text || this.#o.defaultLang;
      const select = input as HTMLSelectElement;
      if (![...select.options].some((o) => o.value === lang)) select.append(Object.assign(document.createElement('option'), { value: lang, textContent: lang }));
      select.value = lang;
      return;
    }
    // A date with a time (`2026-01-01T09:00`) shows its day; a value a date field cannot hold stays in the source.
    input.value = input.type === 'date' ? (/^\d{4}-\d{2}-\d{2}/.exec(text)?.[0] ?? '') : text;
  }

  #valueOf(key: FieldKey): PropertyValue {
    const value = this.#fields[key].value;
    // The wiki's own language needs no key.
    if (key === 'lang' && value === this.#o.defaultLang) return undefined;
    return value.trim() === '' ? undefined : value;
  }

  #write(key: Key, value: PropertyValue): void {
    const { view } = this.#o;
    if (view.state.readOnly || !this.#readable) return;
    const change = setProperty(view.state.doc.toString(), key, value, { keyOrder: propertyKeys });
    if (change) view.dispatch({ changes: change, userEvent: 'input.properties' });
  }

  #applyDisabled(): void {
    const off = (key: Key) => this.#disabled || !this.#readable || this.#unreadable.includes(key);
    for (const [key, input] of Object.entries(this.#fields) as [FieldKey, HTMLInputElement | HTMLSelectElement][]) {
      input.disabled = off(key);
      input.title = this.#unreadable.includes(key) ? this.#o.t('editor.propertyInSource') : '';
    }
    this.#lists.owner.disabled = off('owner');
    this.#lists.tags.disabled = off('tags');
  }
}
