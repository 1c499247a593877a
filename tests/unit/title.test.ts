import { describe, expect, it } from 'vitest';
import { pageTitle } from '../../src/lib/content/title.ts';

describe('page title', () => {
  it('uses the frontmatter title first', () => {
    expect(pageTitle('Annual leave', '# Something else', 'md', 'hr/leave.md')).toBe('Annual leave');
  });

  it('falls back to the first heading, with its Markdown removed', () => {
    expect(pageTitle(undefined, '\n\nIntro.\n\n## The *big* `picture`\n\n# Later', 'md', 'hr/leave.md')).toBe('The big picture');
  });

  it('reads the first heading of MDX pages', () => {
    expect(pageTitle(undefined, '<Note>\n\nHi\n\n</Note>\n\n# Sick leave', 'mdx', 'hr/sick.mdx')).toBe('Sick leave');
  });

  it('falls back to the file name made readable', () => {
    expect(pageTitle(undefined, 'No heading here.', 'md', 'travel/paid-parental_leave.md')).toBe('Paid parental leave');
  });

  it("names a folder's index page after the folder", () => {
    expect(pageTitle(undefined, 'Text.', 'md', 'customer-service/index.md')).toBe('Customer service');
  });

  it('does not take a heading from inside a code block', () => {
    expect(pageTitle(undefined, '```\n# not a heading\n```\n', 'md', 'it/vpn.md')).toBe('Vpn');
  });
});
