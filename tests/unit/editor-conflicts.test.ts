/**
 * Resolving a conflict: what merges cleanly is taken without asking, only the parts both sides
 * changed wait for a decision, and the resolved page is exactly those decisions in place.
 */
import { describe, expect, it } from 'vitest';
import { conflictsOf, mergeChunks, resolvedText, type Choice } from '../../src/editor/resolution.ts';
import { mergePage } from '../../src/lib/proposals/merge.ts';

const lines = (...l: string[]) => `${l.join('\n')}\n`;
const base = lines('# Per diem', '', 'Lunch: 12 EUR.', '', 'Dinner: 20 EUR.', '', 'Hotel: up to 120 EUR.', '', 'Claim within 60 days.');
// The contributor raises dinner and shortens the deadline; a colleague raised lunch and changed dinner too.
const yours = base.replace('Dinner: 20 EUR.', 'Dinner: 25 EUR.').replace('60 days', '30 days');
const theirs = base.replace('Lunch: 12 EUR.', 'Lunch: 16 EUR.').replace('Dinner: 20 EUR.', 'Dinner: 22 EUR, with receipts.');

describe('merging before asking', () => {
  it('finds the same conflicts as the proposal service, and only those', () => {
    const chunks = mergeChunks(base, yours, theirs);
    const conflicts = conflictsOf(chunks);
    expect(conflicts.map((c) => ({ line: c.line, base: c.base, yours: c.yours, theirs: c.theirs }))).toEqual([
      { line: 5, base: ['Dinner: 20 EUR.'], yours: ['Dinner: 25 EUR.'], theirs: ['Dinner: 22 EUR, with receipts.'] },
    ]);
    const service = mergePage(base, yours, theirs);
    expect(service.kind === 'conflict' && service.conflicts.map((c) => c.line)).toEqual([5]);
  });

  it('has no resolved page while a conflict is undecided', () => {
    expect(resolvedText(mergeChunks(base, yours, theirs), [])).toBeUndefined();
  });

  it('keeps the colleague’s change and the contributor’s other change whatever is chosen for the conflict', () => {
    const chunks = mergeChunks(base, yours, theirs);
    const resolve = (choice: Choice) => resolvedText(chunks, [choice]);
    const everywhere = (dinner: string) => theirs.replace('Dinner: 22 EUR, with receipts.', dinner).replace('60 days', '30 days');
    expect(resolve({ kind: 'yours' })).toBe(everywhere('Dinner: 25 EUR.'));
    expect(resolve({ kind: 'theirs' })).toBe(everywhere('Dinner: 22 EUR, with receipts.'));
    expect(resolve({ kind: 'both' })).toBe(everywhere('Dinner: 22 EUR, with receipts.\nDinner: 25 EUR.'));
    expect(resolve({ kind: 'edit', text: 'Dinner: 25 EUR, with receipts.' })).toBe(everywhere('Dinner: 25 EUR, with receipts.'));
    expect(resolve({ kind: 'edit', text: '' })).toBe(everywhere('').replace('\n\n\n', '\n\n'));
    expect(resolve({ kind: 'theirs' })).toContain('Lunch: 16 EUR.');
  });

  it('keeps Windows line ends in what the contributor writes', () => {
    const crlf = (text: string) => text.replace(/\n/g, '\r\n');
    const chunks = mergeChunks(crlf(base), crlf(yours), crlf(theirs));
    expect(resolvedText(chunks, [{ kind: 'edit', text: 'Dinner: 24 EUR.\nDrinks: no.' }], '\r\n')).toBe(crlf(everywhereCrlf()));
    function everywhereCrlf() {
      return theirs.replace('Dinner: 22 EUR, with receipts.', 'Dinner: 24 EUR.\nDrinks: no.').replace('60 days', '30 days');
    }
  });
});
