/**
 * Reads handbooks written for Jekyll or Eleventy. Their `.md` files carry Liquid tags that
 * only those tools understand; left alone they would print as literal `{% … %}` text and
 * break every link written as `]({% page "/x/" %})`. This pass rewrites the common tags into
 * plain Markdown *before* parsing, keeping every line break so reported line numbers stay true:
 *
 * - `{% page "/path/" %}`, `{% link "/path" %}` → `/path/` (resolved later like any link);
 *   `{{ site.baseurl }}` in front of a path → removed
 * - `{% slack_channel "name" %}` → `#name`
 * - `{% alert "Title" %}…{% endalert %}` → a `> [!NOTE] Title` callout
 * - `{% comment %}…{% endcomment %}` → removed; `{% raw %}`/`{% endraw %}` → removed
 * - `{% include … %}`, `{% image … %}`, `{% render … %}` and other unknown tags → removed
 *
 * `{{ expressions }}` are left as text. MDX files are never rewritten: MDX has its own syntax.
 */
export function liquidToMarkdown(source: string): string {
  if (!source.includes('{%') && !source.includes('{{')) return source;
  let out = source;
  out = out.replace(/\{%-?\s*comment\s*-?%\}[\s\S]*?\{%-?\s*endcomment\s*-?%\}/g, keepNewlines);
  out = out.replace(/\{%-?\s*(?:raw|endraw)\s*-?%\}/g, '');
  // `page` paths are from the site root, with or without a leading slash.
  out = out.replace(/\{%-?\s*(?:page|link|download)\s+(["'])(.*?)\1\s*-?%\}/g, (_m, _q, target: string) =>
    /^(?:\/|#|[a-z][a-z0-9+.-]*:)/i.test(target) ? target : `/${target}`,
  );
  out = out.replace(/\{\{\s*site\.base_?url\s*\}\}/gi, '');
  out = out.replace(/\{%-?\s*slack_channel\s+(["'])(.*?)\1\s*-?%\}/g, (_m, _q, name: string) => `#${name}`);
  out = out.replace(
    /^([ \t]*)\{%-?\s*alert(?:\s+(["'])(.*?)\2)?\s*-?%\}[ \t]*\r?\n([\s\S]*?)^[ \t]*\{%-?\s*endalert\s*-?%\}[ \t]*$/gm,
    (_m, indent: string, _q, title: string | undefined, body: string) => {
      const lines = body.replace(/\s+$/, '').split('\n');
      const dedent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^[ \t]*/.exec(l)![0].length));
      const quoted = lines.map((l) => `${indent}> ${l.slice(Number.isFinite(dedent) ? dedent : 0)}`.trimEnd());
      return [`${indent}> [!NOTE]${title ? ` ${title}` : ''}`, ...quoted, ''].join('\n');
    },
  );
  // Any other block or inline tag ({% include %}, {% image %}, {% for %} …) has no meaning here.
  out = out.replace(/\{%-?[\s\S]*?-?%\}/g, keepNewlines);
  return out;
}

function keepNewlines(match: string): string {
  return match.replace(/[^\n]/g, '');
}
