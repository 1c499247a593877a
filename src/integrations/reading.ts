/**
 * The build side of the readers' signals service: after the build, the pages' facts
 * (`/reading/pages.json`, src/pages/reading/pages.json.ts) move from the static site to beside the
 * server entry, where the service reads them; a static host never serves them.
 */
import { mkdir, rename } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroConfig, AstroIntegration } from 'astro';
import { builtManifest, serverManifest } from './reading-files.ts';

export default function reading(): AstroIntegration {
  let config: AstroConfig;
  return {
    name: 'pinkas:reading',
    hooks: {
      'astro:config:done': ({ config: done }) => {
        config = done;
      },
      'astro:build:done': async ({ logger }) => {
        const from = path.join(fileURLToPath(config.build.client), builtManifest);
        const to = path.join(fileURLToPath(config.build.server), serverManifest);
        await mkdir(path.dirname(to), { recursive: true });
        await rename(from, to);
        logger.info(`readers' signals: page facts written to ${path.relative(fileURLToPath(config.root), to)}`);
      },
    },
  };
}
