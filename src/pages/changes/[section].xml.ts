/** /changes/<section>.xml: the changes to every page of one section as an Atom feed, one static file per section. */
import type { APIRoute, InferGetStaticPropsType } from 'astro';
import { atomResponse, atomXml } from '../../lib/feeds/atom.ts';
import { changeEntries, filesUnder } from '../../lib/feeds/changes.ts';
import { translator } from '../../lib/i18n/strings.ts';
import { feedSections, feedUrl } from '../../data/feeds.ts';
import { getHistory } from '../../data/history.ts';
import { getWiki, type PageProps } from '../../data/wiki.ts';
import { siteConfig } from '../../site.config.ts';

export async function getStaticPaths() {
  return (await feedSections()).map((page) => ({ params: { section: page.slug }, props: { page } satisfies PageProps }));
}

export const GET: APIRoute<InferGetStaticPropsType<typeof getStaticPaths>> = async ({ props }) => {
  const { page: section } = props;
  const [wiki, history] = await Promise.all([getWiki(), getHistory()]);
  const byPath = new Map(wiki.pages.filter((p) => p.path).map((p) => [p.path, p]));
  const t = translator(section.lang);
  return atomResponse(
    atomXml({
      self: feedUrl(`changes/${section.slug}.xml`),
      alternate: feedUrl(section.slug),
      title: `${t('feed.sectionTitle', { section: section.title })} · ${siteConfig.title}`,
      lang: section.lang,
      author: siteConfig.title,
      entries: changeEntries(filesUnder(history.files, section.slug), { pageOf: (path) => byPath.get(path), url: feedUrl }),
    }),
  );
};
