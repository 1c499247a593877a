/** What a result shows: the passage that matched best, with the matched words marked. */
import { describe, expect, it } from 'vitest';
import { bestPassage, highlight, matcherOf } from '../../src/lib/search/highlight.ts';

const text =
  'Book flights through the travel desk at least two weeks ahead. Economy class on flights up to six hours. ' +
  'Hotels are booked by the travel desk too, within the city caps. Taxis to and from the airport are covered. ' +
  'Parking and tolls are paid at actual cost with a receipt; long-term airport parking only for trips up to five days.';

describe('passages', () => {
  it('show the part of the text that has the most of the words found, from the start of its sentence', () => {
    const passage = bestPassage(text, matcherOf(new Set(['park'])));
    expect(passage.startsWith('Parking and tolls')).toBe(true);
    expect(passage).toContain('parking');
    expect(passage.length).toBeLessThanOrEqual(161);
  });

  it('prefer the passage with more distinct words over one that repeats a word', () => {
    const passage = bestPassage(text, matcherOf(new Set(['airport', 'taxi'])));
    expect(passage.startsWith('Taxis to and from the airport')).toBe(true);
  });

  it('show the start of the text when nothing in it matched', () => {
    expect(bestPassage(text, matcherOf(new Set(['visa'])))).toMatch(/^Book flights .*…$/);
  });

  it('mark words by stem, by Hebrew prefix and by common form', () => {
    expect(highlight('Submit receipts for reimbursement', matcherOf(new Set(['receipt', 'reimburs'])))).toEqual([
      ['Submit ', false], ['receipts', true], [' for ', false], ['reimbursement', true],
    ]);
    expect(highlight('בנוהל הפינוי', matcherOf(new Set(['נוהל'])))).toEqual([['בנוהל', true], [' הפינוי', false]]);
    expect(highlight('העובדים במפעל', matcherOf(new Set(['~עבד'])))).toEqual([['העובדים', true], [' במפעל', false]]);
  });
});
