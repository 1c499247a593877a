/** The text search reads from a page's HTML: what the index is built from, and what a result's passage is taken from. */
import { describe, expect, it } from 'vitest';
import { pageTextOf, sectionsOf } from '../../src/lib/search/page-text.ts';
import { render } from '../support/render.ts';

describe('the text of a rendered page', () => {
  it('is cut into sections at second- and third-level headings, each with its heading’s id', () => {
    const { html } = render('Opening words.\n\n## Booking\n\nBook early.\n\n### Hotels\n\nThe travel desk books them.\n\n#### Small print\n\nNone.\n');
    expect(sectionsOf(html)).toEqual([
      { id: '', heading: '', text: 'Opening words.' },
      { id: 'booking', heading: 'Booking', text: 'Book early.' },
      { id: 'hotels', heading: 'Hotels', text: 'The travel desk books them. Small print None.' },
    ]);
  });

  it('leaves code blocks out and keeps inline code, table cells and list items apart as words', () => {
    const { html } = render('Run `vpn connect` first.\n\n```\nsecret --flag\n```\n\n| Day | Hours |\n|---|---|\n| Sunday | 07:00–15:30 |\n\n- one\n- two\n');
    expect(sectionsOf(html)).toEqual([{ id: '', heading: '', text: 'Run vpn connect first. Day Hours Sunday 07:00–15:30 one two' }]);
  });

  it('reads characters as written, however the HTML escapes them', () => {
    const { html } = render('## Fish & \\<chips\\>\n\nA & B \\< C > D "quoted", it\'s.\n', { format: 'md' });
    expect(sectionsOf(html)).toEqual([{ id: 'fish--chips', heading: 'Fish & <chips>', text: 'A & B < C > D "quoted", it\'s.' }]);
  });

  it('is the same read from the page around it: its description and the content element, whatever it holds', () => {
    const { html, sections } = render('<details><summary>More</summary>\n\n<div>Inside a box.</div>\n\n</details>\n\n## After\n\nThe end.\n');
    const page = `<html><body><header><h1>Leave</h1><p class="page-description" dir="auto">Days off &amp; how to book them</p></header>` +
      `<nav><h2 id="toc">On this page</h2></nav><div class="prose">${html}</div><section><h2>What links here</h2><p>Other pages</p></section></body></html>`;
    expect(pageTextOf(page)).toEqual({ d: 'Days off & how to book them', s: sections.map((s) => [s.id, s.heading, s.text]) });
    expect(pageTextOf('<html><body><p>A folder page.</p></body></html>')).toEqual({ s: [] });
  });
});
