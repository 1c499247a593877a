/**
 * The one Markdown/MDX pipeline. The site, the editor preview, the proposal service and the content
 * check all render through it, so what a contributor previews is what readers get.
 *
 *   source ─ remark-parse (+ remark-mdx for .mdx) ─ remark-gfm
 *          ─ MDX policy ─ leading title ─ wikilinks ─ GitHub-style callouts ─ components
 *          ─ remark-rehype ─ rehype-raw ─ HTML policy ─ sanitize
 *          ─ resolve links ─ heading ids ─ in-page anchors ─ bidi ─ task lists
 *          ─ time ranges kept together ─ scrollables ─ HTML ─ search text (read from the HTML)
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
import { unified, type Plugin } from 'unified';
import { VFile } from 'vfile';
import { diagnosticsOf, report, type Diagnostic } from '../content/diagnostics.ts';
import { rehypeHtmlPolicy } from '../content/html-policy.ts';
import { remarkMdxPolicy } from '../content/mdx-policy.ts';
import { contributionPolicy, sanitizeSchema, type ContentPolicy } from '../content/policy.ts';
import type { LinkIndex } from '../links/link-index.ts';
import type { Format } from './page-data.ts';
import { rehypeAnchorTargets } from './rehype-anchor-targets.ts';
import { rehypeBidi } from './rehype-bidi.ts';
import { rehypeHeadings, type Heading } from './rehype-headings.ts';
import { rehypeKeepTogether } from './rehype-keep-together.ts';
import { rehypeResolveLinks, type PageLink, type UrlScheme } from './rehype-resolve-links.ts';
import { rehypeScrollables } from './rehype-scrollables.ts';
import { rehypeTaskLists } from './rehype-task-lists.ts';
import { sectionsOf, type TextSection } from '../search/page-text.ts';
import { remarkCallouts } from './remark-callouts.ts';
import { remarkComponents } from './remark-components.ts';
import { remarkLeadingTitle } from './remark-leading-title.ts';
import { remarkWikilinks } from './remark-wikilinks.ts';

export type { Format, Heading, PageLink, TextSection, UrlScheme };

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
  /** How strictly the page is held (default: as a contribution, every finding an error). */
  policy?: ContentPolicy;
}

export interface RenderResult {
  html: string;
  headings: Heading[];
  links: PageLink[];
  /** Every message on the file, those reported before rendering (frontmatter) included. */
  diagnostics: Diagnostic[];
  /** The first heading's text (removed from the HTML when it was a leading `# Title`). */
  firstHeading: string | undefined;
  /** The page's text by section, for the search index: read from the HTML, as search reads it from the page. */
  sections: TextSection[];
}

/** The page a `VFile` holds, as the pipeline needs it: `value` is the body, `data` says the rest. */
export function pageFile(input: RenderInput): VFile {
  const file = new VFile({ path: input.file, value: input.source });
  Object.assign(file.data, { slug: input.slug, contentPath: input.contentPath, lang: input.lang, policy: input.policy ?? contributionPolicy() });
  return file;
}

/**
 * A parser in place of remark-parse's that builds the very same tree (src/lib/markdown/native-parse.ts,
 * Node only); used after remark-parse, remark-mdx and remark-gfm.
 */
export type ParserPlugin = Plugin<[{ mdx: boolean }]>;

export interface PipelineOptions {
  /** The build's faster parser (`remarkNativeParse`); by default remark-parse reads the page. */
  parser?: ParserPlugin;
}

/** The two frozen processors of one wiki, `.md` and `.mdx`; every per-page value is in `file.data`. */
export function createPipeline(context: RenderContext, options: PipelineOptions = {}) {
  const shared = (mdx: boolean) =>
    unified()
      .use(remarkParse)
      .use(mdx ? [remarkMdx, remarkMdxPolicy] : [])
      .use(remarkGfm)
      .use(options.parser ? [[options.parser, { mdx }]] : [])
      .use(remarkLeadingTitle)
      .use(remarkWikilinks)
      .use(remarkCallouts)
      .use(remarkComponents)
      .use(remarkRehype, { allowDangerousHtml: !mdx, clobberPrefix: '' })
      .use(mdx ? [] : [rehypeRaw])
      .use(rehypeHtmlPolicy)
      .use(rehypeSanitize, sanitizeSchema)
      .use(rehypeResolveLinks, context)
      .use(rehypeHeadings)
      .use(rehypeAnchorTargets)
      .use(rehypeBidi)
      .use(rehypeTaskLists)
      .use(rehypeKeepTogether)
      .use(rehypeScrollables)
      .use(rehypeStringify)
      .freeze();
  return { md: shared(false), mdx: shared(true) } as const;
}

export type Pipeline = ReturnType<typeof createPipeline>;

/**
 * Renders the page in `file` (see `pageFile`) with the processor of its format. Problems are
 * messages on the file; a syntax error is one more message, and the page renders empty.
 */
export function renderFile(pipeline: Pipeline, file: VFile, format: Format): RenderResult {
  const processor = pipeline[format];
  let html: string;
  try {
    const tree = processor.parse(file);
    html = processor.stringify(processor.runSync(tree, file), file);
  } catch (error) {
    reportSyntaxError(file, error, format);
    html = '';
  }
  return {
    html,
    headings: file.data.headings ?? [],
    links: file.data.links ?? [],
    diagnostics: diagnosticsOf(file),
    firstHeading: file.data.firstHeading,
    sections: sectionsOf(html),
  };
}

/** A renderer for one wiki: `render({ source, file, contentPath, slug, format, lang })`. */
export function createRenderer(context: RenderContext) {
  const pipeline = createPipeline(context);
  return (input: RenderInput): RenderResult => renderFile(pipeline, pageFile(input), input.format);
}

function reportSyntaxError(file: VFile, error: unknown, format: Format) {
  const e = error as { line?: number; column?: number; reason?: string; message: string; place?: { line?: number; column?: number; start?: { line: number; column: number } } };
  const reason = e.reason ?? e.message;
  const start = e.place && 'start' in e.place ? e.place.start : e.place;
  // Some MDX errors carry their position only in the text: "Expected a closing tag for `<Note>` (3:1-3:7)".
  const inText = /\((\d+):(\d+)(?:-\d+:\d+)?\)$/.exec(reason);
  const line = start?.line ?? e.line ?? (inText ? Number(inText[1]) : 1);
  const column = start?.column ?? e.column ?? (inText ? Number(inText[2]) : 1);
  report(file, `${format === 'mdx' ? 'MDX' : 'Markdown'} syntax error: ${reason}${format === 'mdx' ? mdxHint(reason) : ''}`, { line, column }, 'syntax');
}

function mdxHint(reason: string): string {
  if (/comment/i.test(reason)) return '';
  if (/before name|Unexpected character .* \(U\+003C\)|`<`/.test(reason)) return ' (in MDX, write a literal < as &lt; or \\<)';
  if (/expression|acorn|`\{`/i.test(reason)) return ' (in MDX, write a literal { as \\{)';
  return '';
}
