/**
 * Hostile content, class by class: what a contributor could type to run code, break the build,
 * leak readers' addresses or stall the checker — and what Pinkas says about it. Each row is a
 * class of attack with one payload; the policy must catch the class, not the example.
 */
import { describe, expect, it } from 'vitest';
import { checkPage } from '../../src/lib/content/check.ts';
import { buildPolicy } from '../../src/lib/content/policy.ts';
import { pageAddressProblem } from '../../src/lib/paths.ts';
import { render } from '../support/render.ts';

const comments = (n: number) => `{${'/**/ '.repeat(n)}x}`;

/** [class, file, source, field, message (part)] */
const rows: [string, string, string, string, RegExp][] = [
  ['code between comments in an MDX expression', 'x.mdx', '{/* a */ process.exit(1) /* b */}\n', 'mdx', /\{expressions\} are not allowed/],
  ['many comments around code (was exponential)', 'x.mdx', `${comments(60)}\n`, 'mdx', /\{expressions\} are not allowed/],
  ['import in MDX', 'x.mdx', 'import fs from "node:fs"\n\nText\n', 'mdx', /import`\/`export` is not allowed/],
  ['event handler in JSX', 'x.mdx', '<kbd onClick="alert(1)">x</kbd>\n', 'html', /event-handler attribute onclick/],
  ['script in Markdown', 'x.md', '<script>alert(1)</script>\n', 'html', /<script> is not allowed/],
  ['javascript: link', 'x.md', '[x](javascript:alert(1))\n', 'html', /javascript: URLs are not allowed/],
  ['javascript: in one srcset candidate', 'x.md', '<img src="a.png" alt="" srcset="a.png 1x, javascript:alert(1) 2x">\n', 'html', /javascript: URLs are not allowed \(srcSet/],
  ['data: image', 'x.md', '<img src="data:image/svg+xml,<svg onload=alert(1)>" alt="">\n', 'html', /data: URLs are not allowed/],
  ['malformed %-escape in a link (broke the build)', 'x.md', '[x](%E0%A4%A)\n', 'link', /malformed %-escape/],
  ['malformed %-escape in an in-page anchor', 'x.md', '[x](#%E0)\n', 'link', /malformed %-escape/],
  ['image from another site (tracks readers)', 'x.md', '![logo](https://tracker.example/p.gif)\n', 'image', /images from other sites are not allowed/],
  ['protocol-relative image from another site', 'x.md', '<img src="//tracker.example/p.gif" alt="">\n', 'image', /images from other sites/],
  ['__proto__ in frontmatter (broke the build)', 'x.md', '---\ntitle: T\n__proto__:\n  admin: true\n---\nT\n', 'frontmatter', /"__proto__" is not allowed/],
  ['__proto__ nested in frontmatter', 'x.md', '---\ntitle: T\nowner:\n  - { __proto__: x }\n---\nT\n', 'frontmatter', /"__proto__" is not allowed/],
  ['YAML alias expansion (billion laughs)', 'x.md', `---\na: &a [x,x,x,x,x,x,x,x]\nb: &b [${'*a,'.repeat(8)}*a]\nc: &c [${'*b,'.repeat(8)}*b]\nd: [${'*c,'.repeat(8)}*c]\n---\nT\n`, 'frontmatter', /YAML aliases/],
  ['a page name with % (unreachable address)', 'a%20b.md', 'T\n', 'path', /contains "%"/],
  ['a page name with <', 'a<b.md', 'T\n', 'path', /Windows does not allow/],
  ['a Windows device name', 'hr/CON.md', 'T\n', 'path', /device name on Windows/],
  ['a Windows short name', 'GIT~1/x.md', 'T\n', 'path', /short name/],
  ['a trailing dot in a folder', 'hr./x.md', 'T\n', 'path', /ends with a space or a dot/],
];

describe('hostile content is refused with the field and the reason', () => {
  it.each(rows)('%s', (_class, file, source, field, message) => {
    const problems = checkPage(source, `content/${file}`, file).filter((d) => d.severity === 'error');
    expect(problems.map((d) => `${d.field}: ${d.message}`)).toContainEqual(expect.stringMatching(new RegExp(`^${field}: .*${message.source}`)));
  });
});

describe('what the build does with it', () => {
  it('renders a page with a malformed link instead of failing, and only warns', () => {
    const { html, diagnostics } = render('[x](%E0%A4%A) and [y](#%E0)\n', { format: 'md', policy: buildPolicy });
    expect(html).toContain('>x</a>');
    expect(diagnostics.map((d) => d.severity)).toEqual(['warning', 'warning']);
  });

  it('leaves out an image from another site, keeping its text', () => {
    const { html } = render('Logo: ![Our logo](https://tracker.example/p.gif)\n', { format: 'md' });
    expect(html).toBe('<p>Logo: Our logo</p>');
    expect(render('![Our logo](https://cdn.example/p.gif)\n', { format: 'md', policy: buildPolicy }).html).toContain('src="https://cdn.example/p.gif"');
  });

  it('keeps names that work everywhere', () => {
    for (const ok of ['hr/annual-leave.mdx', 'haifa-plant/נוהל-בטיחות.md', 'it/v2.0-notes.md', 'finance/Q1 report.md']) expect(pageAddressProblem(ok), ok).toBeUndefined();
  });
});
