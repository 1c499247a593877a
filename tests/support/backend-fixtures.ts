/**
 * Backends under test, each over a fresh repository holding a small wiki, with helpers to look at
 * the repository the way a reviewer would. The contract suite (tests/unit/proposal-backends.test.ts)
 * runs against every entry of `backendFixtures`.
 */
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { LocalBackend } from '../../src/lib/proposals/local-backend.ts';
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
  /** Someone else changes the base branch (as a merged pull request would). */
  commitOnBase(files: Record<string, string>, message: string): Promise<string>;
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
  return {
    backend,
    async commitOnBase(files, message) {
      // Through a separate clone, as a merge on the server would, leaving this working copy alone.
      const other = await tempRepo();
      execFileSync('git', ['fetch', '-q', repo.dir, 'main:main', '--update-head-ok'], { cwd: other.dir });
      execFileSync('git', ['checkout', '-q', '-f', 'main'], { cwd: other.dir });
      for (const [file, text] of Object.entries(files)) await other.write(file, text);
      const sha = other.commit(message, 'Someone Else <else@example.com>', '2026-02-01T09:00:00Z');
      execFileSync('git', ['fetch', '-q', '--update-head-ok', other.dir, 'main:refs/heads/main'], { cwd: repo.dir, stdio: 'pipe' });
      await other.remove();
      return sha;
    },
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

export const backendFixtures: [string, () => Promise<BackendFixture>][] = [['local', localFixture]];
