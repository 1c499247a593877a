/**
 * Atom feeds (RFC 4287) as text: the wiki's recent changes, a section's and a page's. Plain
 * objects in, a complete XML document out; every value is escaped here and nowhere else.
 */

export interface AtomEntry {
  /** A permanent, unique identifier (`urn:pinkas:commit:<sha>`). */
  id: string;
  title: string;
  /** ISO 8601. */
  updated: string;
  author: string;
  /** The entry's page on the wiki (absolute when the site's address is known). */
  link: string;
  summary: string;
}

export interface AtomFeed {
  /** The feed's own address, which is also its id. */
  self: string;
  /** The page that shows the same on the wiki. */
  alternate: string;
  title: string;
  /** The language of the feed's text (`xml:lang`). */
  lang: string;
  author: string;
  /** Newest first. */
  entries: AtomEntry[];
}

const escapes: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' };
// XML 1.0 forbids most control characters even as references; a commit message may hold one.
const escape = (text: string) => text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '').replace(/[<>&"']/g, (c) => escapes[c]!);

/** The feed as an XML document. A feed without entries is "updated" at the epoch. */
export function atomXml(feed: AtomFeed): string {
  const updated = feed.entries[0]?.updated ?? new Date(0).toISOString();
  const entries = feed.entries.map(
    (e) => `  <entry>
    <id>${escape(e.id)}</id>
    <title>${escape(e.title)}</title>
    <updated>${escape(e.updated)}</updated>
    <author><name>${escape(e.author)}</name></author>
    <link rel="alternate" type="text/html" href="${escape(e.link)}"/>
    <summary>${escape(e.summary)}</summary>
  </entry>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${escape(feed.lang)}">
  <id>${escape(feed.self)}</id>
  <title>${escape(feed.title)}</title>
  <updated>${escape(updated)}</updated>
  <author><name>${escape(feed.author)}</name></author>
  <link rel="self" type="application/atom+xml" href="${escape(feed.self)}"/>
  <link rel="alternate" type="text/html" href="${escape(feed.alternate)}"/>
  <generator>Pinkas</generator>
${entries.join('\n')}${entries.length ? '\n' : ''}</feed>
`;
}

/** The response that carries a feed. */
export function atomResponse(xml: string, init: ResponseInit = {}): Response {
  return new Response(xml, { ...init, headers: { 'Content-Type': 'application/atom+xml; charset=utf-8', ...init.headers } });
}
