import { describe, expect, it } from 'vitest';
import { leadingCallout } from '../../src/lib/markdown/leading-callout.ts';
import { openDisclosures } from '../../src/lib/markdown/print-html.ts';
import { render } from '../support/render.ts';

describe('a page’s opening callout', () => {
  it('is taken out with its content, nested blocks included, without its title', () => {
    const { html } = render('> [!WARNING] Retired page\n> This policy was retired. See [[Annual leave]].\n>\n> > quoted\n\n## Next\n\nText.\n', { format: 'md', lang: 'en', contentPath: 'it/fax.md' });
    const split = leadingCallout(html)!;
    expect(split.body).toMatch(/^<p>This policy was retired\. See <a href="\/hr\/annual-leave\/" class="wikilink">Annual leave<\/a>\.<\/p>\n<blockquote>/);
    expect(split.body).not.toContain('Retired page');
    expect(split.rest).toMatch(/^<h2 id="next">Next<\/h2>/);
  });

  it('is nothing when the page does not open with a callout', () => {
    const { html } = render('Intro.\n\n> [!NOTE]\n> Later.\n', { format: 'md', lang: 'en', contentPath: 'it/fax.md' });
    expect(leadingCallout(html)).toBeUndefined();
  });
});

describe('disclosures on paper', () => {
  it('opens every <details>, leaving those already open as they are', () => {
    expect(openDisclosures('<details><summary>Q?</summary><p>A.</p></details><details open><summary>R</summary></details><detailsx>')).toBe(
      '<details open><summary>Q?</summary><p>A.</p></details><details open><summary>R</summary></details><detailsx>',
    );
  });
});
