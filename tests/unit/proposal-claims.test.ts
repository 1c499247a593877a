/**
 * Several service processes on one store behave as one (src/lib/proposals/submit-claims.ts,
 * rate-limit.ts): two services — each with its own backend over the same repository and its own
 * connection to the store — get duplicate submits at the same moment and make one proposal; a
 * duplicate that cannot wait is told to try again; the claim of a process killed mid-proposal
 * expires, and the retry finishes the proposal from the branch the killed process left; the
 * per-person limit counts the proposals of both. Run against SQLite and PostgreSQL. (Two real
 * server processes on PostgreSQL: tests/browser/several-servers.test.ts.)
 */
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, expect, it } from 'vitest';
import { ProposalError } from '../../src/lib/proposals/errors.ts';
import { proposalId } from '../../src/lib/proposals/ids.ts';
import { LocalBackend } from '../../src/lib/proposals/local-backend.ts';
import { ProposalService } from '../../src/lib/proposals/service.ts';
import type { ClaimTimings } from '../../src/lib/proposals/submit-claims.ts';
import type { Identity } from '../../src/lib/proposals/types.ts';
import { openStore } from '../../src/lib/store/open.ts';
import type { Store } from '../../src/lib/store/types.ts';
import { useReadyChecker, wikiFiles } from '../support/backend-fixtures.ts';
import { tempRepo } from '../support/git-repo.ts';
import { cleanupStores, describeEachStore } from '../support/store-fixtures.ts';

useReadyChecker();
afterAll(cleanupStores);

const dana: Identity = { name: 'Dana Levi', email: 'dana@galil.example', source: 'header' };
const leave = wikiFiles['content/hr/leave.mdx']!;
const fast: Partial<ClaimTimings> = { holdMs: 1500, renewMs: 300, waitMs: 6000, pollMs: 50 };

describeEachStore('two service processes on one store', ({ env }) => {
  let repo: Awaited<ReturnType<typeof tempRepo>>;
  let base: string;
  const stores: Store[] = [];
  /** How many times a backend of any process was asked to create a proposal. */
  let creates = 0;
  beforeEach(async () => {
    creates = 0;
    repo = await tempRepo();
    for (const [file, text] of Object.entries(wikiFiles)) await repo.write(file, text);
    base = repo.commit('Initial wiki', 'Wiki Admin <admin@example.com>', '2026-01-01T09:00:00Z');
  });
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((s) => s.close()));
    await repo.remove();
  });

  /** A service process: its own backend over the repository, its own connection to the store. */
  async function serviceProcess(options: { perMinute?: number; timings?: Partial<ClaimTimings> } = {}) {
    const store = await openStore(env());
    stores.push(store);
    const backend = new LocalBackend({ dir: repo.dir, proposalUrl: (id) => `http://wiki.test/proposals/#${id}` });
    const create = backend.create.bind(backend);
    backend.create = (proposal) => {
      creates += 1;
      return create(proposal);
    };
    const service = new ProposalService({ backend, contentPrefix: 'content', rateLimits: { perMinute: options.perMinute ?? 1000, perDay: 10_000 }, coordination: store, claimTimings: options.timings ?? fast });
    return { store, service };
  }
  const edit = (content: string) => ({ path: 'content/hr/leave.mdx', baseCommit: base, content, summary: 'Fix the notice period' });
  const branches = () => repo.git('for-each-ref', '--format=%(refname:short)', 'refs/heads/pinkas/').split('\n').filter(Boolean);
  const records = async () => (await readdir(path.join(repo.dir, '.git/pinkas/proposals')).catch(() => [])).filter((f) => f.endsWith('.json'));

  it('make one proposal of duplicate submits that reach both at once, and give it to every duplicate', async () => {
    // One proposal a minute: a duplicate that made a proposal of its own would be refused.
    const [a, b] = [await serviceProcess({ perMinute: 1 }), await serviceProcess({ perMinute: 1 })];
    const body = edit(leave.replace('two weeks', 'three weeks'));
    const answers = await Promise.all([a, b, a, b, b, a].map((p) => p.service.submit(body, dana, 'double-click-0001')));
    expect(new Set(answers.map((p) => p.id))).toEqual(new Set([proposalId(dana.email, 'double-click-0001')]));
    expect(new Set(answers.map((p) => p.branch)).size).toBe(1);
    expect(branches()).toEqual([answers[0]!.branch]);
    expect(await records()).toHaveLength(1);
    expect(repo.git('rev-list', '--count', `main..${answers[0]!.branch}`)).toBe('1');
    expect(creates).toBe(1);
  });

  it('refuse (422) a duplicate key with another request while the first is being made elsewhere', async () => {
    const [a, b] = [await serviceProcess(), await serviceProcess()];
    const [first, second] = await Promise.allSettled([
      a.service.submit(edit(leave.replace('two weeks', 'three weeks')), dana, 'reused-key-0001'),
      b.service.submit(edit(leave.replace('two weeks', 'four weeks')), dana, 'reused-key-0001'),
    ]);
    const made = [first, second].filter((r) => r.status === 'fulfilled');
    const refused = [first, second].filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(made).toHaveLength(1);
    expect(refused.map((r) => (r.reason as ProposalError).status)).toEqual([422]);
    expect((refused[0]!.reason as ProposalError).message).toMatch(/Idempotency-Key was already used for a different proposal|is being used for a different proposal/);
    expect(branches()).toHaveLength(1);
  });

  it('tell a duplicate that cannot wait any longer to try again in a moment (409, Retry-After), and make nothing', async () => {
    const { store } = await serviceProcess();
    const { service } = await serviceProcess({ timings: { ...fast, waitMs: 400 } });
    // Another process is making this very proposal and keeps its claim alive.
    const held = await store.claim({ key: `proposal:${proposalId(dana.email, 'slow-key-0001')}`, expiresAt: new Date(Date.now() + 60_000) });
    expect(held.claimed).toBe(true);
    const error = (await service.submit(edit(leave.replace('two weeks', 'three weeks')), dana, 'slow-key-0001').catch((e: unknown) => e)) as ProposalError;
    expect(error).toBeInstanceOf(ProposalError);
    expect({ status: error.status, headers: error.headers, details: error.details }).toEqual({ status: 409, headers: { 'Retry-After': '5' }, details: { retryAfter: 5 } });
    expect(error.message).toBe('This proposal is being created right now, by the same submit sent a moment ago. Your draft is kept; try again in a moment to see it.');
    expect(branches()).toEqual([]);
  });

  it('let the retry after a process was killed mid-proposal claim it once the claim expires, and adopt the branch it left', async () => {
    // (A first process that keeps its finished proposals for no time, so that the retry cannot take it from the store.)
    const first = await (await serviceProcess({ timings: { ...fast, keepMs: 1 } })).service.submit(edit(leave.replace('two weeks', 'three weeks')), dana, 'killed-key-0001');
    const tip = repo.git('rev-parse', first.branch);
    // The kill: the branch is written, its record is not, and the claim was never completed.
    await rm(path.join(repo.dir, '.git/pinkas/proposals', `${first.id}.json`));
    const { store, service } = await serviceProcess();
    const dead = await store.claim({ key: `proposal:${first.id}`, expiresAt: new Date(Date.now() + 1000) });
    expect(dead.claimed).toBe(true);
    const started = Date.now();
    const retried = await service.submit(edit(leave.replace('two weeks', 'three weeks')), dana, 'killed-key-0001');
    expect(Date.now() - started).toBeGreaterThanOrEqual(800);
    expect(retried).toMatchObject({ id: first.id, branch: first.branch, status: 'open' });
    expect(repo.git('rev-parse', first.branch)).toBe(tip);
    expect(await records()).toEqual([`${first.id}.json`]);
  });

  it('share the per-person limit: the proposal one too many is refused (429) by the other process', async () => {
    const [a, b] = [await serviceProcess({ perMinute: 2 }), await serviceProcess({ perMinute: 2 })];
    await a.service.submit(edit(leave.replace('20 days', '21 days')), dana);
    await b.service.submit(edit(leave.replace('20 days', '22 days')), dana);
    const error = (await a.service.submit(edit(leave.replace('20 days', '23 days')), dana).catch((e: unknown) => e)) as ProposalError;
    expect(error.status).toBe(429);
    expect(error.message).toMatch(/^Too many proposals: the limit is 2 proposals a minute\. Your draft is kept; try again in \d+ s\.$/);
    expect(Number(error.headers['Retry-After'])).toBeGreaterThan(0);
    // Someone else is not held back, and a retry of a proposal already made is not counted.
    await b.service.submit(edit(leave.replace('20 days', '24 days')), { ...dana, email: 'yossi@galil.example', name: 'Yossi' });
    expect((await b.service.submit(edit(leave.replace('20 days', '22 days')), dana)).summary).toBe('Fix the notice period');
    expect(branches()).toHaveLength(3);
  });
});
