import { execFileSync } from 'node:child_process';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GitHubDouble } from '../../scripts/lib/github-double/index.ts';
import { DANA, OWNER, PNG, REPO, SEED_FILES, expectRequestError, octokitFor, useGitHubDouble } from '../support/github-double-harness.ts';

const { start, installationOctokit, tempGit } = useGitHubDouble();

describe('GitHub double: the proposal flow through Octokit', () => {
  it('creates blob → tree → commit → ref → pull request → labels → reviewers, with ids git agrees with', async () => {
    const gh = await start();
    const octokit = await installationOctokit(gh);
    const repo = { owner: OWNER, repo: REPO };
    const bot = gh.appBot!;
    expect(bot.login).toBe('pinkas-wiki[bot]');

    const { data: repository } = await octokit.rest.repos.get(repo);
    expect(repository.default_branch).toBe('main');
    expect(repository.full_name).toBe('galil/wiki');

    const { data: main } = await octokit.rest.git.getRef({ ...repo, ref: 'heads/main' });
    const baseSha = main.object.sha;
    const { data: baseCommit } = await octokit.rest.git.getCommit({ ...repo, commit_sha: baseSha });

    const leave = '---\ntitle: Annual leave\n---\n\nYou have 22 days. Ask your manager first.\n';
    const { data: leaveBlob } = await octokit.rest.git.createBlob({ ...repo, content: leave, encoding: 'utf-8' });
    const { data: pngBlob } = await octokit.rest.git.createBlob({ ...repo, content: PNG.toString('base64'), encoding: 'base64' });
    const newPage = '---\ntitle: Parental leave\n---\n\nSee [[Annual leave]].\n';
    const { data: tree } = await octokit.rest.git.createTree({
      ...repo,
      base_tree: baseCommit.tree.sha,
      tree: [
        { path: 'content/hr/leave.mdx', mode: '100644', type: 'blob', sha: leaveBlob.sha },
        { path: 'content/hr/images/form.png', mode: '100644', type: 'blob', sha: pngBlob.sha },
        { path: 'content/hr/parental/index.mdx', mode: '100644', type: 'blob', content: newPage },
        { path: 'content/old.md', mode: '100644', type: 'blob', sha: null },
      ],
    });
    expect(tree.tree.map((e) => `${e.mode} ${e.type} ${e.path}`)).toEqual(['100644 blob README.md', '040000 tree content']);

    const message = 'Update annual leave\n\nProposed by Dana Levi through Pinkas.\n';
    const author = { name: DANA.name, email: DANA.email, date: '2026-03-01T09:30:00+02:00' };
    const committer = { name: bot.name, email: bot.email, date: '2026-03-01T07:31:00Z' };
    const { data: commit } = await octokit.rest.git.createCommit({ ...repo, message, tree: tree.sha, parents: [baseSha], author, committer });
    expect(commit.author).toEqual({ name: DANA.name, email: DANA.email, date: '2026-03-01T07:30:00Z' });
    expect(commit.committer).toEqual({ name: 'pinkas-wiki[bot]', email: bot.email, date: '2026-03-01T07:31:00Z' });
    expect(commit.parents.map((p) => p.sha)).toEqual([baseSha]);

    const branch = 'proposal/annual-leave-1';
    const { data: ref } = await octokit.rest.git.createRef({ ...repo, ref: `refs/heads/${branch}`, sha: commit.sha });
    expect(ref.object.sha).toBe(commit.sha);

    const { data: pr } = await octokit.rest.pulls.create({ ...repo, title: 'Update annual leave', head: branch, base: 'main', body: 'From Pinkas', draft: false });
    expect(pr).toMatchObject({ number: 1, state: 'open', draft: false, merged: false, title: 'Update annual leave' });
    expect(pr.head).toMatchObject({ ref: branch, sha: commit.sha, label: `galil:${branch}` });
    expect(pr.user.login).toBe('pinkas-wiki[bot]');
    expect(pr.user.type).toBe('Bot');
    expect(pr).toMatchObject({ commits: 1, changed_files: 4, mergeable: true });

    const { data: labels } = await octokit.rest.issues.addLabels({ ...repo, issue_number: pr.number, labels: ['proposal', 'hr'] });
    expect(labels.map((l) => l.name)).toEqual(['proposal', 'hr']);
    const { data: reviewed } = await octokit.rest.pulls.requestReviewers({ ...repo, pull_number: pr.number, reviewers: ['yossi'], team_reviewers: ['hr-team'] });
    expect(reviewed.requested_reviewers?.map((u) => u.login)).toEqual(['yossi']);
    expect(reviewed.requested_teams?.map((t) => t.slug)).toEqual(['hr-team']);

    const { data: again } = await octokit.rest.pulls.get({ ...repo, pull_number: pr.number });
    expect(again.labels.map((l) => l.name)).toEqual(['proposal', 'hr']);
    expect(gh.pulls()).toEqual([
      expect.objectContaining({ number: 1, head: branch, headSha: commit.sha, base: 'main', labels: ['proposal', 'hr'], requestedReviewers: ['yossi'], requestedTeams: ['hr-team'], user: 'pinkas-wiki[bot]' }),
    ]);
    expect(gh.refs()).toEqual({ 'refs/heads/main': baseSha, [`refs/heads/${branch}`]: commit.sha });
    expect(gh.changedFiles(baseSha, commit.sha)).toEqual([
      expect.objectContaining({ path: 'content/hr/images/form.png', status: 'added' }),
      expect.objectContaining({ path: 'content/hr/leave.mdx', status: 'modified' }),
      expect.objectContaining({ path: 'content/hr/parental/index.mdx', status: 'added' }),
      expect.objectContaining({ path: 'content/old.md', status: 'removed' }),
    ]);
    expect(gh.commit(commit.sha)).toMatchObject({ tree: tree.sha, parents: [baseSha], message, author: { ...author, date: '2026-03-01T07:30:00Z', timezone: '+0200' } });
    expect(gh.requests.get('POST /repos/{owner}/{repo}/git/blobs')).toBe(2);
    expect(gh.requests.get('POST /app/installations/{installation_id}/access_tokens')).toBe(1);

    await expectGitToAgree(gh, { leave, newPage, leaveBlob, pngBlob, baseCommit, baseSha, tree, message, author, committer, commit });
  });
});

interface Signature {
  name: string;
  email: string;
  date: string;
}

/** What the proposal flow made: the files' content, and what the double answered for them. */
interface Made {
  leave: string;
  newPage: string;
  leaveBlob: { sha: string };
  pngBlob: { sha: string };
  baseCommit: { tree: { sha: string } };
  baseSha: string;
  tree: { sha: string };
  message: string;
  author: Signature;
  committer: Signature;
  commit: { sha: string };
}

async function expectGitToAgree(gh: GitHubDouble, made: Made) {
  const { leave, newPage, leaveBlob, pngBlob, baseCommit, baseSha, tree, message, author, committer, commit } = made;
  // git computes the same ids from the same content, independently of the double.
  const repoDir = await tempGit();
  await writeFile(path.join(repoDir.dir, 'leave.mdx'), leave);
  expect(repoDir.git(['hash-object', 'leave.mdx'])).toBe(leaveBlob.sha);
  await writeFile(path.join(repoDir.dir, 'form.png'), PNG);
  expect(repoDir.git(['hash-object', 'form.png'])).toBe(pngBlob.sha);
  await rm(path.join(repoDir.dir, 'leave.mdx'));
  await rm(path.join(repoDir.dir, 'form.png'));

  const seed = { GIT_AUTHOR_NAME: 'Pinkas Seed', GIT_AUTHOR_EMAIL: 'seed@example.com', GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z' };
  await repoDir.write(SEED_FILES);
  repoDir.git(['add', '-A']);
  const seedTree = repoDir.git(['write-tree']);
  expect(seedTree).toBe(baseCommit.tree.sha);
  // commit-tree -F keeps the message byte for byte (-m would add a newline), as GitHub's API does.
  const seedCommit = repoDir.git(['commit-tree', '--no-gpg-sign', seedTree, '-F', '-'], {
    input: 'Initial commit',
    env: { ...seed, GIT_COMMITTER_NAME: seed.GIT_AUTHOR_NAME, GIT_COMMITTER_EMAIL: seed.GIT_AUTHOR_EMAIL, GIT_COMMITTER_DATE: seed.GIT_AUTHOR_DATE },
  });
  expect(seedCommit).toBe(baseSha);

  await rm(path.join(repoDir.dir, 'content/old.md'));
  await repoDir.write({ 'content/hr/leave.mdx': leave, 'content/hr/images/form.png': PNG, 'content/hr/parental/index.mdx': newPage });
  repoDir.git(['add', '-A']);
  expect(repoDir.git(['write-tree'])).toBe(tree.sha);
  const proposal = repoDir.git(['commit-tree', '--no-gpg-sign', tree.sha, '-p', baseSha, '-F', '-'], {
    input: message,
    env: {
      GIT_AUTHOR_NAME: author.name,
      GIT_AUTHOR_EMAIL: author.email,
      GIT_AUTHOR_DATE: author.date,
      GIT_COMMITTER_NAME: committer.name,
      GIT_COMMITTER_EMAIL: committer.email,
      GIT_COMMITTER_DATE: committer.date,
    },
  });
  expect(proposal).toBe(commit.sha);

  // And git accepts every object of the double as well-formed.
  const store = await tempGit();
  for (const sha of gh.objectIds()) {
    const object = gh.object(sha)!;
    expect(execFileSync('git', ['hash-object', '-w', '-t', object.type, '--stdin'], { cwd: store.dir, input: object.data, encoding: 'utf8' }).trim()).toBe(sha);
  }
  store.git(['update-ref', 'refs/heads/main', commit.sha]);
  expect(() => store.git(['fsck', '--strict', '--no-dangling'])).not.toThrow();
}

describe('GitHub double: commits and trees', () => {
  it('defaults the author to the caller and the committer to the author, as documented', async () => {
    const gh = await start();
    const octokit = await installationOctokit(gh);
    const repo = { owner: OWNER, repo: REPO };
    const base = gh.refs()['refs/heads/main']!;
    const tree = gh.commit(base).tree;
    const { data: byApp } = await octokit.rest.git.createCommit({ ...repo, message: 'By the app', tree, parents: [base] });
    expect(byApp.author).toMatchObject({ name: 'pinkas-wiki[bot]', email: gh.appBot!.email });
    expect(byApp.committer).toMatchObject({ name: 'pinkas-wiki[bot]', email: gh.appBot!.email });
    const author = { name: DANA.name, email: DANA.email, date: '2026-02-02T10:00:00Z' };
    const { data: byDana } = await octokit.rest.git.createCommit({ ...repo, message: 'Only an author', tree, parents: [base], author });
    expect(byDana.committer).toEqual(author);

    const user = octokitFor(gh, { auth: DANA.token });
    const { data: byUser } = await user.rest.git.createCommit({ ...repo, message: 'By Dana', tree, parents: [base] });
    expect(byUser.author).toMatchObject({ name: DANA.name, email: DANA.email });

    // A signature becomes git's gpgsig header; the double knows no keys, so it is unverified.
    const signature = '-----BEGIN PGP SIGNATURE-----\n\niQEzBAABCAAdFiEE\n-----END PGP SIGNATURE-----\n';
    const { data: signed } = await user.rest.git.createCommit({ ...repo, message: 'Signed', tree, parents: [base], author, committer: author, signature });
    expect(signed.verification).toMatchObject({ verified: false, reason: 'unknown_key', signature });
    expect(signed.verification.payload).not.toContain('gpgsig');
    const store = await tempGit();
    for (const sha of [signed.sha, ...gh.objectIds().filter((id) => gh.object(id)!.type !== 'commit')]) {
      const object = gh.object(sha)!;
      store.git(['hash-object', '-w', '-t', object.type, '--stdin'], { input: object.data });
    }
    const text = store.git(['cat-file', 'commit', signed.sha]);
    expect(text).toContain('gpgsig -----BEGIN PGP SIGNATURE-----\n \n iQEzBAABCAAdFiEE\n -----END PGP SIGNATURE-----');
  });

  it('rejects what GitHub rejects when building trees and commits', async () => {
    const gh = await start();
    const octokit = octokitFor(gh, { auth: DANA.token });
    const repo = { owner: OWNER, repo: REPO };
    const base = gh.refs()['refs/heads/main']!;
    const baseTree = gh.commit(base).tree;
    const blob = (await octokit.rest.git.createBlob({ ...repo, content: 'x' })).data.sha;
    const cases: [string, () => Promise<unknown>][] = [
      ['delete a missing file', () => octokit.rest.git.createTree({ ...repo, base_tree: baseTree, tree: [{ path: 'content/nope.md', mode: '100644', type: 'blob', sha: null }] })],
      ['mode and type disagree', () => octokit.rest.git.createTree({ ...repo, base_tree: baseTree, tree: [{ path: 'a.md', mode: '040000', type: 'blob', sha: blob }] })],
      ['unknown blob', () => octokit.rest.git.createTree({ ...repo, tree: [{ path: 'a.md', mode: '100644', type: 'blob', sha: 'f'.repeat(40) }] })],
      ['sha and content', () => octokit.rest.git.createTree({ ...repo, tree: [{ path: 'a.md', mode: '100644', type: 'blob', sha: blob, content: 'x' }] })],
      ['unknown base tree', () => octokit.rest.git.createTree({ ...repo, base_tree: 'e'.repeat(40), tree: [{ path: 'a.md', mode: '100644', type: 'blob', sha: blob }] })],
      ['unknown tree', () => octokit.rest.git.createCommit({ ...repo, message: 'm', tree: 'e'.repeat(40), parents: [base] })],
      ['parent is not a commit', () => octokit.rest.git.createCommit({ ...repo, message: 'm', tree: baseTree, parents: [blob] })],
      ['ref to a missing object', () => octokit.rest.git.createRef({ ...repo, ref: 'refs/heads/x', sha: 'e'.repeat(40) })],
      ['ref name without refs/', () => octokit.rest.git.createRef({ ...repo, ref: 'heads/x', sha: base })],
    ];
    for (const [what, request] of cases) {
      const error = await expectRequestError(request());
      expect([what, error.status]).toEqual([what, 422]);
    }
    // A tree given without base_tree holds only its own entries; nested paths make nested trees.
    const { data: fresh } = await octokit.rest.git.createTree({ ...repo, tree: [{ path: 'content/hr/a/b.md', mode: '100644', type: 'blob', sha: blob }] });
    const { data: recursive } = await octokit.rest.git.getTree({ ...repo, tree_sha: fresh.sha, recursive: 'true' });
    expect(recursive.tree.map((e) => `${e.type} ${e.path}`)).toEqual(['tree content', 'tree content/hr', 'tree content/hr/a', 'blob content/hr/a/b.md']);
  });
});
