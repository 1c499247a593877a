/**
 * The page-check pool: pages are merged, checked and diffed in worker threads, each within a time
 * budget. A page that takes the checker longer is refused as too complex and its worker replaced;
 * meanwhile the other workers, and the thread that answers requests, go on.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CheckFailure, CheckPool } from '../../src/lib/proposals/check-pool.ts';
import type { PageChange } from '../../src/lib/proposals/page-change.ts';

const worker = new URL('../../src/lib/proposals/check-worker.ts', import.meta.url);
const page = (yours: string, extra: Partial<PageChange> = {}): PageChange => ({ displayPath: 'content/hr/x.md', contentPath: 'hr/x.md', base: '', yours, ...extra });
/** Quadratic for micromark: minutes of work at this size. */
const hostile = '*a'.repeat(50_000);

let pool: CheckPool | undefined;
afterEach(async () => {
  await pool?.close();
  pool = undefined;
});

describe('the page-check pool', () => {
  it('checks a page in a worker: its problems, title, owners and what changed', async () => {
    pool = new CheckPool({ workerUrl: worker, size: 1 });
    const outcome = await pool.check(page('---\ntitle: Parking\nowner: "@noa"\n---\n\nPark [here](javascript:alert(1)).\n', { base: '---\ntitle: Parking\nowner: "@noa"\n---\n\nPark.\n' }));
    expect(outcome).toMatchObject({ kind: 'ready', merged: false, title: 'Parking', owners: ['@noa'], changes: { added: 1, removed: 1, exact: true } });
    expect(outcome.kind === 'ready' && outcome.problems.map((p) => [p.line, p.field])).toEqual([[6, 'html']]);
  }, 60_000);

  it('merges with the page as it is now, or reports the conflict', async () => {
    pool = new CheckPool({ workerUrl: worker, size: 1 });
    const base = 'a\n\nb\n\nc\n';
    expect(await pool.check(page('A\n\nb\n\nc\n', { base, theirs: 'a\n\nb\n\nC\n' }))).toMatchObject({ kind: 'ready', merged: true, content: 'A\n\nb\n\nC\n' });
    expect(await pool.check(page('A\n\nb\n\nc\n', { base, theirs: 'Z\n\nb\n\nc\n' }))).toMatchObject({ kind: 'conflict', conflicts: [{ base: 'a', yours: 'A', theirs: 'Z', line: 1 }] });
  }, 60_000);

  it('refuses a page over its budget as too complex, replaces the worker, and checks the next page', async () => {
    pool = new CheckPool({ workerUrl: worker, size: 2, budgetMs: 1000 });
    await pool.ready();
    const started = Date.now();
    const refused = pool.check(page(hostile)).catch((e: unknown) => e);
    // Meanwhile the other worker checks an ordinary page, and this thread keeps its timers on time.
    const late: number[] = [];
    const ticking = setInterval(((last) => () => {
      late.push(Date.now() - last.at - 50);
      last.at = Date.now();
    })({ at: Date.now() }), 50);
    expect(await pool.check(page('# Ordinary\n\nText.\n'))).toMatchObject({ kind: 'ready', title: 'Ordinary' });
    const error = await refused;
    clearInterval(ticking);
    expect(error).toBeInstanceOf(CheckFailure);
    expect((error as CheckFailure).kind).toBe('too-complex');
    expect(Date.now() - started).toBeLessThan(8000);
    expect(Math.max(...late)).toBeLessThan(200);
    // A worker took the place of the one that was stopped.
    expect(await pool.check(page('# After\n'))).toMatchObject({ kind: 'ready', title: 'After' });
  }, 60_000);

  it('refuses pages beyond its queue as busy', async () => {
    pool = new CheckPool({ workerUrl: worker, size: 1, budgetMs: 1000, maxQueue: 1 });
    await pool.ready();
    const first = pool.check(page(hostile)).catch((e: unknown) => e);
    const second = pool.check(page('# Waits\n'));
    const third = await pool.check(page('# Too many\n')).catch((e: unknown) => e);
    expect((third as CheckFailure).kind).toBe('busy');
    expect(((await first) as CheckFailure).kind).toBe('too-complex');
    expect(await second).toMatchObject({ title: 'Waits' });
  }, 60_000);

  it('says the checker is broken when its worker cannot start', async () => {
    pool = new CheckPool({ workerUrl: new URL('./no-such-worker.ts', worker), size: 1 });
    const error = await pool.check(page('# x\n')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CheckFailure);
    expect((error as CheckFailure).kind).toBe('broken');
    expect((error as Error).message).toMatch(/could not start/);
  }, 60_000);
});
