/**
 * The running proposal service: backend, identity and limits from the environment (see
 * src/lib/proposals/config.ts), created once per server process. Its rate limits and in-flight
 * submits live in the store, so that several processes on one PostgreSQL behave as one.
 */
import * as fs from 'node:fs';
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import git from 'isomorphic-git';
import { CheckPool } from '../lib/proposals/check-pool.ts';
import { parseServiceEnv, parseUser, type ServiceEnv } from '../lib/proposals/config.ts';
import type { HttpDeps } from '../lib/proposals/http.ts';
import type { LogoutOptions, OAuthConfig } from '../lib/proposals/oauth.ts';
import { LocalBackend } from '../lib/proposals/local-backend.ts';
import { ProposalService } from '../lib/proposals/service.ts';
import type { ProposalBackend } from '../lib/proposals/types.ts';
import { joinUrl } from '../lib/paths.ts';
import { wikiLocations } from '../lib/wiki/locations.ts';
import { siteConfig } from '../site.config.ts';
import { checkWorkerUrl } from './check-worker.ts';
import { serverStore } from './store.ts';

let deps: Promise<HttpDeps> | undefined;

/** The GitHub sign-in settings, when PINKAS_IDENTITY=github. */
export function oauthConfig(): OAuthConfig | undefined {
  const env = parseServiceEnv(process.env);
  if (env.PINKAS_IDENTITY !== 'github') return undefined;
  return {
    clientId: env.PINKAS_GITHUB_CLIENT_ID,
    clientSecret: env.PINKAS_GITHUB_CLIENT_SECRET,
    oauthUrl: env.PINKAS_GITHUB_OAUTH_URL,
    apiUrl: env.PINKAS_GITHUB_API_URL,
    sessionSecret: env.PINKAS_SESSION_SECRET,
    basePath: siteConfig.base,
  };
}

/** Signing out: where to go back to, and the site's origin for the same-origin check. */
export function logoutOptions(): LogoutOptions {
  const site = parseServiceEnv(process.env).PINKAS_SITE ?? siteConfig.site;
  return { basePath: siteConfig.base, ...(site ? { siteOrigin: new URL(site).origin } : {}) };
}

export function proposalDeps(): Promise<HttpDeps> {
  deps ??= create(parseServiceEnv(process.env));
  deps.catch(() => (deps = undefined));
  return deps;
}

async function create(env: ServiceEnv): Promise<HttpDeps> {
  const contentDir = await realpath(wikiLocations(siteConfig.contentDir).contentDir);
  let backend: ProposalBackend;
  let contentPrefix: string;
  let devUser = env.PINKAS_DEV_USER ? parseUser(env.PINKAS_DEV_USER) : undefined;
  if (env.PINKAS_BACKEND === 'github') {
    const { GitHubBackend } = await import('../lib/proposals/github-backend.ts');
    backend = GitHubBackend.fromEnv(env);
    contentPrefix = env.PINKAS_CONTENT_PATH;
  } else {
    const local = await LocalBackend.forFolder(env.PINKAS_REPO_DIR ?? contentDir, {
      baseBranch: env.PINKAS_BASE_BRANCH,
      proposalUrl: (id) => joinUrl(siteConfig.base, `proposals/#${id}`),
    });
    backend = local;
    contentPrefix = path.relative(await realpath(local.dir), contentDir).split(path.sep).join('/');
    if (!devUser) {
      const name = await git.getConfig({ fs, dir: local.dir, path: 'user.name' }).catch(() => undefined);
      const email = await git.getConfig({ fs, dir: local.dir, path: 'user.email' }).catch(() => undefined);
      if (typeof name === 'string' && typeof email === 'string') devUser = { name, email };
    }
  }
  const site = env.PINKAS_SITE ?? siteConfig.site;
  // Pages are checked in worker threads, started now so that the first contributor does not wait.
  const checker = new CheckPool({ workerUrl: checkWorkerUrl(), budgetMs: env.PINKAS_CHECK_BUDGET_MS, ...(env.PINKAS_CHECK_WORKERS ? { size: env.PINKAS_CHECK_WORKERS } : {}) }).warm();
  const service = new ProposalService({
    backend,
    contentPrefix,
    siteUrl: site,
    basePath: siteConfig.base,
    rateLimits: { perMinute: env.PINKAS_RATE_LIMIT_PER_MINUTE, perDay: env.PINKAS_RATE_LIMIT_PER_DAY },
    coordination: await serverStore(),
    checker,
    check: { defaultLang: siteConfig.defaultLang, externalImages: siteConfig.policy.externalImages },
  });
  return {
    service,
    identity: {
      mode: env.PINKAS_IDENTITY,
      devUser: devUser ?? { name: 'Pinkas Developer', email: 'developer@localhost' },
      ...(env.PINKAS_IDENTITY === 'github' ? { sessionSecret: env.PINKAS_SESSION_SECRET } : {}),
    },
    // With the site's address configured, requests must come from it, whatever their Host says.
    ...(site ? { siteOrigin: new URL(site).origin } : {}),
    basePath: siteConfig.base,
  };
}
