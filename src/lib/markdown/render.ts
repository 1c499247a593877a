/**
 * The one Markdown/MDX pipeline (DESIGN.md, principle 2). The site, the editor preview and the
 * content check all render through `renderPage`, so what a contributor previews is what readers get.
 *
 *   source ─ remark-parse (+ remark-mdx for .mdx) ─ remark-gfm
 *          ─ MDX policy ─ leading title ─ wikilinks ─ GitHub-style callouts ─ components
 *          ─ remark-rehype ─ rehype-raw ─ HTML policy ─ sanitize
 *          ─ resolve links ─ heading ids ─ in-page anchors ─ search text ─ bidi ─ scrollables ─ HTML
 *
 * Nothing in it executes content: MDX is read as data, never compiled to JavaScript.
 */
import rehypeRaw from 'rehype-raw';
import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { VFile } from 'vfile';
import type { Diagnostic } from '../content/frontmatter.ts';
import { rehypeHtmlPolicy, remarkMdxPolicy, sanitizeSchema } from '../content/policy.ts';
import { dirOf, translator } from '../i18n/strings.ts';
import type { LinkIndex } from '../links/link-index.ts';
import { rehypeAnchorTargets } from './rehype-anchor-targets.ts';
import { rehypeBidi } from './rehype-bidi.ts';
import { rehypeHeadings, type Heading } from './rehype-headings.ts';
import { rehypeResolveLinks, type PageLink, type UrlScheme } from './rehype-resolve-links.ts';
import { rehypeScrollables } from './rehype-scrollables.ts';
import { rehypeSearchText, type TextSection } from './rehype-search-text.ts';
import { remarkCallouts } from './remark-callouts.ts';
import { remarkComponents } from './remark-components.ts';
import { remarkLeadingTitle } from './remark-leading-title.ts';
import { remarkWikilinks } from './remark-wikilinks.ts';

declare module 'vfile' {
  interface DataMap {
    diagnostics: Diagnostic[];
    links: PageLink[];
    headings: Heading[];
    firstHeading: string;
    sections: TextSection[];
  }
}

export type { Heading, PageLink, TextSection, UrlScheme };
export type Format = 'md' | 'mdx';

/** What every page of one wiki shares while rendering. */
export interface RenderContext {
  index: LinkIndex;
  urls: UrlScheme;
  assetExists?: (path: string) => boolean;
}

export interface RenderInput {
  /** The file's text; frontmatter may be present or already blanked out (line numbers stay true). */
  source: string;
  /** Path shown in diagnostics, e.g. `content/hr/leave.mdx`. */
  file: string;
  /** Path under the content folder, for relative links. */
  contentPath: string;
  slug: string;
  format: Format;
  lang: string;
  /** Severity of raw-HTML policy findings: the build sanitizes imported `.md` and only warns. */
  htmlPolicy?: Diagnostic['severity'];
}

export interface RenderResult {
  html: string;
  headings: Heading[];
  links: PageLink[];
  diagnostics: Diagnostic[];
  /** The first heading's text (removed from the HTML when it was a leading `# Title`). */
  firstHeading: string | undefined;
  /** The page's text by section, for the search index. */
  sections: TextSection[];
}

export function createRenderer(context: RenderContext) {
  function processorFor(format: Format, lang: string, slug: string, contentPath: string, htmlPolicy: Diagnostic['severity']) {
    const t = translator(lang);
    return unified()
      .use(remarkParse)
      .use(format === 'mdx' ? [remarkMdx, remarkMdxPolicy] : [])
      .use(remarkGfm)
      .use(remarkLeadingTitle)
      .use(remarkWikilinks)
      .use(remarkCallouts, { t })
      .use(remarkComponents, { t })
      .use(remarkRehype, { allowDangerousHtml: format === 'md', clobberPrefix: '' })
      .use(format === 'md' ? rehypeRaw : () => undefined)
      .use(rehypeHtmlPolicy, { severity: htmlPolicy })
      .use(rehypeSanitize, sanitizeSchema)
      .use(rehypeResolveLinks, { ...context, slug, file: contentPath, missingLabel: t('link.missing') })
      .use(rehypeHeadings)
      .use(rehypeAnchorTargets)
      .use(rehypeSearchText)
      .use(rehypeBidi, { dir: dirOf(lang) })
      .use(rehypeScrollables)
      .use(rehypeStringify);
  }

  return function renderPage(input: RenderInput): RenderResult {
    const htmlPolicy = input.htmlPolicy ?? 'error';
    const file = new VFile({ path: input.file, value: input.source });
    file.data.diagnostics = [];
    const processor = processorFor(input.format, input.lang, input.slug, input.contentPath, htmlPolicy);
    let html: string;
    try {
      const tree = processor.parse(file);
      html = processor.stringify(processor.runSync(tree, file), file) as string;
    } catch (error) {
      const e = error as { line?: number; column?: number; reason?: string; message: string; place?: { line?: number; column?: number; start?: { line: number; column: number } } };
      const reason = e.reason ?? e.message;
      const start = e.place && 'start' in e.place ? e.place.start : e.place;
      // Some MDX errors carry their position only in the text: "Expected a closing tag for `<Note>` (3:1-3:7)".
      const inText = /\((\d+):(\d+)(?:-\d+:\d+)?\)$/.exec(reason);
      file.data.diagnostics.push({
        file: input.file,
        line: start?.line ?? e.line ?? (inText ? Number(inText[1]) : 1),
        column: start?.column ?? e.column ?? (inText ? Number(inText[2]) : 1),
        severity: 'error',
        field: 'syntax',
        message: `${input.format === 'mdx' ? 'MDX' : 'Markdown'} syntax error: ${reason}${input.format === 'mdx' ? mdxHint(reason) : ''}`,
      });
      html = '';
    }
    return {
      html,
      headings: file.data.headings ?? [],
      links: file.data.links ?? [],
      diagnostics: file.data.diagnostics,
      firstHeading: file.data.firstHeading,
      sections: file.data.sections ?? [],
    };
  };
}

function mdxHint(reason: string): string {
  if (/comment/i.test(reason)) return '';
  if (/before name|Unexpected character .* \(U\+003C\)|`<`/.test(reason)) return ' (in MDX, write a literal < as &lt; or \\<)';
  if (/expression|acorn|`\{`/i.test(reason)) return ' (in MDX, write a literal { as \\{)';
  return '';
}
