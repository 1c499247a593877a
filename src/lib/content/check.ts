/**
 * A contribution, checked and previewed as the build reads it: `preparePage` (frontmatter schema,
 * language, Liquid compatibility, title) and the one pipeline (Markdown/MDX syntax, safe-content
 * policy, raw HTML as an error). The proposal service checks every submission with `checkPage`;
 * the editor previews with `previewPage`, in a worker, against the whole wiki's link index.
 */
import { dirOf } from '../i18n/strings.ts';
import { LinkIndex } from '../links/link-index.ts';
import { createPipeline, renderFile, type Pipeline } from '../markdown/render.ts';
import { urlScheme } from '../urls.ts';
import type { Diagnostic } from './diagnostics.ts';
import { contributionPolicy } from './policy.ts';
import { preparePage, type PrepareOptions } from './prepare.ts';

/** How a contribution is read: every finding of the policy is an error. */
export interface CheckOptions {
  defaultLang?: string;
  /** The site's choice for images from other sites (default: refused). */
  externalImages?: 'refuse' | 'allow';
}

export function contributionProfile(options: CheckOptions = {}): PrepareOptions {
  return { displayDir: '', defaultLang: options.defaultLang ?? 'en', policy: contributionPolicy(options) };
}

let alone: Pipeline | undefined;

/**
 * Checks one page's source on its own (no other page is needed: links never make a page invalid).
 * @param source the page as written
 * @param displayPath how to name the file in messages (e.g. `content/hr/leave.mdx`)
 * @param contentPath the page's path under the content folder (`hr/leave.mdx`)
 */
export function checkPage(source: string, displayPath: string, contentPath: string, options: CheckOptions = {}): Diagnostic[] {
  alone ??= createPipeline({ index: new LinkIndex([]), urls: urlScheme('/') });
  const page = preparePage(contentPath, source, contributionProfile(options), displayPath);
  return renderFile(alone, page.file, page.format).diagnostics;
}

export interface Preview {
  html: string;
  title: string;
  description?: string;
  lang: string;
  dir: 'ltr' | 'rtl';
  /** The same as `checkPage` says: what the build and the proposal service would report. */
  diagnostics: Diagnostic[];
}

/** The page as readers would see it, rendered by `pipeline` (made with the wiki's link index). */
export function previewPage(pipeline: Pipeline, source: string, displayPath: string, contentPath: string, options: CheckOptions = {}): Preview {
  const page = preparePage(contentPath, source, contributionProfile(options), displayPath);
  const rendered = renderFile(pipeline, page.file, page.format);
  return {
    html: rendered.html,
    title: page.title,
    ...(page.frontmatter.description ? { description: page.frontmatter.description } : {}),
    lang: page.lang,
    dir: dirOf(page.lang),
    diagnostics: rendered.diagnostics,
  };
}
