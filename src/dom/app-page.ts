/**
 * Opening one of the site's app pages (the editor, the history) for the wiki page its address
 * names (src/lib/app-pages.ts): the page's entry is read from its chunk file; a page written in
 * another UI language opens that language's app page instead; the address bar then shows the
 * page's own address (`/edit/<slug>/`), whichever way the request reached this page.
 */
import { chunkOf, deepLinkPath, deepLinkSlug, type AppPageData } from '../lib/app-pages.ts';

/**
 * A chunk: gzipped JSON, unpacked here. A host that sends it with `Content-Encoding: gzip` has the
 * browser unpack it already, which the first two bytes tell.
 */
export async function fetchChunk<T>(url: string): Promise<T | undefined> {
  const response = await fetch(url);
  if (!response.ok) return undefined;
  const bytes = new Uint8Array(await response.arrayBuffer());
  const packed = bytes[0] === 0x1f && bytes[1] === 0x8b;
  const text = packed ? await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))).text() : new TextDecoder().decode(bytes);
  return JSON.parse(text) as T;
}

export interface Opened<T> {
  slug: string;
  /** Undefined when no page of that address has an entry (not a page, or not one that can be edited). */
  entry: T | undefined;
}

/** The wiki page this app page is about, or undefined when another app page takes over. */
export async function openAppPage<T extends { lang: string }>(o: AppPageData): Promise<Opened<T> | undefined> {
  const slug = deepLinkSlug(o.prefix, location.pathname, location.search);
  const chunk = (await fetchChunk<{ pages: Record<string, T> }>(`${o.chunkPath}${chunkOf(slug, o.chunks)}.json.gz`)) ?? { pages: {} };
  const entry = Object.hasOwn(chunk.pages, slug) ? chunk.pages[slug] : undefined;
  const here = o.variants[o.lang] ?? location.pathname;
  const wanted = entry ? (o.variants[entry.lang] ?? o.variants[o.defaultLang] ?? here) : here;
  if (wanted !== here) {
    location.replace(`${wanted}?page=${encodeURIComponent(slug)}${location.hash}`);
    return undefined;
  }
  history.replaceState(history.state, '', `${deepLinkPath(o.prefix, slug)}${location.hash}`);
  return { slug, entry };
}
