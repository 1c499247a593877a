/**
 * The work a proposal's page takes, all of it on the contributor's text: merging it with changes
 * made on the base branch meanwhile (three-way), checking the result as the build will read it
 * (`checkPage`: frontmatter schema, safe-content policy, syntax), its title and owners, and what
 * changed line by line. Each step parses or diffs text the contributor chose, and some inputs make
 * them very slow (micromark is quadratic on runs like `*a*a*a…`, a line diff on big rewrites), so
 * the service runs this in a worker thread with a time budget (check-pool.ts), never on the thread
 * that answers requests.
 */
import { checkPage, contributionProfile, type CheckOptions } from '../content/check.ts';
import { preparePage } from '../content/prepare.ts';
import { lineChanges, type LineChanges } from './line-changes.ts';
import { mergePage } from './merge.ts';
import type { ConflictPart, ContentProblem } from './wire.ts';

export interface PageChange {
  /** The repository path, for messages (`content/hr/leave.mdx`). */
  displayPath: string;
  /** The path under the content folder (`hr/leave.mdx`). */
  contentPath: string;
  /** The page at the commit the editor opened ('' for a new page). */
  base: string;
  /** The contributor's version. */
  yours: string;
  /** The page on the base branch now, when it differs from `base`. */
  theirs?: string;
  options?: CheckOptions;
}

export interface PageReport {
  /** The errors that keep the page from being proposed, each at its line; empty when it may be. */
  problems: ContentProblem[];
  /** The page's title, as the site will show it. */
  title: string;
  /** The `owner` field: who reviews a change. */
  owners: string[];
}

export type PageOutcome =
  /** The contributor and someone else changed the same lines. */
  | { kind: 'conflict'; conflicts: ConflictPart[] }
  /** The page to commit (`merged`: with the changes made meanwhile), checked and described. */
  | ({ kind: 'ready'; content: string; merged: boolean; changes: LineChanges } & PageReport);

/** The contribution check of one page, on its own (links never make a page invalid). */
export function checkContribution(source: string, displayPath: string, contentPath: string, options?: CheckOptions): PageReport {
  const problems = checkPage(source, displayPath, contentPath, options)
    .filter((d) => d.severity === 'error')
    .map((d): ContentProblem => ({ line: d.line, column: d.column, ...(d.field ? { field: d.field } : {}), message: d.message }));
  const prepared = preparePage(contentPath, source, contributionProfile(options), displayPath);
  return { problems, title: prepared.title, owners: prepared.frontmatter.owner ?? [] };
}

export function preparePageChange(change: PageChange): PageOutcome {
  let content = change.yours;
  let merged = false;
  if (change.theirs !== undefined && change.theirs !== change.base) {
    const outcome = mergePage(change.base, change.yours, change.theirs);
    if (outcome.kind === 'conflict') return { kind: 'conflict', conflicts: outcome.conflicts };
    if (outcome.kind === 'clean') {
      content = outcome.content;
      merged = true;
    }
  }
  const report = checkContribution(content, change.displayPath, change.contentPath, change.options);
  return { kind: 'ready', content, merged, changes: lineChanges(change.base, content), ...report };
}
