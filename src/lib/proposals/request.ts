/**
 * What a proposal request may contain (`POST /api/proposals`), checked before anything else
 * happens: the body's shape (zod), its text (no control characters where they do not belong, no
 * broken UTF-16), the paths (only pages and images under the content folder, with names that work
 * everywhere), the sizes and the images' real types. All of it in time linear in the request; the
 * page itself is checked in a worker (page-change.ts), and against the repository by the service.
 */
import { z } from 'zod';
import { isPagePath, mediaTypes, pageAddressProblem, pathProblem } from '../paths.ts';
import { ProposalError } from './errors.ts';
import { imageExtensions, proposalLimits as limits, type ContentProblem, type ImageExtension, type ProposalRequest } from './wire.ts';

/** The bytes each image a proposal may add must start with. */
const imageSignatures: Record<ImageExtension, (b: Uint8Array) => boolean> = {
  '.png': (b) => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47,
  '.jpg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  '.jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  '.gif': (b) => b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x38,
  '.webp': (b) => b[0] === 0x52 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x46 && b[8] === 0x57 && b[9] === 0x45 && b[10] === 0x42 && b[11] === 0x50,
};
const signatureOf = new Map<string, (b: Uint8Array) => boolean>(Object.entries(imageSignatures));

/** A string that JSON may carry but UTF-8 cannot: half of a surrogate pair. */
const LONE_SURROGATE = /\p{Cs}/u;
/** Control characters: none in a one-line text; in longer text only tabs and line breaks. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const CONTROL_IN_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** "U+0000 at line 3" for the first character `pattern` finds in `text`. */
function controlAt(text: string, pattern: RegExp): string | undefined {
  const m = pattern.exec(text);
  if (!m) return undefined;
  const line = text.slice(0, m.index).split('\n').length;
  return `U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')} at line ${line}`;
}

/** Text as git and every browser can hold it: whole Unicode, and control characters only where `control` allows. */
const cleanText = (what: string, control: RegExp, allowed: string) => (text: string, ctx: z.RefinementCtx) => {
  if (LONE_SURROGATE.test(text)) ctx.addIssue({ code: 'custom', message: `${what} is not valid Unicode text (it holds half of a surrogate pair)` });
  const found = controlAt(text, control);
  if (found) ctx.addIssue({ code: 'custom', message: `${what} may not contain control characters${allowed} (found ${found})` });
};
/** Line breaks as the editor's text area may send them (CR LF), as git and the page keep them (LF). */
const lf = (s: string) => s.replace(/\r\n/g, '\n');

export const proposalRequestSchema = z.strictObject({
  path: z.string().min(1).max(300).superRefine(cleanText('the path', CONTROL, '')),
  baseCommit: z.string().regex(/^[0-9a-f]{40}$/, 'baseCommit must be the 40-character commit id the page was built from'),
  content: z
    .string()
    .max(limits.pageBytes, `the page may be at most ${limits.pageBytes / 1024} KB`)
    .superRefine(cleanText('the page', CONTROL_IN_TEXT, ' other than tabs and line breaks')),
  summary: z
    .string()
    .trim()
    .min(1, 'a summary of the change is required')
    .max(limits.summary, `the summary may be at most ${limits.summary} characters`)
    .superRefine(cleanText('the summary', CONTROL, ' (it is one line)')),
  reason: z
    .string()
    .trim()
    .max(limits.reason)
    .superRefine(cleanText('the reason', CONTROL_IN_TEXT, ' other than tabs and line breaks'))
    .transform(lf)
    .optional(),
  images: z
    .array(z.strictObject({ path: z.string().min(1).max(300), base64: z.string().max(Math.ceil(limits.imageBytes / 3) * 4 + 4, `an image may be at most ${limits.imageBytes / 1024 / 1024} MB`) }))
    .max(limits.images, `at most ${limits.images} images per proposal`)
    .optional(),
  minor: z.boolean().optional(),
});

// The schema accepts exactly the wire type the editor sends: neither can gain a field alone.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemaIsWireType: Same<z.output<typeof proposalRequestSchema>, ProposalRequest> & Same<z.input<typeof proposalRequestSchema>, ProposalRequest> = true;
void schemaIsWireType;

export interface ValidatedRequest extends Omit<ProposalRequest, 'images'> {
  /** The page's path under the content folder (`hr/leave.mdx`). */
  contentPath: string;
  /** Each image: its repository path, its path under the content folder, its bytes. */
  images: { path: string; contentPath: string; bytes: Uint8Array }[];
}

/**
 * A repository-relative path, normalized, or the reason it is refused. Refuses absolute paths,
 * `..`, backslashes, empty or hidden segments and control characters before anything else.
 */
export function safeRepoPath(path: string): { path: string } | { problem: string } {
  if (/[\u0000-\u001f\u007f\\]/.test(path)) return { problem: 'contains a backslash or a control character' };
  if (path.startsWith('/') || /^[a-zA-Z]:/.test(path)) return { problem: 'must be relative to the repository, not absolute' };
  const parts = path.split('/');
  if (parts.some((p) => p === '..' || p === '.')) return { problem: 'may not contain "." or ".." segments' };
  if (parts.some((p) => p === '')) return { problem: 'has an empty segment' };
  if (parts.some((p) => p.startsWith('.'))) return { problem: 'may not touch hidden files or folders (like .github/)' };
  return { path };
}

/** A repository path under the content folder `contentPrefix`, as a path under it; else refused (400, 403). */
function underContent(path: string, contentPrefix: string, what: string): string {
  const prefix = contentPrefix.replace(/\/+$/, '');
  const safe = safeRepoPath(path);
  const field = what === 'The page' ? 'path' : 'images';
  if ('problem' in safe) throw new ProposalError(400, `${what} "${path}" ${safe.problem}`, { field, path });
  if (prefix && !safe.path.startsWith(`${prefix}/`)) {
    throw new ProposalError(403, `${what} "${path}" is outside the wiki's content folder (${prefix}/): only pages and images there can be changed`, { field, path });
  }
  return prefix ? safe.path.slice(prefix.length + 1) : safe.path;
}

/** The page at `path` (repository-relative) as a path under the content folder, or why it is no page (400, 403). */
export function pagePath(path: string, contentPrefix: string): string {
  const contentPath = underContent(path, contentPrefix, 'The page');
  if (!isPagePath(contentPath)) {
    throw new ProposalError(403, `"${path}" is not a wiki page: pages are .md or .mdx files, not in folders starting with _ or .`, { field: 'path' });
  }
  return contentPath;
}

/** Checks a proposal request; `contentPrefix` is the content folder, repository-relative (`content`). */
export function validateRequest(body: unknown, contentPrefix: string): ValidatedRequest {
  const parsed = proposalRequestSchema.safeParse(body);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => ({ field: i.path.join('.') || '(body)', message: i.message }));
    throw new ProposalError(400, `The request is not a valid proposal: ${details.map((d) => `${d.field}: ${d.message}`).join('; ')}`, details);
  }
  const request = parsed.data;
  const inContent = (path: string, what: string) => underContent(path, contentPrefix, what);
  const contentPath = pagePath(request.path, contentPrefix);
  // As the page check says it (at line 1), before the path is used to read anything.
  const address = pageAddressProblem(contentPath);
  if (address) refuseProblems([{ line: 1, column: 1, field: 'path', message: address }]);

  const images = (request.images ?? []).map((image) => {
    const inFolder = inContent(image.path, 'The image');
    const problem = pathProblem(inFolder);
    if (problem) throw new ProposalError(422, `The image "${image.path}": ${problem}`, { field: 'images', path: image.path });
    const ext = inFolder.slice(inFolder.lastIndexOf('.')).toLowerCase();
    const check = signatureOf.get(ext);
    if (!check || !(ext in mediaTypes)) {
      throw new ProposalError(415, `"${image.path}": only ${imageExtensions.join(', ')} images can be added`, { field: 'images', path: image.path });
    }
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(image.base64)) throw new ProposalError(400, `"${image.path}" is not valid base64`, { field: 'images', path: image.path });
    const bytes = Uint8Array.from(Buffer.from(image.base64, 'base64'));
    if (bytes.length > limits.imageBytes) throw new ProposalError(413, `"${image.path}" is larger than ${limits.imageBytes / 1024 / 1024} MB`, { field: 'images', path: image.path });
    if (!check(bytes)) throw new ProposalError(415, `"${image.path}" is not really a ${ext.slice(1).toUpperCase()} image`, { field: 'images', path: image.path });
    return { path: image.path, contentPath: inFolder, bytes };
  });

  return { ...request, contentPath, images };
}

/** Refuses a page whose frontmatter or content breaks the rules (422), listing each problem at its line. */
export function refuseProblems(errors: ContentProblem[]): void {
  if (errors.length) {
    throw new ProposalError(422, `The page has ${errors.length} problem${errors.length === 1 ? '' : 's'} to fix: ${errors.map((e) => `line ${e.line}: ${e.message}`).join('; ')}`, errors);
  }
}
