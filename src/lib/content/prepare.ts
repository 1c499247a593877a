/**
 * A page, prepared once: everything Pinkas knows about a content file before it is rendered —
 * its format, validated frontmatter, language, body (Liquid tags of imported handbooks translated,
 * frontmatter blanked so that line numbers stay true), title and the problems found so far. The
 * build, `npm run check:content`, the editor preview and the proposal service all start here, so
 * they read a page the same way.
 */
import { VFile } from 'vfile';
import { pageAddressProblem, slugFromPath } from '../paths.ts';
import type { Format } from '../markdown/page-data.ts';
import { diagnosticsOf, report, reportAll, type Diagnostic } from './diagnostics.ts';
import { parseFrontmatter } from './frontmatter.ts';
import { liquidToMarkdown } from './liquid-compat.ts';
import type { ContentPolicy } from './policy.ts';
import { frontmatterSchema, validateFrontmatter, type Frontmatter } from './schema.ts';
import { pageTitle } from './title.ts';

export interface PrepareOptions {
  /**
   * How messages name the file: the content folder as seen from the repository (`content`), so
   * that `hr/leave.mdx` is reported as `content/hr/leave.mdx`; '' to report the path as it is.
   */
  displayDir: string;
  /** The language of pages that do not say. */
  defaultLang: string;
  /** How strictly pages are held: `contributionPolicy()` or `buildPolicy` (see policy.ts). */
  policy: ContentPolicy;
}

export interface PreparedPage {
  /** Path under the content folder (`hr/leave.mdx`). */
  path: string;
  /** The path in messages (`content/hr/leave.mdx`). */
  displayPath: string;
  slug: string;
  format: Format;
  /** The valid frontmatter fields (one bad value does not lose the others). */
  frontmatter: Frontmatter;
  /** Frontmatter keys Pinkas does not know, kept as they were. */
  extra: Record<string, unknown>;
  lang: string;
  title: string;
  /** The source as written. */
  source: string;
  /**
   * The page for the pipeline: `value` is the body, `data` the slug, path, language and policy;
   * problems found while preparing are its first messages, rendering adds the rest.
   */
  file: VFile;
  /** False when the page cannot be published at all (its address is reserved). */
  publishable: boolean;
}

const knownKeys: ReadonlySet<string> = new Set(Object.keys(frontmatterSchema.shape));

export function formatOf(path: string): Format {
  return path.toLowerCase().endsWith('.mdx') ? 'mdx' : 'md';
}

export function displayPathOf(path: string, displayDir: string): string {
  return displayDir && displayDir !== '.' ? `${displayDir}/${path}` : path;
}

/**
 * Prepares the content file at `path` (under the content folder) whose text is `source`.
 * `displayPath` overrides how messages name it (the editor and the service know the repository path).
 */
export function preparePage(path: string, source: string, options: PrepareOptions, displayPath = displayPathOf(path, options.displayDir)): PreparedPage {
  const format = formatOf(path);
  const slug = slugFromPath(path);
  const fm = parseFrontmatter(source, displayPath);
  const validated = validateFrontmatter(fm.data, displayPath, fm.lines);
  const frontmatter = validated.data ?? {};
  // Jekyll/Eleventy handbooks write Liquid tags in `.md`; MDX has its own syntax and is never rewritten.
  const body = format === 'md' ? liquidToMarkdown(fm.body) : fm.body;
  const lang = frontmatter.lang ?? options.defaultLang;

  const file = new VFile({ path: displayPath, value: body });
  // In MDX, HTML is written as JSX, which contributors and importers alike write on purpose.
  Object.assign(file.data, { slug, contentPath: path, lang, policy: format === 'md' ? options.policy : { ...options.policy, rawHtml: 'error' } });
  const problem = pageAddressProblem(path);
  if (problem) report(file, problem, { line: 1, column: 1 }, 'path');
  reportAll(file, fm.diagnostics);
  reportAll(file, validated.diagnostics);

  return {
    path,
    displayPath,
    slug,
    format,
    frontmatter,
    extra: Object.fromEntries(Object.entries(fm.data).filter(([k]) => !knownKeys.has(k))),
    lang,
    title: pageTitle(frontmatter.title, body, format, path),
    source,
    file,
    publishable: !problem,
  };
}

/** The problems found in a prepared (and possibly rendered) page so far. */
export function pageDiagnostics(page: PreparedPage): Diagnostic[] {
  return diagnosticsOf(page.file);
}
