/** DOM for search results, shared by the header dropdown and the results page. Never uses innerHTML. */
import { base } from './base.ts';
import type { RetiredMatch, Segment, ShownResult } from './protocol.ts';

export function resultHref(result: ShownResult): string {
  const path = result.slug.split('/').map(encodeURIComponent).join('/');
  return `${base}${path}/${result.heading ? `#${encodeURIComponent(result.heading.id)}` : ''}`;
}

export function newPageHref(title: string): string {
  return `${base}new/?title=${encodeURIComponent(title)}`;
}

export function searchPageHref(query: string): string {
  return `${base}search/?q=${encodeURIComponent(query)}`;
}

/** Text with the matched words in <mark>. */
export function marked(segments: Segment[], tag: keyof HTMLElementTagNameMap = 'span'): HTMLElement {
  const el = document.createElement(tag);
  for (const [text, isMark] of segments) {
    if (isMark) {
      const mark = document.createElement('mark');
      mark.textContent = text;
      el.append(mark);
    } else el.append(text);
  }
  return el;
}

/** Title, where in the wiki (section › heading), snippet; right to left when the page is. */
export function resultContent(result: ShownResult, labels: { draft: string }): DocumentFragment {
  const fragment = document.createDocumentFragment();
  const title = marked(result.titleMarks, 'span');
  title.className = 'result-title';
  if (result.draft) {
    const badge = document.createElement('span');
    badge.className = 'badge status-draft';
    badge.textContent = labels.draft;
    title.append(' ', badge);
  }
  const where = document.createElement('span');
  where.className = 'result-where';
  where.append(result.sectionTitle);
  if (result.heading) where.append(' › ', marked(result.headingMarks));
  fragment.append(title, where);
  if (result.snippet) {
    const snippet = marked(result.snippetMarks, 'span');
    snippet.className = 'result-snippet';
    fragment.append(snippet);
  }
  return fragment;
}

function pageLink(slug: string, title: string): HTMLAnchorElement {
  const link = document.createElement('a');
  link.href = `${base}${slug.split('/').map(encodeURIComponent).join('/')}/`;
  link.textContent = title;
  link.dir = 'auto';
  return link;
}

/**
 * "“Old travel policy” has been retired. It was replaced by Travel expenses." for each page no
 * longer in force that the query names. `labels.retired` and `labels.superseded` hold `{title}`;
 * `labels.replaced` holds `{successor}`, which becomes a link.
 */
export function retiredNotice(matches: readonly RetiredMatch[], labels: { retired: string; superseded: string; replaced: string }): HTMLElement[] {
  return matches.map((m) => {
    const p = document.createElement('p');
    p.className = 'search-retired';
    const [before = '', after = ''] = (m.status === 'superseded' ? labels.superseded : labels.retired).split('{title}');
    p.append(before, pageLink(m.slug, m.title), after);
    if (m.successor) {
      const [lead = '', tail = ''] = labels.replaced.split('{successor}');
      p.append(' ', lead, pageLink(m.successor.slug, m.successor.title), tail);
    }
    return p;
  });
}
