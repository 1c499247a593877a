/**
 * Images a contributor adds (pasted, dropped or picked): checked against the service's limits,
 * named so they never overwrite an existing file, stored beside the page
 * (`content/<folder>/images/<name>`) and sent in the same proposal.
 */
import type { ProposalLimits } from './types.ts';

export interface PendingImage {
  /** Repository path: `content/hr/images/form.png`. */
  path: string;
  /** Path under the content folder: `hr/images/form.png`. */
  contentPath: string;
  /** As the page links it: `./images/form.png`. */
  link: string;
  name: string;
  type: string;
  blob: Blob;
  /** An object URL for the preview. */
  url: string;
}

const typeExtensions: Record<string, string> = { 'image/png': '.png', 'image/jpeg': '.jpg', 'image/gif': '.gif', 'image/webp': '.webp' };

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot === -1 ? '' : name.slice(dot).toLowerCase();
}

/**
 * A safe, unused file name for an image: ASCII letters, digits and dashes, the extension kept
 * (or taken from the type for a pasted image), `-2`, `-3`, … when the name is taken.
 */
export function imageName(original: string, type: string, taken: (name: string) => boolean): string {
  let ext = extensionOf(original);
  if (!ext || !/^\.[a-z0-9]+$/.test(ext)) ext = typeExtensions[type] ?? '';
  const stem =
    original
      .slice(0, original.length - extensionOf(original).length)
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'image';
  let name = `${stem}${ext}`;
  for (let n = 2; taken(name); n++) name = `${stem}-${n}${ext}`;
  return name;
}

export type ImageProblem = { key: 'editor.imageType' | 'editor.imageTooLarge' | 'editor.imageTooMany' | 'editor.imageTotal'; vars: Record<string, string | number> };

/** Why this image cannot be added to a proposal that already has `pending`, or undefined. */
export function imageProblem(file: { name: string; type: string; size: number }, pending: readonly { blob: Blob }[], limits: ProposalLimits, pageBytes: number): ImageProblem | undefined {
  const ext = extensionOf(file.name) || typeExtensions[file.type] || '';
  if (!limits.imageExtensions.includes(ext) || !Object.keys(typeExtensions).includes(file.type)) return { key: 'editor.imageType', vars: { name: file.name || file.type } };
  if (file.size > limits.imageBytes) return { key: 'editor.imageTooLarge', vars: { name: file.name, size: limits.imageBytes / 1024 / 1024 } };
  if (pending.length >= limits.images) return { key: 'editor.imageTooMany', vars: { count: limits.images } };
  // Base64 is a third larger than the bytes; leave room for the JSON around it.
  const body = pageBytes + [...pending.map((p) => p.blob.size), file.size].reduce((sum, size) => sum + Math.ceil(size / 3) * 4, 0) + 4096;
  if (body > limits.bodyBytes) return { key: 'editor.imageTotal', vars: { size: limits.bodyBytes / 1024 / 1024 } };
  return undefined;
}

/** The folder of a page's images: `hr/images` for `hr/leave.mdx`, `images` at the top. */
export function imageFolder(contentPath: string): string {
  const dir = contentPath.split('/').slice(0, -1).join('/');
  return dir ? `${dir}/images` : 'images';
}

export async function toBase64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
