import { z } from 'zod';
import { languages } from './i18n/strings.ts';

/**
 * The site's configuration, validated in one place (like Starlight's user config). Values come
 * from `src/site.config.ts`; environment variables override them for builds and deployments.
 */
export const siteConfigSchema = z.strictObject({
  /** Shown in the header and the browser tab. */
  title: z.string().min(1).default('Pinkas'),
  description: z.string().default('Our procedures, policies and how-tos.'),
  /** Language of pages that do not set `lang`, and of the home page. */
  defaultLang: z.enum(languages).default('en'),
  /** The content folder, relative to the project root (`PINKAS_CONTENT_DIR` overrides it). */
  contentDir: z.string().min(1).default('content'),
  /** The public URL of the site, for absolute links in feeds and print-outs (`PINKAS_SITE`). */
  site: z.url().optional(),
  /** Where the site is served below the domain, e.g. `/handbook/` on GitHub Pages (`PINKAS_BASE`). */
  base: z.string().regex(/^\/(?:[^/]+\/)*$/, 'base must start and end with "/", e.g. "/handbook/"').default('/'),
  /**
   * The wiki's repository on GitHub (https://github.com/acme/handbook), for links to commits and
   * pull requests on history pages (`PINKAS_REPOSITORY`).
   */
  repository: z.url().optional(),
  /**
   * How contributions are checked (the editor, the proposal service, `npm run check:content`).
   * `externalImages`: images from other sites tell those sites who reads the page; contributed
   * pages may not use them unless this says `allow`. The build itself never fails on them.
   */
  policy: z.strictObject({ externalImages: z.enum(['refuse', 'allow']).default('refuse') }).prefault({}),
  /**
   * The static site is deployed without the Node server (GitHub Pages, a plain CDN;
   * `PINKAS_STATIC_ONLY=true`): pages then link what the server would serve (a page's own change
   * feed) to its static counterpart (the feed of the page's section).
   */
  staticOnly: z.boolean().default(false),
  /** How many pages the home page lists under "Recently updated". */
  recentCount: z.number().int().min(0).max(50).default(8),
});

export type SiteConfig = z.output<typeof siteConfigSchema>;
export type SiteConfigInput = z.input<typeof siteConfigSchema>;

export function resolveSiteConfig(input: SiteConfigInput, env: Record<string, string | undefined> = process.env): SiteConfig {
  const merged: SiteConfigInput = {
    ...input,
    ...(env.PINKAS_CONTENT_DIR ? { contentDir: env.PINKAS_CONTENT_DIR } : {}),
    ...(env.PINKAS_SITE ? { site: env.PINKAS_SITE } : {}),
    ...(env.PINKAS_BASE ? { base: env.PINKAS_BASE } : {}),
    ...(env.PINKAS_REPOSITORY ? { repository: env.PINKAS_REPOSITORY } : {}),
    ...(env.PINKAS_STATIC_ONLY ? { staticOnly: /^(1|true|yes)$/i.test(env.PINKAS_STATIC_ONLY) } : {}),
  };
  const result = siteConfigSchema.safeParse(merged);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new Error(`Invalid site configuration (src/site.config.ts or PINKAS_* environment variables):\n${lines.join('\n')}`);
  }
  return result.data;
}
