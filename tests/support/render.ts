import { LinkIndex, type LinkTarget } from '../../src/lib/links/link-index.ts';
import { createRenderer, type RenderInput } from '../../src/lib/markdown/render.ts';
import { urlScheme } from '../../src/lib/urls.ts';

/** A small wiki to resolve links against, as the build would see it. */
export const fixturePages: LinkTarget[] = [
  { slug: 'hr', title: 'Human resources' },
  { slug: 'hr/annual-leave', title: 'Annual leave' },
  { slug: 'hr/sick-leave', title: 'Sick leave' },
  { slug: 'finance/travel-expenses', title: 'Travel expenses', aliases: ['/travel/'] },
  { slug: 'safety/fire', title: 'נוהל פינוי בשריפה' },
  { slug: 'support/annual-leave', title: 'Annual leave' },
];

/** Renders one page of the fixture wiki with the real pipeline. */
export function render(source: string, options: Partial<RenderInput> = {}) {
  const renderPage = createRenderer({
    index: new LinkIndex([...fixturePages, { slug: '', title: 'Home' }]),
    urls: urlScheme('/'),
    assetExists: (path) => path === 'hr/images/form.png',
  });
  return renderPage({
    source,
    file: `content/${options.contentPath ?? 'hr/annual-leave.mdx'}`,
    contentPath: 'hr/annual-leave.mdx',
    slug: 'hr/annual-leave',
    format: 'mdx',
    lang: 'en',
    ...options,
  });
}
