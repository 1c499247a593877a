/**
 * The ProposalBackend contract, run against every backend (local git, and GitHub through its test
 * double): what a reviewer finds in the repository after a contributor proposes a change, and what
 * the contributor is told when the backend cannot do it.
 */
import { execFileSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BackendError } from '../../src/lib/proposals/backend-errors.ts';
import { ProposalError } from '../../src/lib/proposals/errors.ts';
import { handleProposals } from '../../src/lib/proposals/http.ts';
import { proposalBranch, proposalId } from '../../src/lib/proposals/ids.ts';
import { ProposalService } from '../../src/lib/proposals/service.ts';
import type { Identity, PreparedProposal, ProposalBackend } from '../../src/lib/proposals/types.ts';
import { backendFixtures, useReadyChecker, wikiFiles, type BackendFixture } from '../support/backend-fixtures.ts';

useReadyChecker();

const dana: Identity = { name: 'Dana Levi', email: 'dana@galil.example', source: 'header' };
const yossi: Identity = { name: 'יוסי כהן', email: 'yossi@galil.example', source: 'header' };
const leave = wikiFiles['content/hr/leave.mdx']!;
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

/** A fresh repository and service for every test; the getters read the current test's. */
function serviceOn(setup: () => Promise<BackendFixture>) {
  const current = { fx: undefined as unknown as BackendFixture, service: undefined as unknown as ProposalService, base: '' };
  beforeEach(async () => {
    current.fx = await setup();
    current.service = new ProposalService({ backend: current.fx.backend, contentPrefix: 'content', siteUrl: 'https://wiki.galil.example', rateLimits: { perMinute: 1000, perDay: 10000 } });
    current.base = await current.fx.baseHead();
  });
  afterEach(async () => {
    await current.fx.cleanup();
  });
  return current;
}

describe.each(backendFixtures)('the %s backend', (_name, setup) => {
  const t = serviceOn(setup);
  let fx: BackendFixture;
  let service: ProposalService;
  let base: string;
  beforeEach(() => {
    ({ fx, service, base } = t);
  });
  const edit = (content: string, extra: Record<string, unknown> = {}) => ({ path: 'content/hr/leave.mdx', baseCommit: base, content, summary: 'Fix the notice period', ...extra });

  it('opens one branch with exactly one commit, by the employee, changing exactly that page', async () => {
    const changed = leave.replace('two weeks', 'three weeks');
    const proposal = await service.submit(edit(changed, { reason: 'The policy changed in March.' }), dana);
    expect(proposal).toMatchObject({ status: 'open', path: 'content/hr/leave.mdx', summary: 'Fix the notice period', mergedWithNewerChanges: false });
    expect(proposal.branch).toMatch(/^pinkas\/hr-leave-[0-9a-f]{12}$/);
    expect(proposal.url).toMatch(/^https?:\/\//);
    const commits = await fx.branchCommits(proposal.branch);
    expect(commits).toHaveLength(1);
    expect(commits[0]!.author).toEqual({ name: 'Dana Levi', email: 'dana@galil.example' });
    expect(commits[0]!.committer.name).not.toBe('Dana Levi');
    expect(commits[0]!.files).toEqual(['content/hr/leave.mdx']);
    expect(commits[0]!.message).toMatch(/^Annual leave: Fix the notice period\n\nWhy, in the contributor's words:\n> The policy changed in March\.\n\nFiles:\n- content\/hr\/leave\.mdx \(changed\)\n/);
    expect(commits[0]!.message).toContain('Co-authored-by: Dana Levi <dana@galil.example>');
    expect(await fx.fileOn(proposal.branch, 'content/hr/leave.mdx')).toBe(changed);
    // Nothing reaches the base branch without review.
    expect(await fx.baseHead()).toBe(base);
    await fx.verify();
  });

  it('asks the page owner to review, and falls back to CODEOWNERS', async () => {
    const p1 = await service.submit(edit(leave.replace('20 days', '21 days')), yossi);
    expect(p1.reviewers).toEqual(['@dana-levi']);
    const expenses = wikiFiles['content/finance/expenses.md']!;
    const p2 = await service.submit({ path: 'content/finance/expenses.md', baseCommit: base, content: `${expenses}\nAnd invoices.\n`, summary: 'Invoices too' }, yossi);
    expect(p2.reviewers).toEqual(['team:finance-team']);
  });

  it('returns the same proposal when a submit is retried, never a second one', async () => {
    const body = edit(leave.replace('20 days', '22 days'));
    const first = await service.submit(body, dana, 'retry-key-0001');
    const again = await service.submit(body, dana, 'retry-key-0001');
    const same = await service.submit(body, dana);
    const sameAgain = await service.submit(body, dana);
    expect(again.id).toBe(first.id);
    expect(sameAgain.id).toBe(same.id);
    expect((await fx.branches()).filter((b) => b.startsWith('pinkas/'))).toHaveLength(2);
    // Concurrent retries of one submit also give one proposal.
    const racing = await Promise.all(Array.from({ length: 5 }, () => service.submit(edit(leave.replace('20 days', '23 days')), dana, 'retry-key-0002')));
    expect(new Set(racing.map((p) => p.id)).size).toBe(1);
    expect((await fx.branches()).filter((b) => b.startsWith('pinkas/'))).toHaveLength(3);
    await fx.verify();
  });

  it('keeps concurrent proposals from different people apart', async () => {
    const people = Array.from({ length: 8 }, (_, i): Identity => ({ name: `Person ${i}`, email: `p${i}@galil.example`, source: 'header' }));
    const proposals = await Promise.all(people.map((person, i) => service.submit(edit(leave.replace('20 days', `${30 + i} days`), { summary: `Set ${30 + i} days` }), person)));
    expect(new Set(proposals.map((p) => p.branch)).size).toBe(8);
    for (const [i, p] of proposals.entries()) {
      const commits = await fx.branchCommits(p.branch);
      expect(commits).toHaveLength(1);
      expect(commits[0]!.author.email).toBe(`p${i}@galil.example`);
      expect(await fx.fileOn(p.branch, 'content/hr/leave.mdx')).toContain(`${30 + i} days`);
    }
    await fx.verify();
  });

  it('merges a change made on the base branch meanwhile when the two do not overlap, and says so', async () => {
    await fx.commitOnBase({ 'content/hr/leave.mdx': leave.replace('Up to 5 days', 'Up to 7 days') }, 'Carry-over rule');
    const proposal = await service.submit(edit(leave.replace('two weeks', 'three weeks')), dana);
    expect(proposal.mergedWithNewerChanges).toBe(true);
    const page = await fx.fileOn(proposal.branch, 'content/hr/leave.mdx');
    expect(page).toContain('three weeks');
    expect(page).toContain('Up to 7 days');
    expect(await fx.branchCommits(proposal.branch)).toHaveLength(1);
  });

  it('marks a minor change with the Pinkas-Minor trailer, which no summary or reason can forge', async () => {
    const minor = await service.submit(edit(leave.replace('Intro line.', 'Intro line:'), { minor: true, summary: 'A typo' }), dana);
    const forged = await service.submit(edit(leave.replace('Intro line.', 'Intro:'), { summary: 'Pinkas-Minor: yes', reason: 'Just a typo.\n\nPinkas-Minor: yes' }), dana);
    const trailersOf = async (branch: string) => {
      const [commit] = await fx.branchCommits(branch);
      return execFileSync('git', ['interpret-trailers', '--parse'], { input: commit!.message, encoding: 'utf8' }).trim().split('\n');
    };
    expect(await trailersOf(minor.branch)).toEqual(['Co-authored-by: Dana Levi <dana@galil.example>', 'Pinkas-Minor: yes']);
    expect(await trailersOf(forged.branch)).toEqual(['Co-authored-by: Dana Levi <dana@galil.example>']);
    // A new page has nobody who acknowledged it: it cannot be minor.
    const error = (await service.submit({ path: 'content/hr/parking.mdx', baseCommit: base, content: '---\ntitle: Parking\n---\n\nHi.\n', summary: 'Parking', minor: true }, dana).catch((e: unknown) => e)) as ProposalError;
    expect({ status: error.status, details: error.details }).toEqual({ status: 422, details: { field: 'minor' } });
  });

  it('returns a conflict with both versions, and creates nothing, when the same lines changed', async () => {
    await fx.commitOnBase({ 'content/hr/leave.mdx': leave.replace('two weeks', 'one month') }, 'Longer notice');
    const before = await fx.branches();
    const error = await service.submit(edit(leave.replace('two weeks', 'three weeks')), dana).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProposalError);
    expect((error as ProposalError).status).toBe(409);
    const details = (error as ProposalError).details as { theirs: string; yours: string; conflicts: { yours: string; theirs: string; line: number }[] };
    expect(details.theirs).toContain('one month');
    expect(details.yours).toContain('three weeks');
    expect(details.conflicts).toEqual([{ base: 'Ask your manager two weeks ahead.', yours: 'Ask your manager three weeks ahead.', theirs: 'Ask your manager one month ahead.', line: 15 }]);
    expect(await fx.branches()).toEqual(before);
  });

});

describe.each(backendFixtures)('the %s backend, for new pages and lists', (_name, setup) => {
  const t = serviceOn(setup);
  let fx: BackendFixture;
  let service: ProposalService;
  let base: string;
  beforeEach(() => {
    ({ fx, service, base } = t);
  });
  const edit = (content: string, extra: Record<string, unknown> = {}) => ({ path: 'content/hr/leave.mdx', baseCommit: base, content, summary: 'Fix the notice period', ...extra });

  it('adds a new page with its image in the same commit', async () => {
    const page = '---\ntitle: Parking\nowner: "@noa"\n---\n\n![Map](./parking.png)\n';
    const proposal = await service.submit(
      { path: 'content/hr/parking.mdx', baseCommit: base, content: page, summary: 'Add the parking page', images: [{ path: 'content/hr/parking.png', base64: PNG.toString('base64') }] },
      dana,
    );
    const [commit] = await fx.branchCommits(proposal.branch);
    expect(commit!.files.sort()).toEqual(['content/hr/parking.mdx', 'content/hr/parking.png']);
    expect(await fx.fileOn(proposal.branch, 'content/hr/parking.mdx')).toBe(page);
  });

  it('refuses a new page when someone created the same page meanwhile', async () => {
    await fx.commitOnBase({ 'content/hr/parking.mdx': '---\ntitle: Parking\n---\nTheirs.\n' }, 'Parking page');
    const error = await service.submit({ path: 'content/hr/parking.mdx', baseCommit: base, content: '---\ntitle: Parking\n---\nMine.\n', summary: 'Add parking' }, dana).catch((e: unknown) => e);
    expect((error as ProposalError).status).toBe(409);
  });

  it("lists each person's own proposals with their status: open, merged, closed", async () => {
    const a = await service.submit(edit(leave.replace('20 days', '24 days'), { summary: 'A' }), dana);
    const b = await service.submit(edit(leave.replace('two weeks', 'ten days'), { summary: 'B' }), dana);
    const c = await service.submit(edit(leave.replace('Intro line.', 'Intro.'), { summary: 'C' }), dana);
    await service.submit(edit(leave.replace('Intro line.', 'Hello.'), { summary: 'D' }), yossi);
    await fx.merge(a.branch);
    await fx.close(b.branch);
    const mine = await service.list(dana);
    expect(mine.map((p) => [p.summary, p.status]).sort()).toEqual([['A', 'merged'], ['B', 'closed'], ['C', 'open']]);
    expect(mine.find((p) => p.id === c.id)!.title).toBe('Annual leave: C');
  });
});

describe.each(backendFixtures)('the %s backend, for the proposals waiting on a page', (name, setup) => {
  const t = serviceOn(setup);

  it("lists anyone's open proposals of one page, newest first, bounded, and never who made them", async () => {
    let clock = Date.parse('2026-03-01T09:00:00Z');
    const service = new ProposalService({ backend: t.fx.backend, contentPrefix: 'content', rateLimits: { perMinute: 1000, perDay: 1000 }, now: () => new Date((clock += 60_000)) });
    const edit = (content: string, summary: string, path = 'content/hr/leave.mdx') => ({ path, baseCommit: t.base, content, summary });
    const merged = await service.submit(edit(leave.replace('20 days', '21 days'), 'Merged since'), dana);
    const first = await service.submit(edit(leave.replace('two weeks', 'ten days'), 'Ten days of notice'), dana);
    const closed = await service.submit(edit(leave.replace('Intro line.', 'Intro.'), 'Closed since'), yossi);
    const second = await service.submit(edit(leave.replace('Up to 5 days', 'Up to 6 days'), 'Six days carry over'), yossi);
    const expenses = wikiFiles['content/finance/expenses.md']!;
    await service.submit(edit(`${expenses}\nAnd invoices.\n`, 'Invoices too', 'content/finance/expenses.md'), dana);
    await t.fx.merge(merged.branch);
    await t.fx.close(closed.branch);

    const pending = await t.fx.backend.pending('content/hr/leave.mdx', 20);
    expect(pending.map((p) => [p.id, p.title, p.summary])).toEqual([
      [second.id, 'Annual leave: Six days carry over', 'Six days carry over'],
      [first.id, 'Annual leave: Ten days of notice', 'Ten days of notice'],
    ]);
    expect(pending.map((p) => Object.keys(p).sort())).toEqual(Array(2).fill(name === 'github' ? ['createdAt', 'id', 'summary', 'title', 'url'] : ['createdAt', 'id', 'summary', 'title']));
    if (name === 'github') expect(pending.map((p) => p.url)).toEqual([second.url, first.url]);
    expect(JSON.stringify(pending)).not.toMatch(/@|Dana|Yossi|יוסי/);
    expect(await t.fx.backend.pending('content/hr/leave.mdx', 1)).toEqual([pending[0]]);
    expect(await t.fx.backend.pending('content/hr/index.mdx', 20)).toEqual([]);
  });
});

describe.each(backendFixtures)('the %s backend, when it cannot do what is asked', (_name, setup) => {
  let fx: BackendFixture;
  let base: string;
  beforeEach(async () => {
    fx = await setup();
    base = await fx.baseHead();
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await fx.cleanup();
  });

  /** Dana submits over HTTP (behind the sign-in proxy); the answer as the editor reads it. */
  async function submit(body: Record<string, unknown>, options: { key?: string; backend?: ProposalBackend } = {}) {
    const service = new ProposalService({ backend: options.backend ?? fx.backend, contentPrefix: 'content', rateLimits: { perMinute: 1000, perDay: 10000 } });
    const request = new Request('https://wiki.galil.example/api/proposals', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Forwarded-Email': dana.email, 'X-Forwarded-User': dana.name, ...(options.key ? { 'Idempotency-Key': options.key } : {}) },
      body: JSON.stringify(body),
    });
    const response = await handleProposals(request, { service, identity: { mode: 'header', devUser: dana } });
    return { status: response.status, body: (await response.json()) as { error: string; details?: unknown } };
  }
  const edit = { path: 'content/hr/leave.mdx', content: leave.replace('two weeks', 'three weeks'), summary: 'Longer notice' };

  it('says to reload (409) when the page was built from a commit the repository does not have', async () => {
    const answer = await submit({ ...edit, baseCommit: 'f'.repeat(40) });
    expect(answer.status).toBe(409);
    expect(answer.body.error).toMatch(/built from commit fffffff, which the repository does not have\. Reload the page .*your draft is kept/);
    expect(await fx.branches()).toEqual(['main']);
  });

  it("refuses (409) to reuse a branch of the proposal's name that holds someone else's commit", async () => {
    const branch = proposalBranch('hr/leave', proposalId(dana.email, 'taken-key-0001'));
    const theirs = await fx.commitOnBranch(branch, { 'content/hr/leave.mdx': 'Something else entirely.\n' }, 'Unrelated work');
    const answer = await submit({ ...edit, baseCommit: base }, { key: 'taken-key-0001' });
    expect(answer.status).toBe(409);
    expect(answer.body.error).toBe(`The branch ${branch} already exists and is not this proposal's.`);
    expect((await fx.branchCommits(branch)).map((c) => c.sha)).toEqual([theirs]);
    expect(await fx.fileOn(branch, 'content/hr/leave.mdx')).toBe('Something else entirely.\n');
  });

  it("tells the contributor to alert the admins (502), and the log what to fix, when the base branch does not exist", async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const answer = await submit({ ...edit, baseCommit: base }, { backend: fx.backendOn('archive') });
    expect(answer.status).toBe(502);
    expect(answer.body.error).toMatch(/not set up correctly\. Your draft is kept; please tell the wiki's administrators/);
    expect(answer.body.error).not.toMatch(/archive|PINKAS_/);
    expect(log.mock.calls.join('\n')).toMatch(/no branch archive .*check PINKAS_BASE_BRANCH/);
    expect(await fx.branches()).toEqual(['main']);
  });
});

describe.each(backendFixtures)('the %s backend, with paths that would break what is there', (_name, setup) => {
  const t = serviceOn(setup);
  /** A proposal as the service prepares it, writing `files` (given straight to the backend). */
  const prepared = (files: string[]): PreparedProposal => ({
    id: 'abcdef123456',
    branch: 'pinkas/hr-leave-abcdef123456',
    parent: t.base,
    files: files.map((path) => ({ path, content: PNG })),
    path: files[0]!,
    message: 'Test\n',
    author: { name: dana.name, email: dana.email },
    title: 'Test',
    summary: 'Test',
    body: 'Test',
    labels: [],
    reviewers: { users: [], teams: [] },
    mergedWithNewerChanges: false,
    createdAt: '2026-03-01T09:00:00Z',
    fingerprint: 'f'.repeat(32),
  });

  it('lists the files under a folder at a commit, and says when there is no such commit', async () => {
    expect(await t.fx.backend.files('content', t.base)).toEqual(['content/finance/expenses.md', 'content/hr/index.mdx', 'content/hr/leave.mdx']);
    expect(await t.fx.backend.files('content/hr', t.base)).toEqual(['content/hr/index.mdx', 'content/hr/leave.mdx']);
    expect(await t.fx.backend.files('content/nothing', t.base)).toEqual([]);
    const error = await t.fx.backend.files('content', 'e'.repeat(40)).catch((e: unknown) => e);
    expect((error as BackendError).failure).toEqual({ kind: 'unknown-commit', commit: 'e'.repeat(40) });
  });

  it.each([
    ['through an existing page', ['content/hr/leave.mdx/map.png'], { path: 'content/hr/leave.mdx', kind: 'file' }],
    ['in place of a folder', ['content/hr'], { path: 'content/hr', kind: 'folder' }],
    ['through a file at the root', ['README.md/x.png'], { path: 'README.md', kind: 'file' }],
  ])('refuses, itself, a file %s (defense in depth)', async (_what, files, existing) => {
    const error = await t.fx.backend.create(prepared(files)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackendError);
    expect((error as BackendError).failure).toEqual({ kind: 'path-taken', path: files[0], existing });
    expect(await t.fx.branches()).toEqual(['main']);
    expect(await t.fx.fileOn('main', 'content/hr/leave.mdx')).toBe(leave);
  });

  it('refuses (422, the field and the reason) an image that would turn a page into a folder, before anything is written', async () => {
    const body = { path: 'content/hr/leave.mdx', baseCommit: t.base, content: leave.replace('20 days', '21 days'), summary: 'More leave', images: [{ path: 'content/hr/leave.mdx/z.png', base64: PNG.toString('base64') }] };
    const error = (await t.service.submit(body, dana).catch((e: unknown) => e)) as ProposalError;
    expect(error.status).toBe(422);
    expect(error.message).toBe('"content/hr/leave.mdx/z.png" runs through the file content/hr/leave.mdx, which a proposal cannot turn into a folder. Nothing was changed.');
    expect(error.details).toEqual({ field: 'images', path: 'content/hr/leave.mdx/z.png' });
    expect(await t.fx.branches()).toEqual(['main']);
    await t.fx.verify();
  });

  it('lists every file it writes in the commit message and the pull request', async () => {
    const page = '---\ntitle: Parking\n---\n\n![Map](./parking/map.png)\n';
    const images = [{ path: 'content/hr/parking/map.png', base64: PNG.toString('base64') }];
    const proposal = await t.service.submit({ path: 'content/hr/parking.mdx', baseCommit: t.base, content: page, summary: 'Parking', images }, dana);
    const [commit] = await t.fx.branchCommits(proposal.branch);
    expect(commit!.files.sort()).toEqual(['content/hr/parking.mdx', 'content/hr/parking/map.png']);
    expect(commit!.message).toContain('Files:\n- content/hr/parking.mdx (new)\n- content/hr/parking/map.png (new)\n');
  });

  it('lists only the newest proposals it is asked for', async () => {
    const edit = (n: number) => ({ path: 'content/hr/leave.mdx', baseCommit: t.base, content: leave.replace('20 days', `${n} days`), summary: `Set ${n}` });
    let clock = Date.parse('2026-03-01T09:00:00Z');
    const service = new ProposalService({ backend: t.fx.backend, contentPrefix: 'content', rateLimits: { perMinute: 1000, perDay: 1000 }, now: () => new Date((clock += 60_000)) });
    for (const n of [31, 32, 33]) await service.submit(edit(n), dana);
    expect((await service.list(dana, 2)).map((p) => p.summary)).toEqual(['Set 33', 'Set 32']);
  });
});
