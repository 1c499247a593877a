import { describe, expect, it } from 'vitest';
import { liquidToMarkdown } from '../../src/lib/content/liquid-compat.ts';
import { render } from '../support/render.ts';

describe('components for authors', () => {
  it('renders <Callout> with its type and title, in the page language', () => {
    const { html, diagnostics } = render('<Callout type="warning" title="Before you start">\n\nUnplug the **device**.\n\n</Callout>');
    expect(diagnostics).toEqual([]);
    expect(html).toBe(
      '<div class="callout callout-warning" role="note" aria-label="Warning: Before you start"><p class="callout-title">Before you start</p><p>Unplug the <strong>device</strong>.</p></div>',
    );
    expect(render('<Warning>\n\nזהירות\n\n</Warning>', { lang: 'he' }).html).toContain('<p class="callout-title">אזהרה</p>');
  });

  it('renders GitHub-style alerts in plain Markdown as the same callouts', () => {
    const { html } = render('> [!TIP] Shortcut\n> Use the **VPN** app.', { format: 'md' });
    expect(html).toContain('<div class="callout callout-tip" role="note" aria-label="Tip: Shortcut">\n<p class="callout-title">Shortcut</p>');
    expect(html).toContain('Use the <strong>VPN</strong> app.');
    expect(render('> Just a quote', { format: 'md' }).html).toBe('<blockquote>\n<p>Just a quote</p>\n</blockquote>');
  });

  it('renders <Steps> around an ordered list', () => {
    expect(render('<Steps>\n\n1. Open the form\n2. Sign it\n\n</Steps>').html).toBe(
      '<div class="steps"><ol>\n<li>Open the form</li>\n<li>Sign it</li>\n</ol></div>',
    );
  });

  it('renders <Figure> with a caption, serving its image from /media/', () => {
    expect(render('<Figure src="./images/form.png" alt="The form" caption="Fill in every field" />').html).toBe(
      '<figure class="figure"><img src="/media/hr/images/form.png" alt="The form" loading="lazy"><figcaption>Fill in every field</figcaption></figure>',
    );
  });

  it('renders <Details> as a disclosure', () => {
    expect(render('<Details summary="Why?">\n\nBecause.\n\n</Details>').html).toBe('<details><summary>Why?</summary><p>Because.</p></details>');
  });

  it('removes a leading # title (the page header shows it) and keeps its text', () => {
    const result = render('# Annual leave\n\nText.');
    expect(result.html).toBe('<p>Text.</p>');
    expect(result.firstHeading).toBe('Annual leave');
  });

  it('gives headings GitHub-style ids and lists them', () => {
    const { html, headings } = render('## Carrying over leave\n\n### Carrying over leave\n\n## מילואים');
    expect(html).toContain('<h2 id="carrying-over-leave">');
    expect(html).toContain('<h3 id="carrying-over-leave-1">');
    expect(headings).toEqual([
      { depth: 2, slug: 'carrying-over-leave', text: 'Carrying over leave' },
      { depth: 3, slug: 'carrying-over-leave-1', text: 'Carrying over leave' },
      { depth: 2, slug: 'מילואים', text: 'מילואים' },
    ]);
  });

  it('renders GFM tables in a scrollable wrapper, and task lists', () => {
    const { html } = render('| A | B |\n| - | - |\n| 1 | 2 |\n\n- [x] done', { format: 'md' });
    expect(html).toContain('<div class="table-wrap" tabindex="0"><table>');
    expect(html).toContain('<input type="checkbox" checked disabled>');
  });

  it('renders footnotes whose links reach their notes and back', () => {
    const { html, headings } = render('Text[^1]\n\n[^1]: Note.', { format: 'md' });
    expect(html).toContain('<a href="#user-content-fn-1" id="user-content-fnref-1" data-footnote-ref="" aria-describedby="user-content-footnote-label">1</a>');
    expect(html).toContain('<h2 class="sr-only" id="user-content-footnote-label">Footnotes</h2>');
    expect(html).toContain('<li id="user-content-fn-1">');
    expect(html).toContain('<a href="#user-content-fnref-1" data-footnote-backref=""');
    expect(headings).toEqual([]);
  });
});

describe('right to left', () => {
  it('keeps code blocks left to right in a Hebrew page', () => {
    expect(render('```\nnpm test\n```', { lang: 'he' }).html).toContain('<pre dir="ltr" tabindex="0"><code>npm test');
  });

  it('marks an English paragraph in a Hebrew page left to right, but not a Hebrew one that starts with an English word', () => {
    const { html } = render('Use the VPN before you connect.\n\nSlack הוא הכלי שבו אנחנו מתקשרים בחברה.', { lang: 'he' });
    expect(html).toContain('<p dir="ltr">Use the VPN before you connect.</p>');
    expect(html).toContain('<p>Slack הוא הכלי שבו אנחנו מתקשרים בחברה.</p>');
  });

  it('marks a Hebrew paragraph in an English page right to left', () => {
    expect(render('יש להתחבר ל-VPN דרך Okta לפני תחילת העבודה.').html).toContain('<p dir="rtl">');
  });
});

describe('untrusted content is rendered inert', () => {
  it('never executes MDX: expressions and imports are dropped and reported at their line', () => {
    const { html, diagnostics } = render('import X from "./x.js"\n\nTotal: {1 + 1}\n\n{/* a comment is fine */}');
    expect(html).toBe('<p>Total: </p>');
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual([
      "1:1 `import`/`export` is not allowed in wiki pages: the wiki's components (Callout, Steps, Figure, …) need no import",
      '3:8 {expressions} are not allowed in wiki pages (found {1 + 1}); to show a literal brace write \\{',
    ]);
  });

  it('reports unknown components and expression attributes, and keeps their text', () => {
    const { html, diagnostics } = render('<Chart data={rows}>\n\nSales\n\n</Chart>');
    expect(html).toBe('<p>Sales</p>');
    expect(diagnostics.map((d) => d.message)).toEqual([
      'unknown component <Chart>; pages may use <Callout>, <Note>, <Tip>, <Important>, <Warning>, <Caution>, <Danger>, <Steps>, <Figure>, <Details>',
      'attribute data on <Chart> must be a literal string like data="…", not {rows}',
    ]);
  });

  it('removes scripts, event handlers and javascript: URLs in MDX and reports each', () => {
    const { html, diagnostics } = render('<script>alert(1)</script>\n\n<a href="javascript:alert(1)" onclick="x()">hi</a>\n\n[x](javascript:alert(2))');
    expect(html).not.toMatch(/script|javascript|onclick/i);
    expect(diagnostics.map((d) => `${d.line} ${d.message}`)).toEqual([
      '1 <script> is not allowed in wiki pages: delete it (the page is published without it)',
      '3 javascript: URLs are not allowed (href on <a>): delete them (the page is published without them)',
      '3 event-handler attribute onclick on <a> is not allowed: delete it (the page is published without it)',
      '5 javascript: URLs are not allowed (href on <a>): delete them (the page is published without them)',
    ]);
  });

  it('sanitizes raw HTML in Markdown the same way', () => {
    const { html, diagnostics } = render('<iframe src="https://evil.example"></iframe>\n\n<img src="x.png" onerror="steal()">\n\n<b style="color:red">bold</b>', { format: 'md' });
    expect(html).not.toMatch(/iframe|onerror|style=/);
    expect(html).toContain('<b>bold</b>');
    expect(diagnostics.map((d) => `${d.line} ${d.severity} ${d.message}`)).toEqual([
      '1 error <iframe> is not allowed in wiki pages: delete it (the page is published without it)',
      '3 error event-handler attribute onerror on <img> is not allowed: delete it (the page is published without it)',
      "5 warning style attributes are removed from wiki pages (on <b>); the wiki's stylesheet handles presentation",
    ]);
  });

  it('reports an MDX syntax error with its line', () => {
    const { diagnostics } = render('Intro\n\n<Note>\n\nNever closed.\n');
    expect(diagnostics).toEqual([
      { file: 'content/hr/annual-leave.mdx', line: 3, column: 1, severity: 'error', field: 'syntax', message: 'MDX syntax error: Expected a closing tag for `<Note>` (3:1-3:7)' },
    ]);
  });

  it('explains how to write a literal < in MDX', () => {
    const { diagnostics } = render('Temperature <5C');
    expect(diagnostics[0]).toMatchObject({ line: 1, column: 14 });
    expect(diagnostics[0]!.message).toMatch(/^MDX syntax error: .*\(in MDX, write a literal < as &lt; or \\<\)$/);
  });

  it('lets Markdown keep a literal < and HTML comments', () => {
    const { html, diagnostics } = render('If a < b then <!-- note to self --> go.', { format: 'md' });
    expect(diagnostics).toEqual([]);
    expect(html).toBe('<p>If a &#x3C; b then  go.</p>');
  });
});

describe('handbooks from Jekyll and Eleventy', () => {
  it('rewrites page tags, alerts, comments and unknown tags into Markdown, keeping line numbers', () => {
    const source = [
      '{% alert "Heads up" %}',
      '  Read [the policy]({% page "/travel/" %}).',
      '{% endalert %}',
      '{% comment %}',
      'hidden',
      '{% endcomment %}',
      'Ask in {% slack_channel "people-ops" %}. {% include "x.html" %}',
      '[Docs]({{ site.baseurl }}/hr/sick-leave/)',
    ].join('\n');
    const md = liquidToMarkdown(source);
    expect(md.split('\n')).toHaveLength(source.split('\n').length);
    expect(md).toContain('> [!NOTE] Heads up\n> Read [the policy](/travel/).');
    expect(md).toContain('Ask in #people-ops. ');
    expect(md).not.toContain('hidden');
    const { html } = render(md, { format: 'md' });
    expect(html).toContain('<a href="/finance/travel-expenses/">the policy</a>');
    expect(html).toContain('<a href="/hr/sick-leave/">Docs</a>');
  });

  it('makes page-tag paths root-relative', () => {
    expect(liquidToMarkdown('[a]({% page "hr/sick-leave" %})')).toBe('[a](/hr/sick-leave)');
  });
});
