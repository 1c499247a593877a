/**
 * GET /api/feeds/<slug>.xml: the changes to one page as an Atom feed, made on request by the Node
 * server from the git history of the checkout it runs in (the same history the build reads, cached
 * by HEAD), so the static site does not carry a feed file per page. A static-only deploy links
 * pages to their section's feed (/changes/<section>.xml) instead.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { APIRoute } from 'astro';
import { preparePage } from '../../../lib/content/prepare.ts';
import { contributionPolicy } from '../../../lib/content/policy.ts';
import { atomResponse, atomXml } from '../../../lib/feeds/atom.ts';
import { changeEntries, pageFile } from '../../../lib/feeds/changes.ts';
import { translator } from '../../../lib/i18n/strings.ts';
import { absoluteUrl } from '../../../lib/urls.ts';
import { wikiLocations } from '../../../lib/wiki/locations.ts';
import { getHistory } from '../../../data/git-history.ts';
import { siteConfig } from '../../../site.config.ts';

export const prerender = false;

const text = (status: number, body: string) => new Response(`${body}\n`, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });

export const GET: APIRoute = async ({ params, url }) => {
  const match = /^(.+)\.xml$/.exec(params.slug ?? '');
  if (!match) return text(404, 'A page feed is at /api/feeds/<page>.xml.');
  const slug = match[1]!;
  const history = await getHistory();
  if (!history.available) return text(503, 'The page history is not available on this server (it does not run in the wiki’s git repository).');
  const file = pageFile(history.files, slug);
  if (!file) return text(404, `There is no page “${slug}”.`);
  const { contentDir } = wikiLocations(siteConfig.contentDir);
  const source = await readFile(path.join(contentDir, file.path), 'utf8').catch(() => undefined);
  if (source === undefined) return text(404, `There is no page “${slug}”.`);
  const page = preparePage(file.path, source, { displayDir: '', defaultLang: siteConfig.defaultLang, policy: contributionPolicy() });
  const t = translator(page.lang);
  // Links are absolute: to the configured site address (PINKAS_SITE), else to the one asked.
  const feedUrl = (to: string) => absoluteUrl(siteConfig.site ?? url.origin, siteConfig.base, to);
  const self = { slug, title: page.title };
  const xml = atomXml({
    self: feedUrl(`api/feeds/${slug}.xml`),
    alternate: feedUrl(slug),
    title: `${t('feed.pageTitle', { title: page.title })} · ${siteConfig.title}`,
    lang: page.lang,
    author: siteConfig.title,
    entries: changeEntries(new Map([[file.path, file.revisions]]), { pageOf: (p) => (p === file.path ? self : undefined), url: feedUrl }),
  });
  return atomResponse(xml, { headers: { 'Cache-Control': 'public, max-age=300' } });
};
