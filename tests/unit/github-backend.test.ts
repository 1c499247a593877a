/**
 * The GitHub backend beyond the shared contract: what reviewers see in the pull request, GitHub
 * App and user authentication, the sign-in flow, and recovery from GitHub's failures — all against
 * the test double, which checks every request and response against GitHub's OpenAPI description.
 */
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { outcomeOf } from '../../src/editor/api.ts';
import { parseServiceEnv } from '../../src/lib/proposals/config.ts';
import { GitHubBackend, resilientOctokit } from '../../src/lib/proposals/github-backend.ts';
import { handleProposals } from '../../src/lib/proposals/http.ts';
import { identify, readCookie, SESSION_COOKIE, type IdentityConfig } from '../../src/lib/proposals/identity.ts';
import { callback, login } from '../../src/lib/proposals/oauth.ts';
import { ProposalService } from '../../src/lib/proposals/service.ts';
import { seal } from '../../src/lib/proposals/session.ts';
import type { Identity } from '../../src/lib/proposals/types.ts';
import { quiet, SERVICE_TOKEN, startWikiDouble, useReadyChecker, wikiFiles } from '../support/backend-fixtures.ts';
import { startGitHubDouble, type GitHubDouble } from '../../scripts/lib/github-double/index.ts';

useReadyChecker();

const noah: Identity = { name: 'Noah Adler', email: 'noah@galil.example', source: 'header' };
const leave = wikiFiles['content/hr/leave.mdx']!;
let gh: GitHubDouble | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  if (gh) expect(gh.violations).toEqual([]);
  await gh?.close();
  gh = undefined;
});

function serviceFor(double: GitHubDouble, serviceToken = SERVICE_TOKEN, repo = 'wiki') {
  const backend = new GitHubBackend({
    owner: 'galil',
    repo,
    octokit: resilientOctokit({ baseUrl: double.url, auth: serviceToken, log: quiet }, { writeIntervalMs: 0, notificationIntervalMs: 0, retryBaseMs: 5 }),
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

describe('reading the repository', () => {
  it('lists the content folder with one request per commit, and folder by folder when GitHub truncates the tree', async () => {
    gh = await startGitHubDouble({ owner: 'galil', repo: 'wiki', files: wikiFiles, users: { [SERVICE_TOKEN]: { login: 'pinkas-service', email: 'pinkas@galil.example' } } });
    const backend = serviceFor(gh).backend;
    const main = gh.refs()['refs/heads/main']!;
    const all = ['content/finance/expenses.md', 'content/hr/index.mdx', 'content/hr/leave.mdx'];
    expect(await backend.files('content', main)).toEqual(all);
    expect(await backend.files('content/hr', main)).toEqual(all.slice(1));
    expect(gh.requests.get('GET /repos/{owner}/{repo}/git/trees/{tree_sha}')).toBe(1);
    expect(gh.violations).toEqual([]);
    await gh.close();

    gh = await startGitHubDouble({ owner: 'galil', repo: 'wiki', files: wikiFiles, treeEntryLimit: 2, users: { [SERVICE_TOKEN]: { login: 'pinkas-service', email: 'pinkas@galil.example' } } });
    expect(await serviceFor(gh).backend.files('content', gh.refs()['refs/heads/main']!)).toEqual(all);
  });
});

describe('the proposals waiting on a page', () => {
  it('are listed with one request for every page, ignoring issues and pull requests that are not proposals, and again once a proposal is opened', async () => {
    gh = await startWikiDouble();
    const service = serviceFor(gh);
    const main = gh.refs()['refs/heads/main']!;
    const first = await service.submit({ path: 'content/hr/leave.mdx', baseCommit: main, content: leave.replace('two weeks', 'three weeks'), summary: 'Longer notice' }, noah);
    // Labelled by hand, but not Pinkas' own: an issue, and a pull request without the marker.
    const octokit = resilientOctokit({ baseUrl: gh.url, auth: SERVICE_TOKEN, log: quiet }, { writeIntervalMs: 0 });
    const issue = gh.createIssue('Pinkas is great');
    await octokit.rest.issues.addLabels({ owner: 'galil', repo: 'wiki', issue_number: issue, labels: ['pinkas'] });
    gh.commitFiles({ 'content/hr/leave.mdx': 'By hand.\n' }, 'By hand', undefined, { branch: 'by-hand' });
    const { data: pull } = await octokit.rest.pulls.create({ owner: 'galil', repo: 'wiki', title: 'By hand', head: 'by-hand', base: 'main', body: 'content/hr/leave.mdx' });
    await octokit.rest.issues.addLabels({ owner: 'galil', repo: 'wiki', issue_number: pull.number, labels: ['pinkas'] });

    gh.requests.clear();
    expect((await service.pending('content/hr/leave.mdx')).map((p) => p.id)).toEqual([first.id]);
    expect(await service.pending('content/finance/expenses.md')).toEqual([]);
    expect(gh.requests.get('GET /repos/{owner}/{repo}/issues')).toBe(1);
    const second = await service.submit({ path: 'content/finance/expenses.md', baseCommit: main, content: `${wikiFiles['content/finance/expenses.md']}\nInvoices.\n`, summary: 'Invoices' }, noah);
    expect(await service.pending('content/finance/expenses.md')).toEqual([{ id: second.id, title: 'Expenses: Invoices', summary: 'Invoices', url: second.url, createdAt: second.createdAt }]);
    expect(gh.requests.get('GET /repos/{owner}/{repo}/issues')).toBe(2);
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
    // Every problem at once, one line each.
    expect(() => parseServiceEnv({ PINKAS_BACKEND: 'github', PINKAS_IDENTITY: 'github', PINKAS_GITHUB_CLIENT_ID: 'Iv1.x' })).toThrow(
      'The proposal service is misconfigured:\n  PINKAS_BACKEND=github needs PINKAS_GITHUB_REPO\n  PINKAS_BACKEND=github needs a GitHub App (missing PINKAS_GITHUB_APP_ID, PINKAS_GITHUB_APP_PRIVATE_KEY, PINKAS_GITHUB_INSTALLATION_ID) or PINKAS_GITHUB_TOKEN\n  PINKAS_IDENTITY=github needs PINKAS_GITHUB_CLIENT_SECRET, PINKAS_SESSION_SECRET',
    );
    expect(() => parseServiceEnv({ PINKAS_BACKEND: 'gitlab' })).toThrow(/PINKAS_BACKEND: PINKAS_BACKEND must be "local" or "github"/);
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

describe('what the contributor is told when GitHub fails', () => {
  const SECRET = 'a-session-secret-of-at-least-32-characters';
  const proxy: IdentityConfig = { mode: 'header', devUser: noah };
  const githubSignIn: IdentityConfig = { mode: 'github', devUser: noah, sessionSecret: SECRET };

  /** Submits over HTTP, as Noah behind the sign-in proxy, or as a contributor signed in with GitHub with `token`. */
  async function submit(service: ProposalService, as: { token?: string } = {}) {
    const main = gh!.refs()['refs/heads/main']!;
    const who: Record<string, string> = as.token
      ? { Cookie: `${SESSION_COOKIE}=${seal({ login: 'dana-levi', name: 'Dana Levi', email: 'dana@galil.example', token: as.token }, SECRET, 3600)}` }
      : { 'X-Forwarded-Email': noah.email, 'X-Forwarded-User': noah.name };
    const request = new Request('https://wiki.galil.example/api/proposals', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'one-submit-attempt', ...who },
      body: JSON.stringify({ path: 'content/hr/leave.mdx', baseCommit: main, content: leave.replace('two weeks', 'ten days'), summary: 'Shorter notice' }),
    });
    const response = await handleProposals(request, { service, identity: as.token ? githubSignIn : proxy });
    const body = (await response.json()) as { error: string; details?: unknown };
    return { status: response.status, retryAfter: response.headers.get('retry-after'), body, outcome: outcomeOf(response.status, body) };
  }
  const adminLog = () => vi.spyOn(console, 'error').mockImplementation(() => {});

  it('an outage (503), not a missing commit, when GitHub keeps failing; the same submit goes through once it is back', async () => {
    gh = await startWikiDouble();
    const service = serviceFor(gh);
    const log = adminLog();
    // The first request and Octokit's four retries all fail.
    gh.failNext({ kind: '502', method: 'GET', path: /\/git\/commits\//, times: 5 });
    const failed = await submit(service);
    expect(failed.status).toBe(503);
    expect(failed.body.error).toBe('GitHub is not answering right now. Your draft is kept; try again in a few minutes.');
    expect(failed.body.error).not.toMatch(/does not have/);
    expect(log.mock.calls.join('\n')).toMatch(/GitHub answered 502 to GET \/repos\/galil\/wiki\/git\/commits\/\w+/);
    expect(gh.pulls()).toHaveLength(0);
    const again = await submit(service);
    expect(again.status).toBe(201);
    expect(gh.pulls()).toHaveLength(1);
  });

  it('an outage (503) when the connection to GitHub keeps dropping', async () => {
    gh = await startWikiDouble();
    adminLog();
    gh.failNext({ kind: 'drop-after-apply', method: 'GET', path: /\/git\/ref\//, times: 5 });
    const failed = await submit(serviceFor(gh));
    expect(failed.status).toBe(503);
    expect(failed.body.error).toMatch(/^GitHub is not answering right now/);
  });

  it('when to try again (503, Retry-After) as soon as the rate limit is used up for longer than a contributor can wait', async () => {
    gh = await startWikiDouble();
    adminLog();
    const started = Date.now();
    gh.failNext({ kind: 'primary-rate-limit', method: 'GET', path: /\/git\/ref\//, resetIn: 1800 });
    const primary = await submit(serviceFor(gh));
    expect(Date.now() - started).toBeLessThan(5000);
    expect(primary.status).toBe(503);
    expect(Number(primary.retryAfter)).toBeGreaterThanOrEqual(1790);
    expect(Number(primary.retryAfter)).toBeLessThanOrEqual(1802);
    expect(primary.body.error).toMatch(/^GitHub asks the wiki to slow down: too many requests in a short time\. Your draft is kept; try again in about 3[01] minutes\.$/);
    expect(primary.outcome).toMatchObject({ kind: 'error', status: 503, retryAfter: Number(primary.retryAfter) });

    gh.failNext({ kind: 'secondary-rate-limit', method: 'POST', path: /\/git\/trees$/, retryAfter: 600 });
    const secondary = await submit(serviceFor(gh));
    expect(secondary).toMatchObject({ status: 503, retryAfter: '600', body: { details: { retryAfter: 600 } } });
    expect(gh.pulls()).toHaveLength(0);
  });

  it("to tell the admins (502) when GitHub refuses the service's own token, and the log what to fix", async () => {
    gh = await startWikiDouble();
    const log = adminLog();
    const failed = await submit(serviceFor(gh, 'ghp_revoked'));
    expect(failed.status).toBe(502);
    expect(failed.body.error).toBe("The wiki's connection to GitHub is not set up correctly. Your draft is kept; please tell the wiki's administrators (the service's log says what to fix).");
    expect(log.mock.calls.join('\n')).toMatch(/GitHub answered 401 .*Bad credentials.*check PINKAS_GITHUB_TOKEN/);
  });

  it('to tell the admins (502) when the configured repository is not there for the service', async () => {
    gh = await startWikiDouble();
    const log = adminLog();
    const failed = await submit(serviceFor(gh, SERVICE_TOKEN, 'wikki'));
    expect(failed.status).toBe(502);
    expect(log.mock.calls.join('\n')).toMatch(/GitHub shows the service no repository galil\/wikki: check PINKAS_GITHUB_REPO/);
  });

  it('to tell the admins (502) when the GitHub App lacks a permission', async () => {
    gh = await startWikiDouble();
    const log = adminLog();
    gh.failNext({ kind: 'forbidden', method: 'POST', path: /\/git\/trees$/ });
    const failed = await submit(serviceFor(gh));
    expect(failed.status).toBe(502);
    expect(failed.body.error).toMatch(/tell the wiki's administrators/);
    expect(log.mock.calls.join('\n')).toMatch(/403 to POST \/repos\/galil\/wiki\/git\/trees: Resource not accessible by integration.*write access/);
  });

  it('to sign in again (401) when GitHub no longer accepts the contributor\'s own sign-in', async () => {
    gh = await startWikiDouble();
    const failed = await submit(serviceFor(gh), { token: 'ghu_expired' });
    expect(failed.status).toBe(401);
    expect(failed.body.error).toBe('GitHub no longer accepts your sign-in. Sign in again and submit; your draft is kept.');
    expect(failed.outcome.kind).toBe('signin');
  });

  it('that their own account may not do it (403) when GitHub refuses the contributor', async () => {
    gh = await startWikiDouble();
    gh.failNext({ kind: 'forbidden', method: 'POST', path: /\/git\/trees$/ });
    const failed = await submit(serviceFor(gh), { token: 'ghu_dana' });
    expect(failed.status).toBe(403);
    expect(failed.body.error).toMatch(/^GitHub does not let your account propose changes to the wiki's repository\. Your draft is kept/);
  });
});
