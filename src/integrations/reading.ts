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

/** Moves the page facts the build wrote under the client folder to beside the server entry; returns where. */
export async function moveReadingFacts(clientDir: string, serverDir: string): Promise<string> {
  const to = path.join(serverDir, serverManifest);
  await mkdir(path.dirname(to), { recursive: true });
  await rename(path.join(clientDir, builtManifest), to);
  return to;
}

export default function reading(): AstroIntegration {
  let config: AstroConfig;
  return {
    name: 'pinkas:reading',
    hooks: {
      'astro:config:done': ({ config: done }) => {
        config = done;
      },
      'astro:build:done': async ({ logger }) => {
        const to = await moveReadingFacts(fileURLToPath(config.build.client), fileURLToPath(config.build.server));
        logger.info(`readers' signals: page facts written to ${path.relative(fileURLToPath(config.root), to)}`);
      },
    },
  };
}
