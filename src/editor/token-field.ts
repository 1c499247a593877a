/**
 * A field of several values (owners, tags): each value a chip with a remove button, and a text
 * input that adds one on Enter, a comma, picking a suggestion (its `<datalist>`) or leaving the
 * field; Backspace in the empty input removes the last one.
 */
import type { Translate } from '../lib/i18n/strings.ts';

export interface TokenFieldOptions {
  root: HTMLElement;
  t: Translate;
  /** The values changed by the contributor (not by `set`). */
  onChange: (values: string[]) => void;
}

export class TokenField {
  readonly input: HTMLInputElement;
  readonly #list: HTMLUListElement;
  readonly #o: TokenFieldOptions;
  #values: string[] = [];

  constructor(options: TokenFieldOptions) {
    this.#o = options;
    this.input = options.root.querySelector('input')!;
    this.#list = options.root.querySelector('ul')!;
    const { input } = this;
    input.addEventListener('keydown', (event) => {
      if ((event.key === 'Enter' || event.key === ',') && input.value.trim()) {
        event.preventDefault();
        this.#addTyped();
      } else if (event.key === 'Enter') event.preventDefault();
      else if (event.key === 'Backspace' && input.value === '' && this.#values.length) this.#commit(this.#values.slice(0, -1));
    });
    // A suggestion picked from the list arrives as one replacement of the whole text.
    input.addEventListener('input', (event) => {
      if ((event as InputEvent).inputType === 'insertReplacementText') this.#addTyped();
    });
    input.addEventListener('change', () => this.#addTyped());
  }

  get values(): string[] {
    return this.#values;
  }

  /** Shows `values` (from the source), without telling `onChange`. */
  set(values: string[]): void {
    if (values.length === this.#values.length && values.every((v, i) => v === this.#values[i])) return;
    this.#values = [...values];
    this.#render();
  }

  set disabled(disabled: boolean) {
    this.input.disabled = disabled;
    for (const button of this.#list.querySelectorAll('button')) button.disabled = disabled;
  }

  #addTyped(): void {
    const typed = this.input.value.split(',').map((v) => v.trim()).filter(Boolean);
    this.input.value = '';
    const added = typed.filter((v) => !this.#values.includes(v));
    if (added.length) this.#commit([...this.#values, ...added]);
  }

  #commit(values: string[]): void {
    this.#values = values;
    this.#render();
    this.#o.onChange(values);
  }

  #render(): void {
    const { t } = this.#o;
    this.#list.replaceChildren(
      ...this.#values.map((value, i) => {
        const li = document.createElement('li');
        li.className = 'token';
        const text = document.createElement('bdi');
        text.textContent = value;
        const remove = document.createElement('button');
        remove.type = 'button';
        remove.className = 'token-remove';
        remove.setAttribute('aria-label', t('editor.prop.remove', { value }));
        remove.textContent = '×';
        remove.addEventListener('click', () => {
          this.#commit(this.#values.filter((_, j) => j !== i));
          this.input.focus();
        });
        li.append(text, remove);
        return li;
      }),
    );
    this.#list.hidden = this.#values.length === 0;
  }
}
