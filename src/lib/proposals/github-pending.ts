/**
 * The GitHub backend's pending proposals of a page: its open pull requests labelled `pinkas`,
 * whose marker (pr-text.ts) names the page. One request lists them all — the issues API filters
 * by label, and lists pull requests with their body — and its answer serves every page for a
 * short while, so that page views do not spend the App's rate limit.
 */
import type { Octokit } from 'octokit';
import { readMarker } from './pr-text.ts';
import type { PendingProposal } from './wire.ts';

export interface PendingPullsOptions {
  owner: string;
  repo: string;
  /** How long one list of open proposals is used (default 30 s). */
  ttlMs?: number;
  now?: () => number;
}

/** The label every Pinkas pull request carries (PreparedProposal's `labels`). */
export const PINKAS_LABEL = 'pinkas';

type Listed = PendingProposal & { path: string };

export class PendingPulls {
  readonly #octokit: Octokit;
  readonly #o: PendingPullsOptions;
  #cached: { at: number; list: Promise<Listed[]> } | undefined;

  constructor(octokit: Octokit, options: PendingPullsOptions) {
    this.#octokit = octokit;
    this.#o = options;
  }

  async forPage(path: string, limit: number): Promise<PendingProposal[]> {
    const list = await this.#list();
    return list
      .filter((p) => p.path === path)
      .slice(0, limit)
      .map(({ path: _path, ...pending }) => pending);
  }

  /** Forgets the list (a proposal was just opened), so that the next page view sees it. */
  forget(): void {
    this.#cached = undefined;
  }

  #list(): Promise<Listed[]> {
    const now = (this.#o.now ?? Date.now)();
    if (!this.#cached || now - this.#cached.at > (this.#o.ttlMs ?? 30_000)) {
      const cached = { at: now, list: this.#fetch() };
      cached.list.catch(() => {
        if (this.#cached === cached) this.#cached = undefined;
      });
      this.#cached = cached;
    }
    return this.#cached.list;
  }

  /** The newest 100 open pull requests labelled `pinkas` (one request): more than any wiki has waiting. */
  async #fetch(): Promise<Listed[]> {
    const { data } = await this.#octokit.rest.issues.listForRepo({ owner: this.#o.owner, repo: this.#o.repo, state: 'open', labels: PINKAS_LABEL, sort: 'created', direction: 'desc', per_page: 100 });
    return data.flatMap((issue): Listed[] => {
      const marker = issue.pull_request ? readMarker(issue.body) : undefined;
      if (!marker) return [];
      return [{ id: marker.id, title: issue.title, summary: marker.summary, url: issue.pull_request?.html_url ?? issue.html_url, createdAt: issue.created_at, path: marker.path }];
    });
  }
}
