/**
 * What a proposal request may contain (`POST /api/proposals`), checked before anything else
 * happens: the body's shape (zod), the paths (only pages and images under the content folder), the
 * sizes, the images' real types, and the page itself (frontmatter schema, safe-content policy).
 */
import { z } from 'zod';
import { checkPage } from '../content/check.ts';
import { isPagePath, mediaTypes } from '../paths.ts';
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

export const proposalRequestSchema = z.strictObject({
  path: z.string().min(1).max(300),
  baseCommit: z.string().regex(/^[0-9a-f]{40}$/, 'baseCommit must be the 40-character commit id the page was built from'),
  content: z.string().max(limits.pageBytes, `the page may be at most ${limits.pageBytes / 1024} KB`),
  summary: z.string().trim().min(1, 'a summary of the change is required').max(limits.summary, `the summary may be at most ${limits.summary} characters`),
  reason: z.string().trim().max(limits.reason).optional(),
  images: z
    .array(z.strictObject({ path: z.string().min(1).max(300), base64: z.string().max(Math.ceil(limits.imageBytes / 3) * 4 + 4, `an image may be at most ${limits.imageBytes / 1024 / 1024} MB`) }))
    .max(limits.images, `at most ${limits.images} images per proposal`)
    .optional(),
});

// The schema accepts exactly the wire type the editor sends: neither can gain a field alone.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemaIsWireType: Same<z.output<typeof proposalRequestSchema>, ProposalRequest> & Same<z.input<typeof proposalRequestSchema>, ProposalRequest> = true;
void schemaIsWireType;

export interface ValidatedRequest extends Omit<ProposalRequest, 'images'> {
  /** The page's path under the content folder (`hr/leave.mdx`). */
  contentPath: string;
  images: { path: string; bytes: Uint8Array }[];
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

/** Checks a proposal request; `contentPrefix` is the content folder, repository-relative (`content`). */
export function validateRequest(body: unknown, contentPrefix: string): ValidatedRequest {
  const parsed = proposalRequestSchema.safeParse(body);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => ({ field: i.path.join('.') || '(body)', message: i.message }));
    throw new ProposalError(400, `The request is not a valid proposal: ${details.map((d) => `${d.field}: ${d.message}`).join('; ')}`, details);
  }
  const request = parsed.data;
  const prefix = contentPrefix.replace(/\/+$/, '');
  const inContent = (path: string, what: string) => {
    const safe = safeRepoPath(path);
    if ('problem' in safe) throw new ProposalError(400, `${what} "${path}" ${safe.problem}`, { field: what === 'The page' ? 'path' : 'images', path });
    if (prefix && !safe.path.startsWith(`${prefix}/`)) {
      throw new ProposalError(403, `${what} "${path}" is outside the wiki's content folder (${prefix}/): only pages and images there can be changed`, { field: 'path', path });
    }
    return prefix ? safe.path.slice(prefix.length + 1) : safe.path;
  };

  const contentPath = inContent(request.path, 'The page');
  if (!isPagePath(contentPath)) {
    throw new ProposalError(403, `"${request.path}" is not a wiki page: pages are .md or .mdx files, not in folders starting with _ or .`, { field: 'path' });
  }

  const images = (request.images ?? []).map((image) => {
    const inFolder = inContent(image.path, 'The image');
    const ext = inFolder.slice(inFolder.lastIndexOf('.')).toLowerCase();
    const check = signatureOf.get(ext);
    if (!check || !(ext in mediaTypes)) {
      throw new ProposalError(415, `"${image.path}": only ${imageExtensions.join(', ')} images can be added`, { field: 'images', path: image.path });
    }
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(image.base64)) throw new ProposalError(400, `"${image.path}" is not valid base64`, { field: 'images', path: image.path });
    const bytes = Uint8Array.from(Buffer.from(image.base64, 'base64'));
    if (bytes.length > limits.imageBytes) throw new ProposalError(413, `"${image.path}" is larger than ${limits.imageBytes / 1024 / 1024} MB`, { field: 'images', path: image.path });
    if (!check(bytes)) throw new ProposalError(415, `"${image.path}" is not really a ${ext.slice(1).toUpperCase()} image`, { field: 'images', path: image.path });
    return { path: image.path, bytes };
  });

  checkContent(request.content, request.path, contentPath);
  return { ...request, contentPath, images };
}

/** Refuses a page whose frontmatter or content breaks the rules (422), listing each problem at its line. */
export function checkContent(content: string, displayPath: string, contentPath: string) {
  const errors = checkPage(content, displayPath, contentPath).filter((d) => d.severity === 'error');
  if (errors.length) {
    throw new ProposalError(
      422,
      `The page has ${errors.length} problem${errors.length === 1 ? '' : 's'} to fix: ${errors.map((e) => `line ${e.line}: ${e.message}`).join('; ')}`,
      errors.map((e): ContentProblem => ({ line: e.line, column: e.column, field: e.field, message: e.message })),
    );
  }
}
