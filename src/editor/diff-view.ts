/**
 * The review step's diff, as DOM: one table per hunk with old and new line numbers; removed lines
 * marked −, added +, changed words inside a line marked too. Each line keeps its own direction
 * (`dir="auto"`), so Hebrew lines read right to left whatever the page around them.
 */
import type { DiffHunk } from './diff.ts';

export interface DiffLabels {
  caption: string;
  added: string;
  removed: string;
}

export function renderDiff(hunks: DiffHunk[], labels: DiffLabels): HTMLElement {
  const root = document.createElement('div');
  root.className = 'review-diff';
  root.dir = 'ltr';
  for (const hunk of hunks) {
    const wrap = document.createElement('div');
    wrap.className = 'review-hunk';
    wrap.tabIndex = 0;
    wrap.setAttribute('role', 'region');
    wrap.setAttribute('aria-label', `${labels.caption} ${hunk.header}`);
    const table = document.createElement('table');
    const caption = table.createCaption();
    caption.className = 'sr-only';
    caption.textContent = `${labels.caption} ${hunk.header}`;
    const head = table.createTHead().insertRow();
    const th = document.createElement('th');
    th.colSpan = 3;
    th.scope = 'colgroup';
    th.className = 'review-hunk-header';
    th.textContent = hunk.header;
    head.append(th);
    const body = table.createTBody();
    for (const row of hunk.rows) {
      const tr = body.insertRow();
      tr.className = `review-${row.type}`;
      const oldCell = tr.insertCell();
      oldCell.className = 'review-num';
      oldCell.textContent = row.old === undefined ? '' : String(row.old);
      const newCell = tr.insertCell();
      newCell.className = 'review-num';
      newCell.textContent = row.new === undefined ? '' : String(row.new);
      const text = tr.insertCell();
      text.className = 'review-text';
      text.dir = 'auto';
      const sign = document.createElement('span');
      sign.className = 'review-sign';
      sign.setAttribute('aria-hidden', 'true');
      sign.textContent = row.type === 'add' ? '+' : row.type === 'remove' ? '−' : ' ';
      text.append(sign);
      if (row.type !== 'context') {
        const sr = document.createElement('span');
        sr.className = 'sr-only';
        sr.textContent = `${row.type === 'add' ? labels.added : labels.removed} `;
        text.append(sr);
      }
      for (const part of row.parts) {
        if (part.changed) {
          const mark = document.createElement(row.type === 'add' ? 'ins' : 'del');
          mark.textContent = part.text;
          text.append(mark);
        } else text.append(part.text);
      }
    }
    wrap.append(table);
    root.append(wrap);
  }
  return root;
}
