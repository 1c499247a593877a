/**
 * The repository and the proposal service the hostile-input table (tests/support/hostile-cases.ts)
 * is sent to, through the service's real HTTP handlers: a small wiki in a real git repository with
 * the local backend, in every sign-in mode, and a page checker with a short budget. `snapshot()`
 * is what "the repository is unchanged" means: its refs, its objects, its proposal records, its
 * working tree and index.
 */
import { execFileSync } from 'node:child_process';
import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CheckPool } from '../../src/lib/proposals/check-pool.ts';
import { handleProposals, handleSession, type HttpDeps } from '../../src/lib/proposals/http.ts';
import type { IdentityConfig } from '../../src/lib/proposals/identity.ts';
import { LocalBackend } from '../../src/lib/proposals/local-backend.ts';
import { login, logout, type OAuthConfig } from '../../src/lib/proposals/oauth.ts';
import { ProposalService } from '../../src/lib/proposals/service.ts';
import { seal } from '../../src/lib/proposals/session.ts';
import { wikiFiles } from './backend-fixtures.ts';
import { tempRepo } from './git-repo.ts';

export const SITE = 'https://wiki.galil.example';
export const SESSION_SECRET = 'a-session-secret-of-more-than-32-characters';
export const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
/** The budget of one page's check here: short, so that the table stays quick. */
export const BUDGET_MS = 3000;

/** A page with 2,000 blank lines (line diffs and merges grow with the lines two versions share). */
const blanks = (first: string) => `${first}\n${'\n'.repeat(2000)}end\n`;
/** A page of 3,000 lines, in paragraphs of ten. */
export const lines = (n: number, word: string) => Array.from({ length: n }, (_, i) => `${word} ${i}.${i % 10 === 9 ? '\n' : ''}`).join('\n');
const longPage = lines(3000, 'Line');

/** The wiki beyond the contract suite's: pages and folders for every collision the table tries. */
const extraFiles: Record<string, string | Buffer> = {
  'content/index.mdx': '---\ntitle: Home\n---\n\nWelcome.\n',
  'content/hr/café.md': '---\ntitle: Café\n---\n\nThe café opens at 8.\n',
  'content/hr/map.png': PNG,
  'content/archive.mdx/scan.png': PNG,
  'content/finance/my-expenses.md': '---\ntitle: My expenses\n---\n\nMine.\n',
  'content/hr/long.md': `---\ntitle: Long procedure\n---\n\n${longPage}\n`,
  'content/hr/blanks.md': blanks('x'),
};

/**
 * Sign-in modes: `site` is dev with the site's origin configured; `patient` is dev with the
 * production's budget for a page's check (10 s) instead of the table's short one.
 */
export type Mode = 'dev' | 'header' | 'github' | 'site' | 'patient';

export interface HostileWiki {
  dir: string;
  /** The commit the editor's pages are built from. */
  base: string;
  /** An older commit, at which content/hr/blanks.md was different. */
  older: string;
  git(...args: string[]): string;
  /** Sends a request to the route its URL names, with the sign-in mode's settings. */
  send(request: Request, mode: Mode): Promise<Response>;
  /** A valid sealed session cookie for the github sign-in mode. */
  session(): string;
  snapshot(): Promise<RepositorySnapshot>;
  close(): Promise<void>;
}

export interface RepositorySnapshot {
  refs: string[];
  objects: string[];
  records: number;
  status: string;
  index: string;
}

const dev: IdentityConfig = { mode: 'dev', devUser: { name: 'Dev User', email: 'dev@galil.example' } };
const oauth: OAuthConfig = { clientId: 'Iv1.x', clientSecret: 'x', oauthUrl: 'https://github.example', apiUrl: 'https://api.github.example', sessionSecret: SESSION_SECRET, basePath: '/' };

/** The object database's files: loose objects and packs, by name. */
async function objectFiles(objects: string): Promise<string[]> {
  const entries = await readdir(objects, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.relative(objects, path.join(e.parentPath, e.name))).sort();
}

export async function startHostileWiki(): Promise<HostileWiki> {
  const repo = await tempRepo();
  for (const [file, text] of Object.entries({ ...wikiFiles, ...extraFiles })) {
    await repo.write(file, '');
    await writeFile(path.join(repo.dir, file), text);
  }
  const older = repo.commit('The wiki', 'Wiki Admin <admin@example.com>', '2026-01-01T09:00:00Z');
  await writeFile(path.join(repo.dir, 'content/hr/blanks.md'), blanks('y'));
  const base = repo.commit('Blanks changed', 'Wiki Admin <admin@example.com>', '2026-01-02T09:00:00Z');
  const checker = new CheckPool({ workerUrl: new URL('../../src/lib/proposals/check-worker.ts', import.meta.url), size: 2, budgetMs: BUDGET_MS }).warm();
  await checker.ready();
  const patientChecker = new CheckPool({ workerUrl: checker.workerUrl, size: 1 });
  const backend = new LocalBackend({ dir: repo.dir });
  const serviceWith = (pool: CheckPool) => new ProposalService({ backend, contentPrefix: 'content', siteUrl: SITE, rateLimits: { perMinute: 10_000, perDay: 10_000 }, checker: pool });
  const service = serviceWith(checker);
  const deps: Record<Mode, HttpDeps> = {
    dev: { service, identity: dev },
    header: { service, identity: { ...dev, mode: 'header' } },
    github: { service, identity: { ...dev, mode: 'github', sessionSecret: SESSION_SECRET } },
    site: { service, identity: dev, siteOrigin: SITE },
    patient: { service: serviceWith(patientChecker), identity: dev },
  };
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo.dir, encoding: 'utf8', maxBuffer: 1 << 26 }).trim();
  return {
    dir: repo.dir,
    base,
    older,
    git,
    async send(request, mode) {
      const route = new URL(request.url).pathname;
      if (route === '/api/session') return handleSession(request, deps[mode]);
      if (route === '/api/auth/logout') return logout(request, { basePath: '/', ...(mode === 'site' ? { siteOrigin: SITE } : {}) });
      if (route === '/api/auth/login') return login(request, oauth);
      return handleProposals(request, deps[mode]);
    },
    session: () => seal({ login: 'dana-levi', name: 'Dana Levi', email: 'dana@galil.example', token: 'ghu_dana' }, SESSION_SECRET, 3600),
    async snapshot() {
      const records = await readdir(path.join(repo.dir, '.git/pinkas/proposals')).catch(() => []);
      return {
        refs: git('for-each-ref', '--format=%(refname) %(objectname)').split('\n').filter(Boolean),
        objects: await objectFiles(path.join(repo.dir, '.git/objects')),
        records: records.length,
        status: git('status', '--porcelain', '--untracked-files=all'),
        index: git('ls-files', '--stage'),
      };
    },
    async close() {
      await Promise.all([checker.close(), patientChecker.close()]);
      await repo.remove();
    },
  };
}
