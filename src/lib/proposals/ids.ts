/**
 * The names the service derives for a proposal: its id (the same for every retry of one submit),
 * its branch, and the tag that says who submitted it without publishing their email address.
 */
import { createHash } from 'node:crypto';

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** What a proposal request says, as one hash: a retry under the same idempotency key must say the same. */
export function requestFingerprint(request: { path: string; baseCommit: string; content: string; summary: string; reason?: string; images: { path: string; bytes: Uint8Array }[]; minor?: boolean }): string {
  const images = request.images.map((image) => [image.path, createHash('sha256').update(image.bytes).digest('hex')]);
  // `minor` only when set, so that the requests made before it existed keep their fingerprints.
  return sha256(JSON.stringify([request.path, request.baseCommit, request.content, request.summary, request.reason ?? '', images, ...(request.minor ? ['minor'] : [])])).slice(0, 32);
}

/** The proposal's id: one person's one submit attempt (`key`: the idempotency key, or a hash of the content). */
export function proposalId(email: string, key: string): string {
  return sha256(`${email.toLowerCase()}\n${key}`).slice(0, 12);
}

/** The proposal's branch: `pinkas/<slug>-<id>`. */
export function proposalBranch(slug: string, id: string): string {
  return `pinkas/${branchSafe(slug)}-${id}`;
}

/** A slug as a branch-name part: ASCII letters, digits and dashes, at most 60 characters. */
export function branchSafe(slug: string): string {
  return (
    slug
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .replace(/-+$/, '') || 'page'
  );
}

/** A stable, non-reversible tag of who submitted (to find one's proposals without publishing the email). */
export function submitterTag(email: string): string {
  return sha256(`pinkas-submitter:${email.toLowerCase()}`).slice(0, 16);
}
