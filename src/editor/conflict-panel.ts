/**
 * The conflict panel: the page merged with the version that changed meanwhile, and a card for each
 * part both sides changed (conflict-view.ts, loaded only when a conflict happens). It counts what
 * is still to decide, and hands over the resolved page only when nothing is.
 */
import type { Translate } from '../lib/i18n/strings.ts';
import type { ConflictView } from './conflict-view.ts';
import type { EditorShell } from './shell.ts';

export interface ConflictPanelOptions {
  el: Pick<EditorShell, 'merge' | 'conflictStatus' | 'conflictMessage' | 'conflictSubmit' | 'conflictCancel'>;
  t: Translate;
  dir: 'ltr' | 'rtl';
  lang: string;
}

export class ConflictPanel {
  readonly #o: ConflictPanelOptions;
  #view: ConflictView | undefined;

  constructor(options: ConflictPanelOptions) {
    this.#o = options;
  }

  /** Shows the conflicts of the contributor's change (`yours`, made on `base`) with the page as it is now (`theirs`). */
  async show(base: string, yours: string, theirs: string): Promise<void> {
    const { openConflictView } = await import('./conflict-view.ts');
    const { el, t, dir, lang } = this.#o;
    this.#view?.destroy();
    this.#view = openConflictView({ parent: el.merge, base, yours, theirs, dir, lang, t, onChange: () => this.#update() });
    this.say('');
    this.#update();
  }

  /** How many parts are still undecided (0 when none is open). */
  get undecided(): number {
    return this.#view?.open ?? 0;
  }

  /** The resolved page, or undefined while a part is undecided (or no conflict is open). */
  resolved(): string | undefined {
    return this.#view?.resolved();
  }

  /** Says why the resolution cannot be sent yet, and takes the contributor to the first open part. */
  showOpen(count: number): void {
    this.say(this.#o.t('editor.conflictUnresolved', { count }));
    this.#view?.focusOpen();
  }

  say(text: string): void {
    this.#o.el.conflictMessage.textContent = text;
    this.#o.el.conflictMessage.hidden = !text;
  }

  close(): void {
    this.#view?.destroy();
    this.#view = undefined;
  }

  #update(): void {
    const { el, t } = this.#o;
    const view = this.#view;
    if (!view) return;
    const open = view.open;
    el.conflictStatus.textContent = t('editor.conflictProgress', { done: view.conflicts - open, total: view.conflicts });
    el.conflictSubmit.setAttribute('aria-disabled', String(open > 0));
    el.conflictCancel.textContent = open > 0 ? t('editor.conflictBackMine') : t('editor.conflictEditResolved');
    if (open === 0) this.say('');
  }
}
