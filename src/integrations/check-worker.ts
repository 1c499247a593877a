/**
 * The build of the proposal service's page-check worker: src/lib/proposals/check-worker.ts (and
 * what it imports) becomes dist/server/check-worker.mjs beside the server entry, which tells the
 * service where it is (src/server/entry.ts). `astro dev` runs the source file itself.
 */
import { fileURLToPath } from 'node:url';
import type { AstroIntegration, ViteUserConfig } from 'astro';
import { checkWorkerFile } from './check-worker-file.ts';

type VitePlugin = NonNullable<ViteUserConfig['plugins']>[number];

const workerSource = fileURLToPath(new URL('../lib/proposals/check-worker.ts', import.meta.url));

function checkWorkerPlugin(): VitePlugin {
  return {
    name: 'pinkas:check-worker',
    apply: 'build',
    applyToEnvironment: (environment) => environment.name === 'ssr',
    buildStart() {
      this.emitFile({ type: 'chunk', id: workerSource, fileName: checkWorkerFile });
    },
  };
}

export default function checkWorker(): AstroIntegration {
  return {
    name: 'pinkas:check-worker',
    hooks: {
      'astro:config:setup': ({ updateConfig }) => {
        updateConfig({ vite: { plugins: [checkWorkerPlugin()] } });
      },
    },
  };
}
