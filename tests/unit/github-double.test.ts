import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App, OAuthApp, Octokit, RequestError } from 'octokit';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startGitHubDouble, type GitHubDouble, type GitHubDoubleOptions } from '../../scripts/lib/github-double/index.ts';

const OWNER = 'galil';
const REPO = 'wiki';
const APP_ID = 424242;
const INSTALLATION = 77;
const DANA = { token: 'ghp_dana0000000000000000000000000000000', login: 'dana', name: 'Dana Levi', email: 'dana@galil.example' };
const SEED_FILES = {
  'content/hr/leave.mdx': '---\ntitle: Annual leave\n---\n\nYou have 20 days.\n',
  'content/hr/index.mdx': '---\ntitle: HR\n---\n',
  'content/old.md': '# Old\n',
  'README.md': '# Galil wiki\n',
};
const silent = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

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

/** An Octokit for the double: no throttling or retries unless a test asks for them. */
function octokitFor(gh: GitHubDouble, options: ConstructorParameters<typeof Octokit>[0] = {}) {
  return new Octokit({ baseUrl: gh.url, log: silent, throttle: { enabled: false }, retry: { enabled: false }, ...options });
}

async function installationOctokit(gh: GitHubDouble, privateKey = keys.privateKey) {
  const app = new App({
    appId: APP_ID,
    privateKey,
    Octokit: Octokit.defaults({ baseUrl: gh.url, log: silent, throttle: { enabled: false }, retry: { enabled: false } }),
  });
  return app.getInstallationOctokit(INSTALLATION);
}

async function expectRequestError(promise: Promise<unknown>): Promise<RequestError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RequestError);
  return error as RequestError;
}

async function tempGit() {
  const dir = await mkdtemp(path.join(tmpdir(), 'pinkas-gh-double-'));
  tmpDirs.push(dir);
  const git = (args: string[], options: { input?: string | Buffer; env?: Record<string, string> } = {}) =>
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

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

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
  });

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

describe('GitHub double: reading', () => {
  it('reads a file at a branch, at an old commit, raw, and 404s what is not there', async () => {
    const gh = await start();
    const octokit = octokitFor(gh, { auth: DANA.token });
    const repo = { owner: OWNER, repo: REPO };
    const old = gh.refs()['refs/heads/main']!;
    const changed = gh.commitFiles({ 'content/hr/leave.mdx': 'Now 25 days.\n' }, 'Someone else edits leave', { name: 'Yossi Cohen', email: 'yossi@galil.example' });
    expect(gh.commit(changed).parents).toEqual([old]);

    const read = async (ref?: string) => {
      const { data } = await octokit.rest.repos.getContent({ ...repo, path: 'content/hr/leave.mdx', ...(ref ? { ref } : {}) });
      if (Array.isArray(data) || data.type !== 'file') throw new Error('expected a file');
      expect(data.encoding).toBe('base64');
      return { text: Buffer.from(data.content, 'base64').toString('utf8'), sha: data.sha };
    };
    expect((await read()).text).toBe('Now 25 days.\n');
    expect((await read('main')).text).toBe('Now 25 days.\n');
    const atOld = await read(old);
    expect(atOld.text).toBe(SEED_FILES['content/hr/leave.mdx']);
    expect((await read(old.slice(0, 10))).text).toBe(SEED_FILES['content/hr/leave.mdx']);
    expect(gh.fileAt(old, 'content/hr/leave.mdx')).toBe(SEED_FILES['content/hr/leave.mdx']);
    expect(gh.fileAt('main', 'content/hr/leave.mdx')).toBe('Now 25 days.\n');

    const raw = await octokit.rest.repos.getContent({ ...repo, path: 'content/hr/leave.mdx', ref: old, mediaType: { format: 'raw' } });
    expect(raw.data as unknown).toBe(SEED_FILES['content/hr/leave.mdx']);

    const { data: listing } = await octokit.rest.repos.getContent({ ...repo, path: 'content/hr' });
    expect(Array.isArray(listing) && listing.map((e) => `${e.type} ${e.path}`)).toEqual(['file content/hr/index.mdx', 'file content/hr/leave.mdx']);

    expect((await expectRequestError(octokit.rest.repos.getContent({ ...repo, path: 'content/hr/nope.mdx' }))).status).toBe(404);
    expect((await expectRequestError(octokit.rest.repos.getContent({ ...repo, path: 'content/hr/leave.mdx', ref: 'no-such-branch' }))).status).toBe(404);
    expect((await expectRequestError(octokit.rest.git.getRef({ ...repo, ref: 'heads/no-such-branch' }))).status).toBe(404);
    expect((await expectRequestError(octokit.rest.repos.get({ owner: OWNER, repo: 'other' }))).status).toBe(404);
  });
});

describe('GitHub double: conflicts and pagination', () => {
  it('answers 422 to a duplicate ref, a second pull request for a head, and a non-fast-forward update', async () => {
    const gh = await start();
    const octokit = octokitFor(gh, { auth: DANA.token });
    const repo = { owner: OWNER, repo: REPO };
    const main = gh.refs()['refs/heads/main']!;
    const proposal = gh.commitFiles({ 'content/hr/leave.mdx': 'Changed.\n' }, 'Propose', undefined, { branch: 'proposal/x' });
    expect(gh.commit(proposal).parents).toEqual([main]);

    const dupRef = await expectRequestError(octokit.rest.git.createRef({ ...repo, ref: 'refs/heads/proposal/x', sha: main }));
    expect(dupRef.status).toBe(422);
    expect(dupRef.message).toContain('Reference already exists');

    const { data: pr } = await octokit.rest.pulls.create({ ...repo, title: 'X', head: 'galil:proposal/x', base: 'main' });
    expect(pr.user.login).toBe('dana');
    const dupPr = await expectRequestError(octokit.rest.pulls.create({ ...repo, title: 'X again', head: 'proposal/x', base: 'main' }));
    expect(dupPr.status).toBe(422);
    expect((dupPr.response?.data as { errors: { message: string }[] }).errors[0]!.message).toBe('A pull request already exists for galil:proposal/x.');

    const noHead = await expectRequestError(octokit.rest.pulls.create({ ...repo, title: 'Y', head: 'proposal/missing', base: 'main' }));
    expect(noHead.status).toBe(422);
    gh.commitFiles({}, 'empty branch', undefined, { branch: 'proposal/empty' });
    gh.commitFiles({ 'README.md': 'x' }, 'move main on', undefined);

    const ff = await expectRequestError(octokit.rest.git.updateRef({ ...repo, ref: 'heads/proposal/x', sha: main }));
    expect(ff.status).toBe(422);
    expect(ff.message).toContain('Update is not a fast forward');
    const { data: forced } = await octokit.rest.git.updateRef({ ...repo, ref: 'heads/proposal/x', sha: main, force: true });
    expect(forced.object.sha).toBe(main);
    expect(gh.pulls()[0]!.headSha).toBe(main);
  });

  it('lists pull requests page by page with a Link header, filters by state/head/base, shares numbers with issues', async () => {
    const gh = await start();
    const octokit = octokitFor(gh, { auth: DANA.token });
    const repo = { owner: OWNER, repo: REPO };
    const numbers: number[] = [];
    for (let i = 1; i <= 5; i++) {
      gh.commitFiles({ [`content/p${i}.md`]: `# ${i}\n` }, `p${i}`, undefined, { branch: `p${i}` });
      if (i === 3) expect(gh.createIssue('a plain issue')).toBe(3);
      const { data } = await octokit.rest.pulls.create({ ...repo, title: `P${i}`, head: `p${i}`, base: 'main' });
      numbers.push(data.number);
    }
    expect(numbers).toEqual([1, 2, 4, 5, 6]);

    const first = await octokit.rest.pulls.list({ ...repo, per_page: 2 });
    expect(first.data.map((p) => p.number)).toEqual([6, 5]);
    expect(first.headers.link).toContain('rel="next"');
    expect(first.headers.link).toMatch(/page=3[^>]*>; rel="last"/);

    gh.requests.clear();
    const all = await octokit.paginate(octokit.rest.pulls.list, { ...repo, state: 'all', per_page: 2, direction: 'asc' });
    expect(all.map((p) => p.number)).toEqual([1, 2, 4, 5, 6]);
    expect(gh.requests.get('GET /repos/{owner}/{repo}/pulls')).toBe(3);

    const mergeSha = gh.mergePull(2);
    gh.closePull(4);
    const { data: merged } = await octokit.rest.pulls.get({ ...repo, pull_number: 2 });
    expect(merged).toMatchObject({ state: 'closed', merged: true, merge_commit_sha: mergeSha });
    expect(merged.merged_at).toEqual(expect.any(String));
    expect(gh.commit(mergeSha).parents).toEqual([expect.any(String), gh.pulls()[1]!.headSha]);
    expect(gh.fileAt('main', 'content/p2.md')).toBe('# 2\n');

    const open = await octokit.paginate(octokit.rest.pulls.list, { ...repo, state: 'open' });
    expect(open.map((p) => p.number)).toEqual([6, 5, 1]);
    const closed = await octokit.rest.pulls.list({ ...repo, state: 'closed' });
    expect(closed.data.map((p) => [p.number, p.merged_at !== null])).toEqual([
      [4, false],
      [2, true],
    ]);
    const byHead = await octokit.rest.pulls.list({ ...repo, state: 'all', head: 'galil:p5' });
    expect(byHead.data.map((p) => p.number)).toEqual([6]);
    expect((await octokit.rest.pulls.list({ ...repo, head: 'someone-else:p5' })).data).toEqual([]);
    expect((await octokit.rest.pulls.list({ ...repo, base: 'p1' })).data).toEqual([]);
  });
});

describe('GitHub double: authentication', () => {
  it('exchanges an App JWT for an installation token; a JWT signed with another key is 401', async () => {
    const gh = await start();
    const octokit = await installationOctokit(gh);
    const { data } = await octokit.rest.repos.get({ owner: OWNER, repo: REPO });
    expect(data.permissions).toMatchObject({ push: true });
    const forbidden = await expectRequestError(octokit.rest.users.getAuthenticated());
    expect(forbidden.status).toBe(403);

    // The installation token is asked for on the first request.
    const impostor = await installationOctokit(gh, keys.otherPrivateKey);
    const wrongKey = await expectRequestError(impostor.rest.repos.get({ owner: OWNER, repo: REPO }));
    expect(wrongKey.status).toBe(401);
    expect(wrongKey.message).toContain('A JSON web token could not be decoded');

    expect((await expectRequestError(octokitFor(gh).rest.repos.get({ owner: OWNER, repo: REPO }))).status).toBe(401);
    const unknown = await expectRequestError(octokitFor(gh, { auth: 'ghp_not_a_token' }).rest.repos.get({ owner: OWNER, repo: REPO }));
    expect(unknown.status).toBe(401);
    expect(unknown.message).toContain('Bad credentials');
    // A user token cannot ask for installation tokens.
    const userOnAppRoute = await expectRequestError(
      octokitFor(gh, { auth: DANA.token }).rest.apps.createInstallationAccessToken({ installation_id: INSTALLATION }),
    );
    expect(userOnAppRoute.status).toBe(401);
  });

  it('exchanges an OAuth web-flow code for a user token, once, with the right client secret', async () => {
    const gh = await start();
    const OAuthOctokit = Octokit.defaults({ baseUrl: gh.url, log: silent, throttle: { enabled: false }, retry: { enabled: false } });
    const oauth = new OAuthApp({ clientType: 'oauth-app', clientId: 'Iv1.pinkas', clientSecret: 'pinkas-secret', Octokit: OAuthOctokit });
    const code = gh.authorize('dana', { scopes: ['repo'] });
    const { authentication } = await oauth.createToken({ code });
    expect(authentication.token).toMatch(/^gho_/);
    expect(authentication.scopes).toEqual(['repo']);

    const user = octokitFor(gh, { auth: authentication.token });
    const { data: me } = await user.rest.users.getAuthenticated();
    expect(me).toMatchObject({ login: 'dana', name: DANA.name, email: DANA.email });
    const { data: emails } = await user.rest.users.listEmailsForAuthenticatedUser();
    expect(emails).toEqual([{ email: DANA.email, primary: true, verified: true, visibility: 'private' }]);

    const reused = await oauth.createToken({ code }).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(reused?.message).toContain('bad_verification_code');
    const wrongSecret = new OAuthApp({ clientType: 'oauth-app', clientId: 'Iv1.pinkas', clientSecret: 'nope', Octokit: OAuthOctokit });
    const refused = await wrongSecret.createToken({ code: gh.authorize('dana') }).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(refused?.message).toContain('incorrect_client_credentials');

    // Without Accept: application/json GitHub answers form-encoded.
    const form = await fetch(`${gh.url}/login/oauth/access_token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: 'Iv1.pinkas', client_secret: 'pinkas-secret', code: gh.authorize('dana') }),
    });
    const answer = new URLSearchParams(await form.text());
    expect(answer.get('access_token')).toMatch(/^gho_/);
    expect(answer.get('token_type')).toBe('bearer');
    expect(gh.requests.get('POST /login/oauth/access_token')).toBe(4);
  });
});

describe('GitHub double: faults', () => {
  it('502: an Octokit with the retry plugin retries and recovers', async () => {
    const gh = await start();
    const octokit = octokitFor(gh, { auth: DANA.token, retry: { retryAfterBaseValue: 5 } });
    gh.failNext({ kind: '502', path: /\/git\/ref\//, times: 2 });
    const { data } = await octokit.rest.git.getRef({ owner: OWNER, repo: REPO, ref: 'heads/main' });
    expect(data.ref).toBe('refs/heads/main');
    expect(gh.log.map((l) => l.status)).toEqual([502, 502, 200]);
    expect(gh.requests.get('GET /repos/{owner}/{repo}/git/ref/{ref}')).toBe(3);

    // Without retries the 502 reaches the caller, with GitHub's JSON message.
    gh.failNext({ kind: '502' });
    const error = await expectRequestError(octokitFor(gh, { auth: DANA.token }).rest.repos.get({ owner: OWNER, repo: REPO }));
    expect(error.status).toBe(502);
    expect(error.message).toContain('Server Error');
  });

  it('secondary rate limit: throttling waits retry-after and retries when onSecondaryRateLimit says so', async () => {
    const gh = await start();
    const seen: number[] = [];
    const octokit = octokitFor(gh, {
      auth: DANA.token,
      throttle: {
        retryAfterBaseValue: 10,
        onSecondaryRateLimit: (retryAfter: number) => {
          seen.push(retryAfter);
          return true;
        },
        onRateLimit: () => false,
      },
    });
    gh.failNext({ kind: 'secondary-rate-limit', path: /\/pulls$/ });
    const { data } = await octokit.rest.pulls.list({ owner: OWNER, repo: REPO });
    expect(data).toEqual([]);
    expect(seen).toEqual([1]);
    expect(gh.log.map((l) => l.status)).toEqual([403, 200]);

    gh.failNext({ kind: 'secondary-rate-limit' });
    const error = await expectRequestError(octokitFor(gh, { auth: DANA.token }).rest.repos.get({ owner: OWNER, repo: REPO }));
    expect(error.status).toBe(403);
    expect(error.message).toContain('You have exceeded a secondary rate limit');
    expect(error.response?.headers['retry-after']).toBe('1');
  });

  it('primary rate limit: x-ratelimit-remaining 0 and a reset time, as 403 or 429', async () => {
    const gh = await start();
    const seen: number[] = [];
    const octokit = octokitFor(gh, {
      auth: DANA.token,
      throttle: {
        retryAfterBaseValue: 10,
        onRateLimit: (retryAfter: number) => {
          seen.push(retryAfter);
          return true;
        },
        onSecondaryRateLimit: () => false,
      },
    });
    gh.failNext({ kind: 'primary-rate-limit', status: 429 });
    await octokit.rest.repos.get({ owner: OWNER, repo: REPO });
    expect(seen).toHaveLength(1);
    expect(gh.log.map((l) => l.status)).toEqual([429, 200]);

    gh.failNext({ kind: 'primary-rate-limit', resetIn: 120 });
    const error = await expectRequestError(octokitFor(gh, { auth: DANA.token }).rest.repos.get({ owner: OWNER, repo: REPO }));
    expect(error.status).toBe(403);
    expect(error.response?.headers['x-ratelimit-remaining']).toBe('0');
    const reset = Number(error.response?.headers['x-ratelimit-reset']);
    expect(reset).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000) + 118);
  });

  it('drop-after-apply: the ref is created, the client sees a network error, and a retry meets 422', async () => {
    const gh = await start();
    const octokit = octokitFor(gh, { auth: DANA.token });
    const main = gh.refs()['refs/heads/main']!;
    gh.failNext({ kind: 'drop-after-apply', method: 'POST', path: /\/git\/refs$/ });
    const error = await octokit.rest.git.createRef({ owner: OWNER, repo: REPO, ref: 'refs/heads/proposal/dropped', sha: main }).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error).toBeInstanceOf(Error);
    expect((error as RequestError).response).toBeUndefined();
    expect(gh.refs()['refs/heads/proposal/dropped']).toBe(main);
    expect(gh.log.at(-1)).toMatchObject({ route: 'POST /repos/{owner}/{repo}/git/refs', status: 'dropped' });

    // A client that retries on network errors repeats the request and is told the ref exists.
    const retrying = octokitFor(gh, { auth: DANA.token, retry: { retryAfterBaseValue: 5 } });
    gh.failNext({ kind: 'drop-after-apply', method: 'POST', path: /\/git\/refs$/ });
    const retried = await expectRequestError(retrying.rest.git.createRef({ owner: OWNER, repo: REPO, ref: 'refs/heads/proposal/again', sha: main }));
    expect(retried.status).toBe(422);
    expect(retried.message).toContain('Reference already exists');
    expect(gh.refs()['refs/heads/proposal/again']).toBe(main);
  });
});

describe('GitHub double: the contract check is real', () => {
  it('reports wrong types, missing fields, bad enums and formats, and undocumented statuses', async () => {
    const gh = await start();
    const octokit = octokitFor(gh, { auth: DANA.token });
    const repo = { owner: OWNER, repo: REPO };
    gh.commitFiles({ 'content/a.md': 'a' }, 'a', undefined, { branch: 'a' });
    const { data: pr } = await octokit.rest.pulls.create({ ...repo, title: 'A', head: 'a', base: 'main' });
    const route = '/repos/{owner}/{repo}/pulls/{pull_number}';
    const check = (body: unknown, status = 200) => gh.contract.validateResponse('GET', route, { status, contentType: 'application/json', body });

    expect(check(pr)).toEqual([]);
    expect(check({ ...pr, number: String(pr.number) })).toContain('response body /number: must be integer');
    const { head: _head, ...headless } = pr;
    expect(check(headless)).toContain("response body: must have required property 'head'");
    expect(check({ ...pr, state: 'merged' }).join('\n')).toMatch(/\/state: must be equal to one of the allowed values/);
    expect(check({ ...pr, created_at: 'yesterday' })).toContain('response body /created_at: must match format "date-time"');
    expect(check({ ...pr, user: { ...pr.user, id: 'x' } })).toContain('response body /user/id: must be integer');
    // nullable is honoured where GitHub declares it, and only there.
    expect(check({ ...pr, merged_at: null, body: null })).toEqual([]);
    expect(check({ ...pr, title: null })).toContain('response body /title: must be string');
    expect(check(pr, 418)[0]).toMatch(/status 418 is not documented for pulls\/get/);
    expect(gh.contract.validateSchema('label', { ...pr.labels[0], id: 1, node_id: 'x', url: 'nope', name: 'a', color: 'fff', default: false, description: null })).toEqual([
      'label /url: must match format "uri"',
    ]);
  });

  it('records requests that break the contract, and answers them as GitHub does', async () => {
    const gh = await start();
    const post = (route: string, body: unknown) =>
      fetch(`${gh.url}${route}`, { method: 'POST', headers: { authorization: `token ${DANA.token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

    const wrongType = await post(`/repos/${OWNER}/${REPO}/git/blobs`, { content: 42 });
    expect(wrongType.status).toBe(422);
    expect(((await wrongType.json()) as { message: string }).message).toContain('Invalid request');
    const missing = await post(`/repos/${OWNER}/${REPO}/git/refs`, { sha: 'abc' });
    expect(missing.status).toBe(422);
    const typo = await fetch(`${gh.url}/repos/${OWNER}/${REPO}/pulls?sate=open`, { headers: { authorization: `token ${DANA.token}` } });
    expect(typo.status).toBe(422);
    const unknownRoute = await fetch(`${gh.url}/repos/${OWNER}/${REPO}/no-such-thing`, { headers: { authorization: `token ${DANA.token}` } });
    expect(unknownRoute.status).toBe(404);
    const notImplemented = await fetch(`${gh.url}/repos/${OWNER}/${REPO}/branches`, { headers: { authorization: `token ${DANA.token}` } });
    expect(notImplemented.status).toBe(404);

    expect(gh.violations).toEqual([
      'POST /repos/galil/wiki/git/blobs: request body /content: must be string',
      "POST /repos/galil/wiki/git/refs: request body: must have required property 'ref'",
      'GET /repos/galil/wiki/pulls: query parameter sate is not in the description of pulls/list',
      "GET /repos/galil/wiki/no-such-thing: no such operation in GitHub's OpenAPI description",
      'GET /repos/{owner}/{repo}/branches: not implemented by the GitHub double',
    ]);
    gh.violations.length = 0;

    // Responses go through the same check: corrupt one on its way out and the double reports it.
    const validate = gh.contract.validateResponse.bind(gh.contract);
    const spy = vi.spyOn(gh.contract, 'validateResponse').mockImplementationOnce((method, template, res) =>
      validate(method, template, { ...res, body: { ...(res.body as object), default_branch: 7 } }),
    );
    try {
      await octokitFor(gh, { auth: DANA.token }).rest.repos.get({ owner: OWNER, repo: REPO });
    } finally {
      spy.mockRestore();
    }
    expect(gh.violations).toEqual(['GET /repos/galil/wiki → 200: response body /default_branch: must be string']);
    gh.violations.length = 0;
  });
});
