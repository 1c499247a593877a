import { resolveSiteConfig } from './lib/config.ts';

/**
 * Your wiki's settings. Every key is optional; see `src/lib/config.ts` for what each one does.
 * Environment variables override some of them for builds and deployments: PINKAS_CONTENT_DIR,
 * PINKAS_SITE, PINKAS_BASE, PINKAS_REPOSITORY, PINKAS_STATIC_ONLY (see docs/configuration.md).
 */
export const siteConfig = resolveSiteConfig({
  title: 'Pinkas',
  description: 'How we work at Galil Instruments: procedures, policies and how-tos, kept up to date by everyone.',
  defaultLang: 'en',
  contentDir: 'content',
});
