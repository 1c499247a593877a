/**
 * The GitHub backend beyond the shared contract: what reviewers see in the pull request, GitHub
 * App and user authentication, the sign-in flow, and recovery from GitHub's failures — all against
 * the test double, which checks every request and response against GitHub's OpenAPI description.
 */
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { parseServiceEnv } from '../../src/lib/proposals/config.ts';
import { GitHubBackend, resilientOctokit } from '../../src/lib/proposals/github-backend.ts';
import { identify, readCookie, SESSION_COOKIE } from '../../src/lib/proposals/identity.ts';
import { callback, login } from '../../src/lib/proposals/oauth.ts';
import { ProposalService } from '../../src/lib/proposals/service.ts';
import type { Identity } from '../../src/lib/proposals/types.ts';
import { SERVICE_TOKEN, startWikiDouble, wikiFiles } from '../support/backend-fixtures.ts';
import { startGitHubDouble, type GitHubDouble } from '../../scripts/lib/github-double/index.ts';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const noah: Identity = { name: 'Noah Adler', email: 'noah@galil.example', source: 'header' };
const leave = wikiFiles['content/hr/leave.mdx']!;
let gh: GitHubDouble | undefined;
afterEach(async () => {
  if (gh) expect(gh.violations).toEqual([]);
  await gh?.close();
  gh = undefined;
});

function serviceFor(double: GitHubDouble) {
  const backend = new GitHubBackend({
    owner: 'galil',
    repo: 'wiki',
    octokit: resilientOctokit({ baseUrl: double.url, auth: SERVICE_TOKEN, log: quiet }, { writeIntervalMs: 0, notificationIntervalMs: 0, retryBaseMs: 5 }),
    asUser: (token) => resilientOctokit({ baseUrl: double.url, auth: token, log: quiet }, { writeIntervalMs: 0, notificationIntervalMs: 0, retryBaseMs: 5 }),
  });
  return new ProposalService({ backend, contentPrefix: 'content', siteUrl: 'https://wiki.galil.example', rateLimits: { perMinute: 1000, perDay: 1000 } });
}

describe('the pull request a reviewer gets', () => {
  it('has the employee as author, the service as committer, a structured body, labels and reviewers', async () => {
    gh = await startWikiDouble();
    const service = serviceFor(gh);
    const proposal = await service.submit(
      { path: 'content/hr/leave.mdx', baseCommit: gh.refs()['refs/heads/main']!, content: leave.replace('two weeks', 'three weeks'), summary: 'Longer notice for leave', reason: 'Agreed with the works council.' },
      noah,
    );
    const [pull] = gh.pulls();
    expect(proposal.url).toMatch(new RegExp(`/galil/wiki/pull/${pull!.number}$`));
    expect(pull).toMatchObject({ title: 'Annual leave: Longer notice for leave', head: proposal.branch, base: 'main', state: 'open', labels: ['pinkas', 'section:hr'], requestedReviewers: ['dana-levi'] });
    expect(pull!.body).toContain('### Summary\nLonger notice for leave');
    expect(pull!.body).toContain('### Why\nAgreed with the works council.');
    expect(pull!.body).toContain('- Sections: “Requesting leave”');
    expect(pull!.body).toContain('[Annual leave](https://wiki.galil.example/hr/leave/) · `content/hr/leave.mdx` · owner: @dana-levi');
    expect(pull!.body).toContain('Noah Adler <noah@galil.example>');
    const commit = gh.commit(pull!.headSha);
    expect(commit.author).toMatchObject({ name: 'Noah Adler', email: 'noah@galil.example' });
    expect(commit.committer).toMatchObject({ name: 'Pinkas', email: 'pinkas@galil.example' });
    expect(commit.message).toContain('Co-authored-by: Noah Adler <noah@galil.example>');
    expect(gh.changedFiles(commit.parents[0]!, commit.sha).map((f) => f.path)).toEqual(['content/hr/leave.mdx']);
  });

  it('is opened as the contributor when they signed in with GitHub', async () => {
    gh = await startWikiDouble();
    const service = serviceFor(gh);
    await service.submit(
      { path: 'content/hr/leave.mdx', baseCommit: gh.refs()['refs/heads/main']!, content: leave.replace('20 days', '21 days'), summary: 'One more day' },
      { name: 'Dana Levi', email: 'dana@galil.example', login: 'dana-levi', token: 'ghu_dana', source: 'github' },
    );
    const [pull] = gh.pulls();
    expect(pull!.user).toBe('dana-levi');
    // The owner does not review her own change.
    expect(pull!.requestedReviewers).toEqual([]);
  });
});

describe('GitHub App authentication', () => {
  it('works with the App id, private key and installation id from the environment', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    gh = await startGitHubDouble({
      owner: 'galil',
      repo: 'wiki',
      files: wikiFiles,
      app: { id: 4242, slug: 'pinkas-wiki', publicKey, installations: [77] },
      collaborators: ['dana-levi'],
    });
    const env = parseServiceEnv({
      PINKAS_BACKEND: 'github',
      PINKAS_GITHUB_REPO: 'galil/wiki',
      PINKAS_GITHUB_API_URL: gh.url,
      PINKAS_GITHUB_APP_ID: '4242',
      PINKAS_GITHUB_APP_PRIVATE_KEY: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString().replace(/\n/g, '\\n'),
      PINKAS_GITHUB_INSTALLATION_ID: '77',
      PINKAS_GITHUB_COMMITTER: `${gh.appBot!.name} <${gh.appBot!.email}>`,
      PINKAS_GITHUB_WRITE_INTERVAL_MS: '0',
    });
    assert(env.PINKAS_BACKEND === 'github');
    const service = new ProposalService({ backend: GitHubBackend.fromEnv(env), contentPrefix: 'content' });
    const proposal = await service.submit({ path: 'content/hr/leave.mdx', baseCommit: gh.refs()['refs/heads/main']!, content: leave.replace('Intro line.', 'Welcome.'), summary: 'Friendlier intro' }, noah);
    const pull = gh.pulls().find((p) => p.head === proposal.branch)!;
    expect(pull.user).toBe(gh.appBot!.login);
    expect(gh.commit(pull.headSha).committer.name).toBe(gh.appBot!.name);
    expect(gh.commit(pull.headSha).author.name).toBe('Noah Adler');
  });

  it('refuses a misconfigured service with a sentence saying what is missing', () => {
    expect(() => parseServiceEnv({ PINKAS_BACKEND: 'github', PINKAS_GITHUB_REPO: 'galil/wiki', PINKAS_GITHUB_APP_ID: '1' })).toThrow(
      /PINKAS_BACKEND=github needs a GitHub App \(missing PINKAS_GITHUB_APP_PRIVATE_KEY, PINKAS_GITHUB_INSTALLATION_ID\) or PINKAS_GITHUB_TOKEN/,
    );
    expect(() => parseServiceEnv({ PINKAS_IDENTITY: 'github' })).toThrow(/PINKAS_IDENTITY=github needs PINKAS_GITHUB_CLIENT_ID, PINKAS_GITHUB_CLIENT_SECRET, PINKAS_SESSION_SECRET/);
  });
});

describe('GitHub sign-in', () => {
  it('signs a contributor in through the OAuth web flow and keeps them in a sealed cookie', async () => {
    gh = await startGitHubDouble({ owner: 'galil', repo: 'wiki', files: wikiFiles, oauth: { clientId: 'Iv1.pinkas', clientSecret: 'shh' } });
    const config = { clientId: 'Iv1.pinkas', clientSecret: 'shh', oauthUrl: gh.url, apiUrl: gh.url, sessionSecret: 'a-session-secret-of-at-least-32-characters' };
    const start = login(new Request('https://wiki.galil.example/api/auth/login?returnTo=/hr/leave/'), config);
    expect(start.status).toBe(302);
    const authorize = new URL(start.headers.get('location')!);
    expect(authorize.pathname).toBe('/login/oauth/authorize');
    expect(authorize.searchParams.get('client_id')).toBe('Iv1.pinkas');
    const stateCookie = start.headers.getSetCookie()[0]!.split(';')[0]!;

    const code = gh.authorize('dana-levi', { name: 'Dana Levi', email: 'dana@galil.example' });
    const back = await callback(
      new Request(`https://wiki.galil.example/api/auth/callback?code=${code}&state=${authorize.searchParams.get('state')}`, { headers: { Cookie: stateCookie } }),
      config,
    );
    expect(back.status).toBe(302);
    expect(back.headers.get('location')).toBe('/hr/leave/');
    const session = back.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`))!;
    expect(session).toMatch(/HttpOnly; SameSite=Lax; Max-Age=28800; Secure$/);
    const request = new Request('https://wiki.galil.example/api/proposals', { headers: { Cookie: session.split(';')[0]! } });
    expect(readCookie(request, SESSION_COOKIE)).not.toContain('dana');
    expect(identify(request, { mode: 'github', devUser: { name: 'x', email: 'x@x.example' }, sessionSecret: config.sessionSecret })).toMatchObject({ login: 'dana-levi', name: 'Dana Levi', email: 'dana@galil.example', source: 'github' });

    // A callback whose state does not match the cookie is refused.
    await expect(callback(new Request(`https://wiki.galil.example/api/auth/callback?code=${code}&state=forged`, { headers: { Cookie: stateCookie } }), config)).rejects.toThrow(/could not be verified/);
  });
});

describe('when GitHub fails', () => {
  it('rides out 502s, secondary rate limits and dropped connections, and still opens exactly one pull request', async () => {
    gh = await startWikiDouble();
    const service = serviceFor(gh);
    gh.failNext({ kind: '502', method: 'POST', path: /\/git\/trees$/, times: 2 });
    gh.failNext({ kind: 'secondary-rate-limit', method: 'POST', path: /\/git\/commits$/, retryAfter: 0 });
    gh.failNext({ kind: 'drop-after-apply', method: 'POST', path: /\/git\/refs$/ });
    gh.failNext({ kind: 'drop-after-apply', method: 'POST', path: /\/pulls$/ });
    const body = { path: 'content/hr/leave.mdx', baseCommit: gh.refs()['refs/heads/main']!, content: leave.replace('two weeks', 'a month'), summary: 'Notice' };
    const proposal = await service.submit(body, noah, 'submit-attempt-1');
    expect(gh.pulls()).toHaveLength(1);
    expect(gh.pulls()[0]!.head).toBe(proposal.branch);
    expect(gh.fileAt(proposal.branch, 'content/hr/leave.mdx')).toContain('a month');
    expect(gh.log.filter((l) => l.status === 'dropped')).toHaveLength(2);
  });

  it('finishes the same proposal when the contributor retries after the service gave up', async () => {
    gh = await startWikiDouble();
    const service = serviceFor(gh);
    const body = { path: 'content/hr/leave.mdx', baseCommit: gh.refs()['refs/heads/main']!, content: leave.replace('Up to 5', 'Up to 6'), summary: 'Carry over' };
    // The branch is created, then GitHub keeps failing the pull request until the retries run out.
    gh.failNext({ kind: '502', method: 'POST', path: /\/pulls$/, times: 5 });
    await expect(service.submit(body, noah, 'submit-attempt-2')).rejects.toThrow();
    expect(gh.pulls()).toHaveLength(0);
    const branches = Object.keys(gh.refs()).filter((r) => r.startsWith('refs/heads/pinkas/'));
    expect(branches).toHaveLength(1);
    // The editor retries with the same key: the branch is reused, one pull request is opened.
    const proposal = await service.submit(body, noah, 'submit-attempt-2');
    expect(gh.pulls()).toHaveLength(1);
    expect(Object.keys(gh.refs()).filter((r) => r.startsWith('refs/heads/pinkas/'))).toEqual([`refs/heads/${proposal.branch}`]);
    const again = await service.submit(body, noah, 'submit-attempt-2');
    expect(again.id).toBe(proposal.id);
    expect(gh.pulls()).toHaveLength(1);
  });
});
