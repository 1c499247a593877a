/**
 * The build side of the security headers:
 * - makes src/server/entry.ts the server entry (the adapter's server, with the headers added to
 *   every response and the dev identity kept on 127.0.0.1);
 * - after the build, reads the built pages and the site's `.astro` files, and writes the policy's
 *   inputs for that server and the same headers for static hosts (`_headers`, an nginx snippet).
 * Inline scripts of built pages that are not the site's own are reported: the policy blocks them.
 */
import { existsSync } from 'node:fs';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroConfig, AstroIntegration, AstroIntegrationLogger, ViteUserConfig } from 'astro';
import { readTextFiles } from '../lib/content/read-content.ts';
import { headersFile, nginxHeaders, securityHeaders } from '../lib/security/headers.ts';
import { PolicyCollector, type PagePolicyFacts } from '../lib/security/inline-scripts.ts';
import { nginxFile, policyFactsFile, policyFile, staticHostFile } from './security-files.ts';

type VitePlugin = NonNullable<ViteUserConfig['plugins']>[number];

const serverEntry = fileURLToPath(new URL('../server/entry.ts', import.meta.url));

/**
 * @astrojs/node declares its server module as the `index` input of the `ssr` environment; this
 * plugin, configured after it, names Pinkas' entry instead (which wraps the adapter's).
 */
function serverEntryPlugin(): VitePlugin {
  return {
    name: 'pinkas:server-entry',
    enforce: 'post',
    configEnvironment(name) {
      if (name === 'ssr') return { build: { rolldownOptions: { input: { index: serverEntry } } } };
    },
  };
}

async function filesEndingWith(dir: string, extension: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith(extension)).map((e) => path.join(e.parentPath, e.name));
}

/** Each built page's part of the policy, by its file under the client folder (kept for the content rebuild). */
export type PolicyFacts = Record<string, PagePolicyFacts>;

export interface SecurityFolders {
  srcDir: string;
  publicDir: string;
  outDir: string;
  clientDir: string;
  serverDir: string;
  base: string;
}

export function securityFolders(config: Pick<AstroConfig, 'srcDir' | 'publicDir' | 'outDir' | 'build' | 'base'>): SecurityFolders {
  return {
    srcDir: fileURLToPath(config.srcDir),
    publicDir: fileURLToPath(config.publicDir),
    outDir: fileURLToPath(config.outDir),
    clientDir: fileURLToPath(config.build.client),
    serverDir: fileURLToPath(config.build.server),
    base: config.base,
  };
}

/** A collector that knows the site's own inline scripts (those of its `.astro` files). */
export async function policyCollector(srcDir: string): Promise<PolicyCollector> {
  return new PolicyCollector(await Promise.all((await filesEndingWith(srcDir, '.astro')).map((file) => readFile(file, 'utf8'))));
}

/** The policy of the pages' facts, written for the server and for static hosts; the facts kept beside it. */
export async function writeSecurityFiles(folders: SecurityFolders, collector: PolicyCollector, facts: PolicyFacts, logger: Pick<AstroIntegrationLogger, 'info' | 'warn'>): Promise<void> {
  for (const page of Object.keys(facts).sort()) collector.add(page, facts[page]!);
  for (const { page, text } of collector.foreign.slice(0, 20)) {
    logger.warn(`${page}: an inline script that is not in the site's .astro files; the Content-Security-Policy blocks it: ${JSON.stringify(text.trim().slice(0, 80))}`);
  }
  const policy = collector.policy();
  const headers = securityHeaders(policy);
  await writeFile(path.join(folders.serverDir, policyFile), `${JSON.stringify(policy, null, 2)}\n`);
  await writeFile(path.join(folders.serverDir, policyFactsFile), JSON.stringify(Object.fromEntries(Object.entries(facts).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))));
  await writeFile(path.join(folders.outDir, nginxFile), nginxHeaders(headers));
  // A _headers file of the site's own (from public/) keeps its rules, after the wiki's.
  const ownFile = path.join(folders.publicDir, staticHostFile);
  const own = existsSync(ownFile) ? `\n${await readFile(ownFile, 'utf8')}` : '';
  await writeFile(path.join(folders.clientDir, staticHostFile), headersFile(headers, folders.base) + own);
  logger.info(`security headers: ${policy.scriptHashes.length} inline script hashes, ${policy.imageOrigins.length} image origins`);
}

export default function security(): AstroIntegration {
  let config: AstroConfig;
  return {
    name: 'pinkas:security',
    hooks: {
      'astro:config:setup': ({ updateConfig }) => {
        updateConfig({ vite: { plugins: [serverEntryPlugin()] } });
      },
      'astro:config:done': ({ config: done }) => {
        config = done;
      },
      'astro:build:done': async ({ logger }) => {
        const folders = securityFolders(config);
        const pages = await filesEndingWith(folders.clientDir, '.html');
        const collector = await policyCollector(folders.srcDir);
        const facts: PolicyFacts = {};
        const texts = await readTextFiles(pages);
        pages.forEach((file, k) => (facts[path.relative(folders.clientDir, file).split(path.sep).join('/')] = collector.factsOf(texts[k]!)));
        await writeSecurityFiles(folders, collector, facts, logger);
      },
    },
  };
}
