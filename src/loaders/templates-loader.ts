/** The `templates` collection: new-page templates from `<content>/_templates/`. */
import type { Loader } from 'astro/loaders';
import { parseFrontmatter } from '../lib/content/frontmatter.ts';
import { listContentFolder, readSourceFiles } from '../lib/content/read-content.ts';
import { humanize } from '../lib/paths.ts';
import { wikiLocations } from '../lib/wiki/locations.ts';
import { siteConfig } from '../site.config.ts';
import { handOverTemplates, type TemplateEntry } from './hand-over.ts';
import { templateDataSchema, type TemplateData } from './schemas.ts';

/** The templates of the content folder, as the collection holds them. */
export async function readTemplates(root: string): Promise<TemplateEntry[]> {
  const { contentDir } = wikiLocations(siteConfig.contentDir, root);
  const templates = await readSourceFiles(contentDir, (await listContentFolder(contentDir)).templates);
  return templates.map((file) => {
    const name = file.path.replace(/^_templates\//, '').replace(/\.mdx?$/i, '');
    const fm = parseFrontmatter(file.text, file.path);
    const meta = (fm.data.template ?? {}) as { title?: unknown; description?: unknown };
    const data: TemplateData = {
      name,
      title: typeof meta.title === 'string' ? meta.title : humanize(name),
      description: typeof meta.description === 'string' ? meta.description : undefined,
      path: file.path,
    };
    return { data, body: file.text };
  });
}

export function templatesLoader() {
  return {
    name: 'pinkas-templates',
    schema: templateDataSchema,
    load: async ({ store, config, watcher }) => {
      const templates = await readTemplates(config.root.pathname);
      store.clear();
      for (const { data, body } of templates) store.set({ id: data.name, data, body });
      // A build's routes read them from the hand-over (hand-over.ts).
      if (!watcher) handOverTemplates(templates);
    },
  } satisfies Loader;
}
