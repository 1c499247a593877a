/**
 * The conflict view (loaded only when a conflict happens): one card per part of the page that the
 * contributor and someone else both changed, everything else already merged (resolution.ts). Each
 * card shows the contributor's version and the current one — side by side where there is room, one
 * above the other on a phone — with the words each side changed marked, the text before both
 * changes on request, and the lines around it; the contributor keeps theirs, the current one, both,
 * or writes the part anew. Only when every card is decided is there a resolved page.
 */
import { diffWordsWithSpace } from 'diff';
import type { Translate } from '../lib/i18n/strings.ts';
import { chosenLines, conflictsOf, mergeChunks, resolvedText, type Choice, type Chunk, type ConflictChunk } from './resolution.ts';

export interface ConflictViewOptions {
  parent: HTMLElement;
  base: string;
  yours: string;
  theirs: string;
  lang: string;
  dir: 'ltr' | 'rtl';
  t: Translate;
  /** A card was decided or changed its decision. */
  onChange: () => void;
}

export interface ConflictView {
  readonly conflicts: number;
  /** How many parts are still undecided. */
  readonly open: number;
  /** The resolved page, or undefined while a part is undecided. */
  resolved(): string | undefined;
  /** Takes focus to the first undecided part (or the first part). */
  focusOpen(): void;
  destroy(): void;
}

/** Lines of text (blank ones aside) shown before and after a part, to see where it is. */
const CONTEXT = 2;
const choiceKinds = ['yours', 'theirs', 'both', 'edit'] as const;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Lines as blocks, each in its own direction; the words changed from `base` marked. */
function linesBlock(lines: string[], base: string[] | undefined, o: Pick<ConflictViewOptions, 'lang' | 'dir' | 't'>, empty?: string): HTMLElement {
  const block = el('div', 'conflict-text');
  block.lang = o.lang;
  block.dir = o.dir;
  if (lines.length === 0 && empty) {
    block.append(el('p', 'conflict-empty muted', empty));
    return block;
  }
  let line = el('div', 'conflict-line');
  const lineEnd = () => {
    line.dir = 'auto';
    block.append(line);
    line = el('div', 'conflict-line');
  };
  const parts = base ? diffWordsWithSpace(base.join('\n'), lines.join('\n')) : [{ value: lines.join('\n'), added: false, removed: false }];
  for (const part of parts) {
    if (part.removed) continue;
    part.value.split('\n').forEach((piece, i) => {
      if (i > 0) lineEnd();
      const text = piece.replace(/\r$/, '');
      if (text) line.append(part.added ? el('mark', 'conflict-changed', text) : document.createTextNode(text));
    });
  }
  lineEnd();
  return block;
}

interface Card {
  chunk: ConflictChunk;
  root: HTMLFieldSetElement;
  radios: HTMLInputElement[];
  editor: HTMLTextAreaElement;
  state: HTMLParagraphElement;
  choice: Choice | undefined;
}

export function openConflictView(options: ConflictViewOptions): ConflictView {
  const eol = options.theirs.includes('\r\n') ? '\r\n' : '\n';
  const chunks = mergeChunks(options.base, options.yours, options.theirs);
  const total = conflictsOf(chunks).length;
  const cards: Card[] = [];
  const list = el('div', 'conflict-parts');
  chunks.forEach((chunk, i) => {
    if (chunk.kind === 'conflict') cards.push(card(chunk, chunks[i - 1], chunks[i + 1], total, options));
  });
  list.append(...cards.map((c) => c.root));
  options.parent.replaceChildren(list);
  const open = () => cards.filter((c) => !c.choice).length;
  return {
    conflicts: total,
    get open() {
      return open();
    },
    resolved: () => resolvedText(chunks, cards.map((c) => c.choice), eol),
    focusOpen: () => {
      const first = cards.find((c) => !c.choice) ?? cards[0];
      first?.root.scrollIntoView({ block: 'start' });
      first?.radios[0]?.focus({ preventScroll: true });
    },
    destroy: () => options.parent.replaceChildren(),
  };
}

function card(chunk: ConflictChunk, before: Chunk | undefined, after: Chunk | undefined, total: number, o: ConflictViewOptions): Card {
  const { t } = o;
  const root = el('fieldset', 'conflict-part');
  root.dataset.conflict = String(chunk.index);
  root.append(el('legend', undefined, t('editor.conflictPart', { n: chunk.index + 1, total, line: chunk.line })));
  const near = (chunk: Chunk | undefined, take: (lines: string[]) => string[]) => (chunk?.kind === 'merged' ? take(chunk.lines.filter((l) => l.trim())) : []);
  const above = near(before, (lines) => lines.slice(-CONTEXT));
  if (above.length) root.append(context(above, o));
  const versions = el('div', 'conflict-versions');
  const version = (kind: 'yours' | 'theirs', label: string, lines: string[]) => {
    const figure = el('figure', `conflict-version conflict-${kind}`);
    figure.append(el('figcaption', undefined, label), linesBlock(lines, chunk.base, o, t('editor.conflictRemoved')));
    return figure;
  };
  versions.append(version('yours', t('editor.conflictYours'), chunk.yours), version('theirs', t('editor.conflictTheirs'), chunk.theirs));
  root.append(versions);
  const below = near(after, (lines) => lines.slice(0, CONTEXT));
  if (below.length) root.append(context(below, o));
  const original = el('details', 'conflict-base');
  original.append(el('summary', undefined, t('editor.conflictBase')), linesBlock(chunk.base, undefined, o, t('editor.conflictNothing')));
  root.append(original);

  const choices = el('div', 'conflict-choices');
  const name = `pinkas-conflict-${chunk.index}`;
  const radios = choiceKinds.map((kind) => {
    const label = el('label', 'conflict-choice');
    const radio = el('input');
    radio.type = 'radio';
    radio.name = name;
    radio.value = kind;
    label.append(radio, ` ${t(`editor.conflictKeep.${kind}`)}`);
    choices.append(label);
    return radio;
  });
  const editor = el('textarea', 'conflict-edit');
  editor.rows = Math.min(12, Math.max(3, chunk.yours.length + chunk.theirs.length + 1));
  editor.lang = o.lang;
  editor.dir = o.dir;
  editor.hidden = true;
  editor.setAttribute('aria-label', t('editor.conflictEditLabel', { n: chunk.index + 1 }));
  const state = el('p', 'conflict-state muted', t('editor.conflictOpen'));
  root.append(choices, editor, state);
  const c: Card = { chunk, root, radios, editor, state, choice: undefined };

  const decide = () => {
    const kind = radios.find((r) => r.checked)?.value as Choice['kind'] | undefined;
    if (kind === 'edit') {
      if (editor.hidden) {
        // Start from what the part says now (the choice before, or both versions to trim).
        editor.value = chosenLines(chunk, c.choice ?? { kind: 'both' }).map((l) => l.replace(/\r$/, '')).join('\n');
        editor.hidden = false;
        editor.focus();
      }
      c.choice = { kind: 'edit', text: editor.value };
    } else if (kind) {
      editor.hidden = true;
      c.choice = { kind };
    }
    root.classList.toggle('conflict-decided', Boolean(c.choice));
    state.textContent = c.choice ? t(`editor.conflictDecided.${c.choice.kind}`) : t('editor.conflictOpen');
    o.onChange();
  };
  for (const radio of radios) radio.addEventListener('change', decide);
  editor.addEventListener('input', decide);
  return c;
}

function context(lines: string[], o: ConflictViewOptions): HTMLElement {
  const block = linesBlock(lines, undefined, o);
  block.classList.add('conflict-context');
  return block;
}
