/** /changes.xml: the recent changes as an Atom feed (RFC 4287). */
import type { APIRoute } from 'astro';
import { recentChanges } from '../lib/history/changes.ts';
import { absoluteUrl } from '../lib/urls.ts';
import { getHistory } from '../data/history.ts';
import { getWiki } from '../data/wiki.ts';
import { siteConfig } from '../site.config.ts';

const escape = (text: string) => text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);

export const GET: APIRoute = async () => {
  const wiki = await getWiki();
  const history = await getHistory();
  const byPath = new Map(wiki.pages.filter((p) => p.path).map((p) => [p.path, p]));
  const changes = recentChanges(history.files, 50);
  // Links are absolute when the site's URL is configured (PINKAS_SITE); otherwise relative to the feed.
  const abs = (path: string) => absoluteUrl(siteConfig.site ?? 'http://localhost/', siteConfig.base, path);
  const updated = changes[0]?.date ?? new Date(0).toISOString();
  const entries = changes.map((c) => {
    const pages = c.paths.map((p) => byPath.get(p)).filter((p) => p !== undefined);
    const first = pages[0];
    const link = first ? abs(`history/${first.slug}`) + `#r-${c.commit.slice(0, 12)}` : abs('changes');
    const list = pages.map((p) => p.title).join(', ') || c.paths.join(', ');
    return `  <entry>
    <id>urn:pinkas:commit:${c.commit}</id>
    <title>${escape(c.summary)}</title>
    <updated>${c.date}</updated>
    <author><name>${escape(c.author)}</name></author>
    <link rel="alternate" type="text/html" href="${escape(link)}"/>
    <summary>${escape(`${c.author}: ${c.summary} (${list})`)}</summary>
  </entry>`;
  });
  const xml = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${siteConfig.defaultLang}">
  <id>${escape(abs('changes.xml'))}</id>
  <title>${escape(`${siteConfig.title}: recent changes`)}</title>
  <updated>${updated}</updated>
  <author><name>${escape(siteConfig.title)}</name></author>
  <link rel="self" type="application/atom+xml" href="${escape(abs('changes.xml'))}"/>
  <link rel="alternate" type="text/html" href="${escape(abs('changes'))}"/>
  <generator>Pinkas</generator>
${entries.join('\n')}
</feed>
`;
  return new Response(xml, { headers: { 'Content-Type': 'application/atom+xml; charset=utf-8' } });
};
