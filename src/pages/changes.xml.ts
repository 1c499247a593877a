/** /changes.xml: the recent changes of the whole wiki as an Atom feed (RFC 4287). */
import type { APIRoute } from 'astro';
import { atomResponse, atomXml } from '../lib/feeds/atom.ts';
import { changeEntries } from '../lib/feeds/changes.ts';
import { translator } from '../lib/i18n/strings.ts';
import { feedUrl } from '../data/feeds.ts';
import { getHistory } from '../data/history.ts';
import { getWiki } from '../data/wiki.ts';
import { siteConfig } from '../site.config.ts';

export const GET: APIRoute = async () => {
  const [wiki, history] = await Promise.all([getWiki(), getHistory()]);
  const byPath = new Map(wiki.pages.filter((p) => p.path).map((p) => [p.path, p]));
  const t = translator(siteConfig.defaultLang);
  return atomResponse(
    atomXml({
      self: feedUrl('changes.xml'),
      alternate: feedUrl('changes'),
      title: t('feed.wikiTitle', { site: siteConfig.title }),
      lang: siteConfig.defaultLang,
      author: siteConfig.title,
      entries: changeEntries(history.files, { pageOf: (path) => byPath.get(path), url: feedUrl }),
    }),
  );
};
