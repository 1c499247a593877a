/**
 * Checks one page's source as the build would: frontmatter against the schema, Markdown/MDX syntax
 * and the safe-content policy (raw HTML in `.md` included, as an error). Used by the proposal
 * service on every submission and by the editor as you type; `npm run check:content` checks whole
 * folders through the same pipeline.
 */
import { LinkIndex } from '../links/link-index.ts';
import { createRenderer } from '../markdown/render.ts';
import { slugFromPath, slugProblem } from '../paths.ts';
import { urlScheme } from '../urls.ts';
import { parseFrontmatter, type Diagnostic } from './frontmatter.ts';
import { validateFrontmatter } from './schema.ts';

const renderAlone = createRenderer({ index: new LinkIndex([]), urls: urlScheme('/') });

/**
 * @param source the page as written
 * @param file how to name the file in messages (e.g. `content/hr/leave.mdx`)
 * @param contentPath the page's path under the content folder (`hr/leave.mdx`)
 */
export function checkPage(source: string, file: string, contentPath: string, defaultLang = 'en'): Diagnostic[] {
  const fm = parseFrontmatter(source, file);
  const validated = validateFrontmatter(fm.data, file, fm.lines);
  const format = contentPath.toLowerCase().endsWith('.mdx') ? 'mdx' : 'md';
  const problem = slugProblem(slugFromPath(contentPath));
  const rendered = renderAlone({
    source: fm.body,
    file,
    contentPath,
    slug: slugFromPath(contentPath),
    format,
    lang: validated.data?.lang ?? defaultLang,
    htmlPolicy: 'error',
  });
  return [
    ...(problem ? [{ file, line: 1, column: 1, severity: 'error' as const, field: 'path', message: problem }] : []),
    ...fm.diagnostics,
    ...validated.diagnostics,
    ...rendered.diagnostics,
  ].sort((a, b) => a.line - b.line || a.column - b.column);
}
