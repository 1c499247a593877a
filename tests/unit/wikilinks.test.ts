import { describe, expect, it } from 'vitest';
import { render } from '../support/render.ts';

describe('remark-wikilinks and link resolution', () => {
  it('links [[Title]] to the page with that title', () => {
    const { html, links } = render('See [[Sick leave]].');
    expect(html).toBe('<p>See <a href="/hr/sick-leave/" class="wikilink">Sick leave</a>.</p>');
    expect(links).toMatchObject([{ kind: 'page', target: 'hr/sick-leave', line: 1, column: 5 }]);
  });

  it('matches titles case-insensitively and shows the text as written', () => {
    expect(render('[[sick LEAVE]]').html).toContain('<a href="/hr/sick-leave/" class="wikilink">sick LEAVE</a>');
  });

  it('uses the label after |, and links to a heading after #', () => {
    expect(render('[[Sick leave#Reporting sick|report it]]').html).toContain(
      '<a href="/hr/sick-leave/#reporting-sick" class="wikilink">report it</a>',
    );
  });

  it('links [[section/page|label]] by path', () => {
    expect(render('[[finance/travel-expenses|expenses]]').html).toContain('<a href="/finance/travel-expenses/" class="wikilink">expenses</a>');
  });

  it('prefers the page in the same section when two pages share a title', () => {
    expect(render('[[Annual leave]]', { slug: 'support/x', contentPath: 'support/x.mdx' }).html).toContain('href="/support/annual-leave/"');
  });

  it('resolves Hebrew titles', () => {
    expect(render('ראו [[נוהל פינוי בשריפה]].', { lang: 'he' }).html).toContain('href="/safety/fire/"');
  });

  it('renders a link to a missing page as a red link that proposes it', () => {
    const { html, links } = render('Ask about [[Parking at the Boston office]].');
    expect(html).toContain(
      '<a href="/new/?title=Parking%20at%20the%20Boston%20office" class="wikilink red-link" title="This page does not exist yet. Propose it.">Parking at the Boston office</a>',
    );
    expect(links).toMatchObject([{ kind: 'missing', title: 'Parking at the Boston office', raw: '[[Parking at the Boston office]]', line: 1, column: 11 }]);
  });

  it('proposes a missing page by path in its folder', () => {
    expect(render('[[hr/parking|parking]]').html).toContain('href="/new/?title=Parking&#x26;path=hr%2Fparking"');
  });

  it('leaves wikilink syntax in code alone', () => {
    const { html, links } = render('`[[Sick leave]]`\n\n```\n[[Sick leave]]\n```');
    expect(html).not.toContain('<a');
    expect(links).toEqual([]);
  });

  it('finds several wikilinks in one paragraph, with their columns', () => {
    const { links } = render('[[Sick leave]] and [[Annual leave|leave]] or [[Nope]]');
    expect(links.map((l) => [l.kind, l.column])).toEqual([['page', 1], ['page', 20], ['missing', 46]]);
  });

  it('accepts an escaped separator in tables', () => {
    const { html } = render('| Policy |\n| --- |\n| [[Sick leave\\|sick]] |', { format: 'md' });
    expect(html).toContain('<a href="/hr/sick-leave/" class="wikilink">sick</a>');
  });
});

describe('ordinary links', () => {
  it('resolves a relative file link, as GitHub would', () => {
    expect(render('[x](../finance/travel-expenses.mdx)').html).toContain('<a href="/finance/travel-expenses/">x</a>');
    expect(render('[x](./sick-leave.md#how)').html).toContain('<a href="/hr/sick-leave/#how">x</a>');
  });

  it('resolves root-relative addresses and aliases from other tools', () => {
    expect(render('[x](/hr/sick-leave/)').html).toContain('href="/hr/sick-leave/"');
    expect(render('[x](/travel/)').html).toContain('href="/finance/travel-expenses/"');
    expect(render('[home](/)').html).toContain('href="/"');
  });

  it('turns a relative link to a missing page into a red link and records it', () => {
    const { html, links } = render('[x](../finance/parking.md)');
    expect(html).toContain('class="red-link"');
    expect(html).toContain('href="/new/?title=Parking&#x26;path=finance%2Fparking"');
    expect(links).toMatchObject([{ kind: 'missing', raw: '../finance/parking.md' }]);
  });

  it('leaves external links, mail and anchors alone', () => {
    const { html, links } = render('[a](https://example.com/x.md) [b](mailto:hr@example.com) [c](#top)');
    expect(html).toContain('href="https://example.com/x.md"');
    expect(html).toContain('href="mailto:hr@example.com"');
    expect(html).toContain('href="#top"');
    expect(links).toEqual([]);
  });

  it('serves images that live beside the page from /media/', () => {
    expect(render('![Form](./images/form.png)').html).toContain('<img src="/media/hr/images/form.png" alt="Form" loading="lazy">');
  });
});
