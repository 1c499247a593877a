/**
 * Required reading, worked out from the store's rows and the build's facts about a page: who is in
 * a page's audience, whose acknowledgement counts for its current revision, and who is pending.
 */
import { EVERYONE } from '../content/schema.ts';
import type { Acknowledgement, Person } from '../store/types.ts';
import type { PageFacts } from './manifest.ts';

/** Group names are compared without regard to case; the store keeps them in lower case. */
export function normalizeGroups(groups: Iterable<string>): string[] {
  return [...new Set([...groups].map((g) => g.trim().toLowerCase()).filter(Boolean))].sort();
}

export function requiresReading(page: PageFacts): boolean {
  return page.acknowledge.length > 0;
}

export function inAudience(page: PageFacts, groups: readonly string[]): boolean {
  if (page.acknowledge.includes(EVERYONE)) return true;
  const mine = new Set(normalizeGroups(groups));
  return page.acknowledge.some((audience) => mine.has(audience));
}

/**
 * Whether an acknowledgement still counts for the page as built: it acknowledged the current
 * revision or one since which every change was marked minor — or exactly the content now shown.
 */
export function counts(page: PageFacts, ack: Acknowledgement): boolean {
  if (page.revision === 0) return false;
  if (page.contentHash !== undefined && ack.contentHash === page.contentHash) return true;
  return ack.revision >= page.countsFrom && ack.revision <= page.revision;
}

/** Of one person's acknowledgements of a page (oldest first), the newest that counts. */
export function countingAcknowledgement(page: PageFacts, acks: readonly Acknowledgement[]): Acknowledgement | undefined {
  return acks.filter((a) => a.path === page.address && counts(page, a)).at(-1);
}

export interface AcknowledgementReport {
  revision: number;
  acknowledged: { email: string; name: string; revision: number; at: string }[];
  pending: { email: string; name: string }[];
}

/**
 * The page's report: everyone whose acknowledgement counts (their newest), and the known members
 * of its audience who have none that counts. Both ordered by e-mail address.
 */
export function acknowledgementReport(page: PageFacts, acks: readonly Acknowledgement[], audience: readonly Person[]): AcknowledgementReport {
  const newest = new Map<string, Acknowledgement>();
  for (const ack of acks) if (counts(page, ack)) newest.set(ack.email, ack);
  const acknowledged = [...newest.values()]
    .sort((a, b) => a.email.localeCompare(b.email))
    .map((a) => ({ email: a.email, name: a.name, revision: a.revision, at: a.at.toISOString() }));
  const pending = audience.filter((p) => !newest.has(p.email)).map((p) => ({ email: p.email, name: p.name }));
  return { revision: page.revision, acknowledged, pending };
}

export interface ReadingItem {
  path: string;
  title: string;
  lang: string;
  revision: number;
  /** The revision this person acknowledged that still counts, if any. */
  acknowledgedRevision: number | null;
  acknowledgedAt: string | null;
  done: boolean;
}

/** One person's required pages (those whose audience they are in), unread first, then by title. */
export function readingList(pages: readonly PageFacts[], groups: readonly string[], acks: readonly Acknowledgement[]): ReadingItem[] {
  const byPath = Map.groupBy(acks, (a) => a.path);
  const items = pages
    .filter((page) => requiresReading(page) && inAudience(page, groups))
    .map((page): ReadingItem => {
      const ack = countingAcknowledgement(page, byPath.get(page.address) ?? []);
      return {
        path: page.address,
        title: page.title,
        lang: page.lang,
        revision: page.revision,
        acknowledgedRevision: ack?.revision ?? null,
        acknowledgedAt: ack?.at.toISOString() ?? null,
        done: ack !== undefined,
      };
    });
  return items.sort((a, b) => Number(a.done) - Number(b.done) || a.title.localeCompare(b.title));
}
