/** The `templates` collection: new-page templates from `<content>/_templates/`. */
import type { Loader } from 'astro/loaders';
import { parseFrontmatter } from '../lib/content/frontmatter.ts';
import { listContentFolder, readSourceFiles } from '../lib/content/read-content.ts';
import { humanize } from '../lib/paths.ts';
import { wikiLocations } from '../lib/wiki/locations.ts';
import { siteConfig } from '../site.config.ts';
import { templateDataSchema, type TemplateData } from './schemas.ts';

export function templatesLoader() {
  return {
    name: 'pinkas-templates',
    schema: templateDataSchema,
    load: async ({ store, config }) => {
      const { contentDir } = wikiLocations(siteConfig.contentDir, config.root.pathname);
      const templates = await readSourceFiles(contentDir, (await listContentFolder(contentDir)).templates);
      store.clear();
      for (const file of templates) {
        const name = file.path.replace(/^_templates\//, '').replace(/\.mdx?$/i, '');
        const fm = parseFrontmatter(file.text, file.path);
        const meta = (fm.data.template ?? {}) as { title?: unknown; description?: unknown };
        const data: TemplateData = {
          name,
          title: typeof meta.title === 'string' ? meta.title : humanize(name),
          description: typeof meta.description === 'string' ? meta.description : undefined,
          path: file.path,
        };
        store.set({ id: name, data, body: file.text });
      }
    },
  } satisfies Loader;
}
