/**
 * Backends under test, each over a fresh repository holding a small wiki, with helpers to look at
 * the repository the way a reviewer would. The contract suite (tests/unit/proposal-backends.test.ts)
 * runs against every entry of `backendFixtures`.
 */
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { GitHubBackend, resilientOctokit } from '../../src/lib/proposals/github-backend.ts';
import { LocalBackend } from '../../src/lib/proposals/local-backend.ts';
import { startGitHubDouble, type GitHubDouble } from '../../scripts/lib/github-double/index.ts';
import type { ProposalBackend } from '../../src/lib/proposals/types.ts';
import { tempRepo } from './git-repo.ts';

export const wikiFiles: Record<string, string> = {
  'content/hr/index.mdx': '---\ntitle: Human resources\n---\n\nHR pages.\n',
  'content/hr/leave.mdx': [
    '---',
    'title: Annual leave',
    'owner: "@dana-levi"',
    'review_by: 2027-01-01',
    '---',
    '',
    'Intro line.',
    '',
    '## How much leave you get',
    '',
    'Full-time staff get 20 days a year.',
    '',
    '## Requesting leave',
    '',
    'Ask your manager two weeks ahead.',
    '',
    '## Carrying over',
    '',
    'Up to 5 days carry over.',
    '',
  ].join('\n'),
  'content/finance/expenses.md': '---\ntitle: Expenses\n---\n\nKeep receipts.\n',
  'README.md': '# The wiki repository\n',
  '.github/CODEOWNERS': '/content/finance/ @galil/finance-team\n',
};

export interface BackendFixture {
  backend: ProposalBackend;
  /** Another backend over the same repository, basing proposals on `baseBranch`. */
  backendOn(baseBranch: string): ProposalBackend;
  /** Someone else changes the base branch (as a merged pull request would). */
  commitOnBase(files: Record<string, string>, message: string): Promise<string>;
  /** Someone else pushes a branch: one commit on the base branch. */
  commitOnBranch(branch: string, files: Record<string, string>, message: string): Promise<string>;
  /** Commits on `branch` that are not on the base branch, oldest first. */
  branchCommits(branch: string): Promise<{ sha: string; author: { name: string; email: string }; committer: { name: string }; message: string; files: string[] }[]>;
  fileOn(ref: string, file: string): Promise<string | undefined>;
  branches(): Promise<string[]>;
  baseHead(): Promise<string>;
  /** Merge a proposal's branch into the base branch; close (delete) it. */
  merge(branch: string): Promise<void>;
  close(branch: string): Promise<void>;
  /** Checks the repository is sound and the working copy untouched (local only). */
  verify(): Promise<void>;
  cleanup(): Promise<void>;
}

export async function localFixture(): Promise<BackendFixture> {
  const repo = await tempRepo();
  for (const [file, text] of Object.entries(wikiFiles)) await repo.write(file, text);
  repo.commit('Initial wiki', 'Wiki Admin <admin@example.com>', '2026-01-01T09:00:00Z');
  const backend = new LocalBackend({ dir: repo.dir, proposalUrl: (id) => `http://wiki.test/proposals/#${id}` });
  const snapshot = async () => ({
    ...Object.fromEntries(await Promise.all(Object.keys(wikiFiles).map(async (f) => [f, await readFile(path.join(repo.dir, f), 'utf8')]))),
    '.git/index': (await readFile(path.join(repo.dir, '.git/index'))).toString('base64'),
    '.git/HEAD': await readFile(path.join(repo.dir, '.git/HEAD'), 'utf8'),
  });
  const before = await snapshot();
  // Through a separate clone, as a push or a merge on the server would, leaving this working copy alone.
  const commitOn = async (branch: string, files: Record<string, string>, message: string) => {
    const other = await tempRepo();
    execFileSync('git', ['fetch', '-q', repo.dir, 'main:main', '--update-head-ok'], { cwd: other.dir });
    execFileSync('git', ['checkout', '-q', '-f', 'main'], { cwd: other.dir });
    for (const [file, text] of Object.entries(files)) await other.write(file, text);
    const sha = other.commit(message, 'Someone Else <else@example.com>', '2026-02-01T09:00:00Z');
    execFileSync('git', ['fetch', '-q', '--update-head-ok', other.dir, `main:refs/heads/${branch}`], { cwd: repo.dir, stdio: 'pipe' });
    await other.remove();
    return sha;
  };
  return {
    backend,
    backendOn: (baseBranch) => new LocalBackend({ dir: repo.dir, baseBranch, proposalUrl: (id) => `http://wiki.test/proposals/#${id}` }),
    commitOnBase: (files, message) => commitOn('main', files, message),
    commitOnBranch: commitOn,
    async branchCommits(branch) {
      const shas = repo.git('rev-list', '--reverse', `main..${branch}`).split('\n').filter(Boolean);
      return shas.map((sha) => {
        const [an, ae, cn, ...message] = repo.git('show', '-s', '--format=%an%n%ae%n%cn%n%B', sha).split('\n');
        const files = repo.git('diff-tree', '--no-commit-id', '--name-only', '-r', sha).split('\n').filter(Boolean);
        return { sha, author: { name: an!, email: ae! }, committer: { name: cn! }, message: message.join('\n').trim(), files };
      });
    },
    async fileOn(ref, file) {
      try {
        return execFileSync('git', ['show', `${ref}:${file}`], { cwd: repo.dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
      } catch {
        return undefined;
      }
    },
    async branches() {
      return repo.git('for-each-ref', '--format=%(refname:short)', 'refs/heads/').split('\n').filter(Boolean).sort();
    },
    async baseHead() {
      return repo.git('rev-parse', 'main');
    },
    async merge(branch) {
      repo.git('update-ref', 'refs/heads/main', repo.git('rev-parse', branch));
    },
    async close(branch) {
      repo.git('branch', '-D', branch);
    },
    async verify() {
      repo.git('fsck', '--strict', '--no-dangling');
      // The working copy, the index and HEAD are exactly as they were, and nothing new appeared.
      const now = await snapshot();
      for (const [file, text] of Object.entries(before)) if (now[file as keyof typeof now] !== text) throw new Error(`${file} changed`);
      const untracked = repo.git('ls-files', '--others', '--exclude-standard');
      if (untracked !== '') throw new Error(`new files in the working tree:\n${untracked}`);
    },
    cleanup: () => repo.remove(),
  };
}

/** Octokit's log, silenced: the tests say what matters. */
export const quiet = { debug() {}, info() {}, warn() {}, error() {} };

/** The service's GitHub token in the double, and the people the double knows. */
export const SERVICE_TOKEN = 'ghp_pinkas_service';

export async function startWikiDouble(): Promise<GitHubDouble> {
  return startGitHubDouble({
    owner: 'galil',
    repo: 'wiki',
    files: wikiFiles,
    initialCommit: { message: 'Initial wiki', author: { name: 'Wiki Admin', email: 'admin@example.com', date: '2026-01-01T09:00:00Z' } },
    users: {
      [SERVICE_TOKEN]: { login: 'pinkas-service', name: 'Pinkas', email: 'pinkas@galil.example' },
      ghu_dana: { login: 'dana-levi', name: 'Dana Levi', email: 'dana@galil.example' },
    },
    collaborators: ['dana-levi', 'pinkas-service'],
    teams: ['finance-team', 'hr-team'],
  });
}

/** The GitHub backend against the test double of GitHub's REST API (validated against its OpenAPI description). */
export async function githubFixture(): Promise<BackendFixture> {
  const gh = await startWikiDouble();
  const backendOn = (baseBranch?: string) =>
    new GitHubBackend({
      owner: 'galil',
      repo: 'wiki',
      baseBranch,
      octokit: resilientOctokit({ baseUrl: gh.url, auth: SERVICE_TOKEN, log: quiet }, { writeIntervalMs: 0, notificationIntervalMs: 0, retryBaseMs: 5 }),
    });
  const backend = backendOn();
  const mainSha = () => gh.refs()['refs/heads/main']!;
  const ancestors = (sha: string) => {
    const seen = new Set<string>();
    const stack = [sha];
    while (stack.length) {
      const s = stack.pop()!;
      if (seen.has(s)) continue;
      seen.add(s);
      stack.push(...gh.commit(s).parents);
    }
    return seen;
  };
  const pullFor = (branch: string) => gh.pulls().find((p) => p.head === branch)!;
  return {
    backend,
    backendOn,
    async commitOnBase(files, message) {
      return gh.commitFiles(files, message, { name: 'Someone Else', email: 'else@example.com' });
    },
    async commitOnBranch(branch, files, message) {
      return gh.commitFiles(files, message, { name: 'Someone Else', email: 'else@example.com' }, { branch });
    },
    async branchCommits(branch) {
      const onMain = ancestors(mainSha());
      const out = [];
      for (let sha = gh.refs()[`refs/heads/${branch}`]; sha && !onMain.has(sha); sha = gh.commit(sha).parents[0]) {
        const c = gh.commit(sha);
        out.unshift({
          sha,
          author: { name: c.author.name, email: c.author.email },
          committer: { name: c.committer.name },
          message: c.message.trim(),
          files: gh.changedFiles(c.parents[0]!, sha).map((f) => f.path).sort(),
        });
      }
      return out;
    },
    async fileOn(ref, file) {
      return gh.fileAt(ref, file);
    },
    async branches() {
      return Object.keys(gh.refs()).filter((r) => r.startsWith('refs/heads/')).map((r) => r.slice('refs/heads/'.length)).sort();
    },
    async baseHead() {
      return mainSha();
    },
    async merge(branch) {
      gh.mergePull(pullFor(branch).number);
    },
    async close(branch) {
      gh.closePull(pullFor(branch).number);
    },
    async verify() {
      if (gh.violations.length) throw new Error(`GitHub's contract was broken:\n${gh.violations.join('\n')}`);
    },
    cleanup: () => gh.close(),
  };
}

export const backendFixtures: [string, () => Promise<BackendFixture>][] = [
  ['local', localFixture],
  ['github', githubFixture],
];
