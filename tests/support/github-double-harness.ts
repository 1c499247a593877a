/**
 * The GitHub double's own tests (tests/unit/github-double-*.test.ts) share this: a seeded repository,
 * a user, a GitHub App with an installation, Octokits for each, and temporary git repositories to
 * check the double's objects with git itself. `useGitHubDouble()` registers the hooks: every test
 * ends with GitHub's contract intact (no request or response the OpenAPI description refuses).
 */
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App, Octokit, RequestError } from 'octokit';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { startGitHubDouble, type GitHubDouble, type GitHubDoubleOptions } from '../../scripts/lib/github-double/index.ts';

export const OWNER = 'galil';
export const REPO = 'wiki';
export const APP_ID = 424242;
export const INSTALLATION = 77;
export const DANA = { token: 'ghp_dana0000000000000000000000000000000', login: 'dana', name: 'Dana Levi', email: 'dana@galil.example' };
export const SEED_FILES = {
  'content/hr/leave.mdx': '---\ntitle: Annual leave\n---\n\nYou have 20 days.\n',
  'content/hr/index.mdx': '---\ntitle: HR\n---\n',
  'content/old.md': '# Old\n',
  'README.md': '# Galil wiki\n',
};
export const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
export const silent = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

export interface TempGit {
  dir: string;
  git: (args: string[], options?: { input?: string | Buffer; env?: Record<string, string> }) => string;
  write: (files: Record<string, string | Uint8Array>) => Promise<void>;
}

export function useGitHubDouble() {
  let keys: { privateKey: string; publicKey: string; otherPrivateKey: string };
  let double: GitHubDouble | undefined;
  const tmpDirs: string[] = [];

  beforeAll(() => {
    const pair = () => generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
    const a = pair();
    const b = pair();
    keys = { privateKey: a.privateKey, publicKey: a.publicKey, otherPrivateKey: b.privateKey };
  });

  afterEach(async () => {
    // Every test ends with GitHub's contract intact.
    const seen = double?.violations ?? [];
    await double?.close();
    double = undefined;
    expect(seen).toEqual([]);
  });

  afterAll(async () => {
    for (const dir of tmpDirs) await rm(dir, { recursive: true, force: true });
  });

  async function start(extra: Partial<GitHubDoubleOptions> = {}): Promise<GitHubDouble> {
    double = await startGitHubDouble({
      owner: OWNER,
      repo: REPO,
      files: SEED_FILES,
      users: { [DANA.token]: { login: DANA.login, name: DANA.name, email: DANA.email } },
      collaborators: ['dana', 'yossi'],
      teams: ['hr-team'],
      app: { id: APP_ID, slug: 'pinkas-wiki', publicKey: keys.publicKey, installations: [INSTALLATION] },
      oauth: { clientId: 'Iv1.pinkas', clientSecret: 'pinkas-secret' },
      ...extra,
    });
    return double;
  }

  /** The installation's Octokit, authenticated as the App (or as an impostor with another key). */
  async function installationOctokit(gh: GitHubDouble, privateKey = keys.privateKey) {
    const app = new App({
      appId: APP_ID,
      privateKey,
      Octokit: Octokit.defaults({ baseUrl: gh.url, log: silent, throttle: { enabled: false }, retry: { enabled: false } }),
    });
    return app.getInstallationOctokit(INSTALLATION);
  }

  async function tempGit(): Promise<TempGit> {
    const dir = await mkdtemp(path.join(tmpdir(), 'pinkas-gh-double-'));
    tmpDirs.push(dir);
    const git: TempGit['git'] = (args, options = {}) =>
      execFileSync('git', args, { cwd: dir, input: options.input, env: { ...process.env, ...options.env }, encoding: 'utf8' }).trim();
    git(['init', '-q', '-b', 'main']);
    const write = async (files: Record<string, string | Uint8Array>) => {
      for (const [file, content] of Object.entries(files)) {
        await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
        await writeFile(path.join(dir, file), content);
      }
    };
    return { dir, git, write };
  }

  return { start, installationOctokit, tempGit, otherPrivateKey: () => keys.otherPrivateKey };
}

/** An Octokit for the double: no throttling or retries unless a test asks for them. */
export function octokitFor(gh: GitHubDouble, options: ConstructorParameters<typeof Octokit>[0] = {}) {
  return new Octokit({ baseUrl: gh.url, log: silent, throttle: { enabled: false }, retry: { enabled: false }, ...options });
}

export async function expectRequestError(promise: Promise<unknown>): Promise<RequestError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RequestError);
  return error as RequestError;
}
