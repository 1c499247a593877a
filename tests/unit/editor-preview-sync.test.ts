/** The preview follows the cursor: source headings paired with the preview's, and where to scroll between them. */
import { EditorState } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import { headingWords, pairHeadings, scrollTarget, sourceHeadings } from '../../src/editor/preview-sync.ts';

describe('following the cursor in the preview', () => {
  const doc = ['---', 'title: Leave', '# not a heading: frontmatter ends below', '---', '', 'Intro', '', '## How much *leave* you get', '', '```sh', '# a comment, not a heading', '```', '', '## Requesting [[Annual leave|leave]]', 'text', '### Carrying over ##'].join('\n');

  it('finds the headings of the source, outside the frontmatter and code blocks', () => {
    expect(sourceHeadings(EditorState.create({ doc }))).toEqual([
      { line: 8, words: 'how much leave you get' },
      { line: 14, words: 'requesting leave' },
      { line: 16, words: 'carrying over' },
    ]);
    expect(headingWords('See [the form](https://x.example/) <Tip>now</Tip>')).toBe('see the form now');
  });

  it('pairs them in order with the preview’s, skipping one the preview does not show', () => {
    const source = sourceHeadings(EditorState.create({ doc }));
    expect(pairHeadings(source, ['how much leave you get', 'carrying over'])).toEqual([{ line: 8, index: 0 }, { line: 16, index: 1 }]);
  });

  it('scrolls to the same fraction of the way between two headings', () => {
    const pairs = [{ line: 10, offset: 500 }, { line: 20, offset: 1500 }];
    expect(scrollTarget(1, 40, pairs, 3000)).toBe(0);
    expect(scrollTarget(15, 40, pairs, 3000)).toBe(1000);
    expect(scrollTarget(20, 40, pairs, 3000)).toBe(1500);
    expect(scrollTarget(41, 40, pairs, 3000)).toBe(3000);
  });
});
