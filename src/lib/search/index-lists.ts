/**
 * The files of the search index besides the postings (format.ts): what results show of each page
 * (`m<b>.json`), the pages of each language and tag (`f-lang-<i>.json`, `f-tag-<b>.json`) and the
 * pages out of force (`retired.json`).
 */
import {
  langFile, metaFile, tagFile,
  type FilterFile, type MetaFile, type PageRow, type RetiredFile, type TagFilterFile,
} from './format.ts';

interface ListedPage {
  slug: string;
  title: string;
  tags: string[];
  lang: string;
  status: string;
}

/** The metadata files, `bucket` pages each, in page order. */
export function metaFiles(pages: readonly ListedPage[], langs: string[], tags: string[], bucket: number, files: Map<string, string>): void {
  const tagIndex = new Map(tags.map((t, i) => [t, i]));
  for (let start = 0; start < pages.length; start += bucket) {
    const folders: string[] = [];
    const rows = pages.slice(start, start + bucket).map((page): PageRow => {
      const cut = page.slug.lastIndexOf('/');
      const folder = cut === -1 ? '' : page.slug.slice(0, cut);
      if (!folders.includes(folder)) folders.push(folder);
      return [folders.indexOf(folder), page.slug.slice(cut + 1), page.title, langs.indexOf(page.lang), page.tags.map((t) => tagIndex.get(t)!), page.status === 'draft' ? 1 : 0];
    });
    files.set(metaFile(start / bucket), JSON.stringify({ folders, pages: rows } satisfies MetaFile));
  }
}

/**
 * The filter lists: one file per language; tags are many and most are small, so their lists go in
 * runs of tags, up to `perFile` pages a file. Returns the first tag of each tag file.
 */
export function filterFiles(pages: readonly ListedPage[], langs: string[], tags: string[], perFile: number, files: Map<string, string>): number[] {
  const listOf = (test: (page: ListedPage) => boolean): number[] => {
    const out: number[] = [];
    let previous = 0;
    pages.forEach((page, p) => {
      if (!test(page)) return;
      out.push(p - previous);
      previous = p;
    });
    return out;
  };
  langs.forEach((lang, i) => files.set(langFile(i), JSON.stringify({ pages: listOf((p) => p.lang === lang) } satisfies FilterFile)));
  const firsts: number[] = [];
  let bucket: number[][] = [];
  let listed = 0;
  const flush = () => {
    if (bucket.length) files.set(tagFile(firsts.length - 1), JSON.stringify({ tags: bucket } satisfies TagFilterFile));
  };
  tags.forEach((tag, i) => {
    const list = listOf((p) => p.tags.includes(tag));
    if (i === 0 || listed + list.length > perFile) {
      flush();
      firsts.push(i);
      bucket = [];
      listed = 0;
    }
    bucket.push(list);
    listed += list.length;
  });
  flush();
  return firsts;
}

/** `retired.json`, when there are pages out of force; returns how many. */
export function retiredFile(outOfForce: readonly (ListedPage & { supersededBy?: { slug: string; title: string } | { missing: string } })[], files: Map<string, string>): number {
  if (outOfForce.length === 0) return 0;
  const rows = outOfForce.map((p): RetiredFile['pages'][number] => {
    const next = p.supersededBy && 'slug' in p.supersededBy ? p.supersededBy : undefined;
    return [p.slug, p.title, p.status === 'superseded' ? 'superseded' : 'retired', next?.slug ?? '', next?.title ?? ''];
  });
  files.set('retired.json', JSON.stringify({ pages: rows } satisfies RetiredFile));
  return outOfForce.length;
}
