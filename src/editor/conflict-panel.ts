/**
 * The conflict panel: the current version of the page and the contributor's, side by side, to
 * resolve by hand (conflict.ts and premerge.ts, loaded only when a conflict happens).
 */
import type { Translate } from '../lib/i18n/strings.ts';
import type { ConflictView } from './conflict.ts';
import type { EditorShell } from './shell.ts';

export interface ConflictPanelOptions {
  el: Pick<EditorShell, 'merge'>;
  t: Translate;
  dir: 'ltr' | 'rtl';
  lang: string;
  crlf: boolean;
}

export class ConflictPanel {
  readonly #o: ConflictPanelOptions;
  #view: ConflictView | undefined;

  constructor(options: ConflictPanelOptions) {
    this.#o = options;
  }

  /**
   * Shows `theirs` (the page as it is now) beside the contributor's side, which starts as their
   * change (`yours`, made on `original`) already merged where it does not overlap.
   */
  async open(original: string, yours: string, theirs: string): Promise<void> {
    const [{ openConflict }, { premerge }] = await Promise.all([import('./conflict.ts'), import('./premerge.ts')]);
    const { el, t, dir, lang, crlf } = this.#o;
    this.#view?.destroy();
    el.merge.replaceChildren();
    this.#view = openConflict({
      parent: el.merge,
      theirs,
      yours: premerge(original, yours, theirs),
      dir,
      lang,
      crlf,
      labels: { theirs: t('editor.conflictTheirs'), yours: t('editor.conflictYours'), take: t('editor.conflictTake') },
      phrases: { '$ unchanged lines': t('editor.unchangedLines') },
    });
  }

  /** The contributor's side as it is now, and the panel closed; undefined when none is open. */
  close(): string | undefined {
    const resolved = this.#view?.resolved();
    this.#view?.destroy();
    this.#view = undefined;
    return resolved;
  }
}
