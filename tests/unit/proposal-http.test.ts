/**
 * Bad input at the HTTP door: every request below gets a clear 4xx JSON error, and the repository
 * is left exactly as it was. Each test has a repository and a service of its own.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handlePending, handleProposals, handleSession, type HttpDeps } from '../../src/lib/proposals/http.ts';
import type { IdentityConfig } from '../../src/lib/proposals/identity.ts';
import { ProposalService } from '../../src/lib/proposals/service.ts';
import { seal } from '../../src/lib/proposals/session.ts';
import { proposalLimits as limits } from '../../src/lib/proposals/wire.ts';
import { localFixture, useReadyChecker, wikiFiles, type BackendFixture } from '../support/backend-fixtures.ts';

useReadyChecker();

const SITE = 'https://wiki.galil.example';
let fx: BackendFixture;
let base: string;
let service: ProposalService;

beforeEach(async () => {
  fx = await localFixture();
  base = await fx.baseHead();
  service = new ProposalService({ backend: fx.backend, contentPrefix: 'content', rateLimits: { perMinute: 3, perDay: 100 } });
});
afterEach(() => fx.cleanup());

const dev: IdentityConfig = { mode: 'dev', devUser: { name: 'Dev User', email: 'dev@galil.example' } };
const header: IdentityConfig = { mode: 'header', devUser: dev.devUser };
const deps = (identity: IdentityConfig = dev): HttpDeps => ({ service, identity });
const leave = wikiFiles['content/hr/leave.mdx']!;

function post(body: unknown, headers: Record<string, string> = {}) {
  return new Request(`${SITE}/api/proposals`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: SITE, 'Sec-Fetch-Site': 'same-origin', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}
const valid = (extra: Record<string, unknown> = {}) => ({ path: 'content/hr/leave.mdx', baseCommit: base, content: leave.replace('20 days', '25 days'), summary: 'More leave', ...extra });

async function expectRefused(response: Response, status: number, message: RegExp) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  const body = (await response.json()) as { error: string; details?: unknown };
  expect(body.error).toMatch(message);
  expect(await fx.branches()).toEqual(['main']);
  await fx.verify();
  return body;
}

describe('POST /api/proposals refuses bad input and changes nothing', () => {
  it.each([
    ['a path that climbs out with ../', 'content/../.github/workflows/x.yml', 400, /"\.\."/],
    ['an absolute path', '/etc/passwd', 400, /not absolute/],
    ['a workflow file', '.github/workflows/x.yml', 400, /hidden files or folders/],
    ['a file outside the content folder', 'src/pages/index.astro', 403, /outside the wiki's content folder/],
    ['a file that is not a page', 'content/hr/script.js', 403, /not a wiki page/],
    ['a template', 'content/_templates/procedure.mdx', 403, /not a wiki page/],
    ['a backslash path', 'content\\hr\\leave.mdx', 400, /backslash/],
  ])('%s', async (_what, path, status, message) => {
    await expectRefused(await handleProposals(post(valid({ path })), deps()), status, message);
  });

  it.each([
    ['an import', 'import X from "./x.js"\n\nHi', /`import`\/`export` is not allowed/],
    ['an export', 'export const a = 1\n\nHi', /`import`\/`export` is not allowed/],
    ['an expression', 'Total: {process.env.SECRET}', /\{expressions\} are not allowed/],
    ['a script', '<script>alert(1)</script>', /<script> is not allowed/],
    ['a style block', '<style>@import url(https://evil.example/x.css);</style>', /<style> is not allowed/],
    ['a style block with CSS braces (not even valid MDX)', '<style>body{display:none}</style>', /MDX syntax error/],
    ['an iframe', '<iframe src="https://evil.example"></iframe>', /<iframe> is not allowed/],
    ['an event handler', '<a href="#" onClick="steal()">x</a>', /event-handler attribute onclick/],
    ['a javascript: link', '[click](javascript:alert(1))', /javascript: URLs are not allowed/],
    ['a data: image', '<img src="data:image/svg+xml;base64,PHN2Zz4=" alt="x" />', /data: URLs are not allowed/],
    ['an unknown component', '<Chart data="x" />', /unknown component <Chart>/],
    ['an expression attribute', '<Callout title={x}>\n\nHi\n\n</Callout>', /must be a literal string/],
  ])('unsafe MDX: %s', async (_what, body, message) => {
    const content = `---\ntitle: Annual leave\n---\n\n${body}\n`;
    const result = await expectRefused(await handleProposals(post(valid({ content })), deps()), 422, message);
    expect((result.details as { line: number }[])[0]!.line).toBeGreaterThanOrEqual(5);
  });

  it('raw HTML in a .md page, sanitized in imported handbooks, is refused in a contribution', async () => {
    const content = '---\ntitle: Expenses\n---\n\n<img src="x.png" onerror="steal()">\n';
    await expectRefused(await handleProposals(post(valid({ path: 'content/finance/expenses.md', content })), deps()), 422, /event-handler attribute onerror/);
  });

  it('invalid frontmatter, named at its line', async () => {
    const content = leave.replace('review_by: 2027-01-01', 'review_by: someday');
    const body = await expectRefused(await handleProposals(post(valid({ content })), deps()), 422, /line 4: review_by: expected a date as YYYY-MM-DD, got "someday"/);
    expect(body.details).toEqual([{ line: 4, column: 1, field: 'review_by', message: 'review_by: expected a date as YYYY-MM-DD, got "someday"' }]);
  });

  it('oversized bodies and pages', async () => {
    await expectRefused(await handleProposals(post(valid(), { 'Content-Length': String(limits.bodyBytes + 1) }), deps()), 413, /too large/);
    await expectRefused(await handleProposals(post(JSON.stringify(valid({ content: 'x'.repeat(limits.bodyBytes + 10) }))), deps()), 413, /too large/);
    await expectRefused(await handleProposals(post(valid({ content: `${leave}${'x'.repeat(limits.pageBytes)}` })), deps()), 400, /at most 512 KB/);
  });

  it('images that are not what they say, or not allowed', async () => {
    const fake = Buffer.from('<svg onload="alert(1)"/>').toString('base64');
    await expectRefused(await handleProposals(post(valid({ images: [{ path: 'content/hr/x.png', base64: fake }] })), deps()), 415, /not really a PNG image/);
    await expectRefused(await handleProposals(post(valid({ images: [{ path: 'content/hr/x.svg', base64: fake }] })), deps()), 415, /only .png, .jpg, .jpeg, .gif, .webp images/);
  });

  it('a malformed request', async () => {
    await expectRefused(await handleProposals(post('{"path": '), deps()), 400, /not valid JSON/);
    await expectRefused(await handleProposals(post(valid(), { 'Content-Type': 'text/plain' }), deps()), 415, /as JSON/);
    await expectRefused(await handleProposals(post({ ...valid(), summary: '  ' }), deps()), 400, /summary: a summary of the change is required/);
    await expectRefused(await handleProposals(post({ ...valid(), baseCommit: 'main' }), deps()), 400, /baseCommit must be the 40-character commit id/);
    await expectRefused(await handleProposals(post({ ...valid(), extra: 1 }), deps()), 400, /Unrecognized key/);
    await expectRefused(await handleProposals(post(valid(), { 'Idempotency-Key': 'x' }), deps()), 400, /Idempotency-Key/);
  });

  it('a cross-site request', async () => {
    await expectRefused(await handleProposals(post(valid(), { Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' }), deps()), 403, /Cross-site requests are refused/);
    await expectRefused(await handleProposals(post(valid(), { Origin: 'https://evil.example', 'Sec-Fetch-Site': '' }), deps()), 403, /https:\/\/evil\.example are refused/);
  });

  it('a missing identity in header mode', async () => {
    await expectRefused(await handleProposals(post(valid()), deps(header)), 401, /not signed in/);
    await expectRefused(await handleProposals(post(valid(), { 'X-Forwarded-Email': 'not-an-email' }), deps(header)), 401, /invalid X-Forwarded-Email/);
  });

  it('a forged identity header in dev mode', async () => {
    await expectRefused(await handleProposals(post(valid(), { 'X-Forwarded-Email': 'ceo@galil.example', 'X-Forwarded-User': 'ceo' }), deps(dev)), 400, /not accepted: this service runs in dev sign-in mode/);
  });

  it('a forged or expired session in github mode', async () => {
    const github: IdentityConfig = { mode: 'github', devUser: dev.devUser, sessionSecret: 'the-real-secret' };
    const forged = seal({ login: 'ceo', name: 'CEO', email: 'ceo@galil.example', token: 'x' }, 'another-secret', 3600);
    const expired = seal({ login: 'dana', name: 'Dana', email: 'dana@galil.example', token: 'x' }, 'the-real-secret', -10);
    for (const cookie of [forged, expired]) {
      await expectRefused(await handleProposals(post(valid(), { Cookie: `pinkas_session=${cookie}` }), deps(github)), 401, /Sign in with GitHub/);
    }
  });
});

describe('the proposal service over HTTP', () => {
  it('accepts a good proposal: 201 with id, url and branch, as the signed-in person', async () => {
    const response = await handleProposals(post(valid(), { 'X-Forwarded-Email': 'noa@galil.example', 'X-Forwarded-User': 'noa' }), deps(header));
    expect(response.status).toBe(201);
    const body = (await response.json()) as { id: string; url: string; branch: string };
    expect(Object.keys(body)).toEqual(expect.arrayContaining(['id', 'url', 'branch']));
    const [commit] = await fx.branchCommits(body.branch);
    expect(commit!.author).toEqual({ name: 'noa', email: 'noa@galil.example' });
    const list = await handleProposals(new Request(`${SITE}/api/proposals`, { headers: { 'X-Forwarded-Email': 'noa@galil.example' } }), deps(header));
    expect(((await list.json()) as { proposals: { id: string }[] }).proposals.map((p) => p.id)).toEqual([body.id]);
  });

  it('limits how many proposals one person sends (429 with Retry-After)', async () => {
    const who = { 'X-Forwarded-Email': 'busy@galil.example' };
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const response = await handleProposals(post(valid({ content: leave.replace('20 days', `${40 + i} days`) }), who), deps(header));
      statuses.push(response.status);
      if (response.status === 429) {
        expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
        expect(((await response.json()) as { error: string }).error).toMatch(/Too many proposals: the limit is 3 proposals a minute\. Your draft is kept/);
      }
    }
    expect(statuses).toEqual([201, 201, 201, 429]);
  });

  it('tells the editor who is signed in', async () => {
    const signedIn = await handleSession(new Request(`${SITE}/api/session`), deps(dev)).json();
    expect(signedIn).toEqual({ mode: 'dev', backend: 'local', signedIn: true, user: { name: 'Dev User', email: 'dev@galil.example', login: null } });
    const signedOut = (await handleSession(new Request(`${SITE}/api/session`), deps(header)).json()) as { signedIn: boolean };
    expect(signedOut.signedIn).toBe(false);
  });
});

describe('GET /api/proposals/pending', () => {
  const pending = (query: string, init: RequestInit = {}) => handlePending(new Request(`${SITE}/api/proposals/pending${query}`, init), deps(header));

  it('tells anyone, signed in or not, what waits for review on a page — never who proposed it', async () => {
    const made = await handleProposals(post(valid({ summary: 'Longer leave' }), { 'X-Forwarded-Email': 'noa@galil.example', 'X-Forwarded-User': 'Noa Shapiro' }), deps(header));
    const { id } = (await made.json()) as { id: string };
    const response = await pending('?path=content/hr/leave.mdx');
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toEqual({ path: 'content/hr/leave.mdx', proposals: [{ id, title: 'Annual leave: Longer leave', summary: 'Longer leave', createdAt: expect.any(String) }] });
    expect(JSON.stringify(body)).not.toMatch(/noa|Noa/);
    expect(await (await pending('?path=content/finance/expenses.md')).json()).toEqual({ path: 'content/finance/expenses.md', proposals: [] });
  });

  it.each([
    ['no page', '', 400, /Say which page/],
    ['a path that climbs out', '?path=content/../.github/x.md', 400, /"\.\."/],
    ['a file outside the content folder', '?path=src/pages/index.astro', 403, /outside the wiki's content folder/],
    ['a file that is not a page', '?path=content/hr/map.png', 403, /not a wiki page/],
  ])('refuses %s', async (_what, query, status, message) => {
    const response = await pending(query);
    expect(response.status).toBe(status);
    expect(((await response.json()) as { error: string }).error).toMatch(message);
  });

  it('answers only GET', async () => {
    const response = await pending('?path=content/hr/leave.mdx', { method: 'POST' });
    expect({ status: response.status, allow: response.headers.get('allow') }).toEqual({ status: 405, allow: 'GET' });
  });
});
