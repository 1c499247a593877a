/**
 * Opening the store: which one the environment names, its schema migrated once however many
 * processes open it at the same moment, and what several processes on one store share.
 */
import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate, migrations } from '../../src/lib/store/migrations.ts';
import { openStore, storeConfig } from '../../src/lib/store/open.ts';
import { cleanupStores, describeEachStore, storeKinds, type StoreEnv } from '../support/store-fixtures.ts';

afterAll(cleanupStores);

const WORKER = fileURLToPath(new URL('../support/store-worker.ts', import.meta.url));
const DAY = 24 * 60 * 60 * 1000;

interface WorkerResult {
  code: number | null;
  stderr: string;
  result: { claimed: boolean; counts: number[] };
}

/** Starts `count` service processes, lets them all go at once, and returns what each got. */
async function runProcesses(count: number, job: { env: StoreEnv; key: string; hits: number }): Promise<WorkerResult[]> {
  const workers = Array.from({ length: count }, () => {
    const child = spawn(process.execPath, [WORKER, JSON.stringify(job)], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const ready = new Promise<void>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (stdout.startsWith('ready\n')) resolve();
      });
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const done = new Promise<WorkerResult>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code) => {
        const last = stdout.trim().split('\n').at(-1) ?? '';
        resolve({ code, stderr, result: last.startsWith('{') ? JSON.parse(last) : { claimed: false, counts: [] } });
      });
    });
    return { child, ready, done };
  });
  await Promise.all(workers.map((w) => w.ready));
  for (const w of workers) w.child.stdin.write('go\n');
  return Promise.all(workers.map((w) => w.done));
}

describeEachStore('several service processes', ({ kind }) => {
  it('opening a new database at once apply its migrations once, and share one claim and one counter without losing a hit', async () => {
    const env = await kind.freshEnv();
    const results = await runProcesses(6, { env, key: 'proposal:retry-key-0001', hits: 40 });
    for (const r of results) expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
    expect(results.filter((r) => r.result.claimed)).toHaveLength(1);
    const counts = results.flatMap((r) => r.result.counts).sort((a, b) => a - b);
    expect(counts).toEqual(Array.from({ length: 240 }, (_, i) => i + 1));
    const applied = await kind.raw(env, 'SELECT version FROM schema_migrations ORDER BY version');
    expect(applied.map((row) => Number(row.version))).toEqual(migrations.map((m) => m.version));
  }, 60_000);
});

describeEachStore('migrations', ({ kind, env, store }) => {
  it('are applied on first open and recorded once; opening again, even three times at once, keeps the data', async () => {
    await store().addFeedback({ path: 'hr/leave', helpful: true });
    const again = await Promise.all([openStore(env()), openStore(env()), openStore(env())]);
    for (const s of again) expect(await s.listFeedback()).toHaveLength(1);
    await Promise.all(again.map((s) => s.close()));
    const applied = await kind.raw(env(), 'SELECT version, name FROM schema_migrations');
    expect(applied.map((row) => ({ version: Number(row.version), name: row.name }))).toEqual(migrations.map((m) => ({ version: m.version, name: m.name })));
  });

  it('apply a new migration on the next open, in one transaction: a failing one leaves nothing behind', async () => {
    const driver = kind.driver(env());
    try {
      const failing = { version: 2, name: 'half done', sql: () => 'CREATE TABLE notes (body TEXT); INSERT INTO no_such_table VALUES (1);' };
      await expect(migrate(driver, [...migrations, failing])).rejects.toThrow(/no_such_table/);
      const working = { version: 2, name: 'notes', sql: () => 'CREATE TABLE notes (body TEXT);' };
      expect(await migrate(driver, [...migrations, working])).toEqual([2]);
      expect(await migrate(driver, [...migrations, working])).toEqual([]);
    } finally {
      await driver.close();
    }
    expect((await kind.raw(env(), 'SELECT version FROM schema_migrations ORDER BY version')).map((r) => Number(r.version))).toEqual([1, 2]);
  });

  it('refuse a database whose applied migration was edited, or that a newer Pinkas migrated', async () => {
    await kind.raw(env(), "UPDATE schema_migrations SET checksum = 'edited' WHERE version = 1");
    await expect(openStore(env())).rejects.toThrow(/Migration 1 .* was changed after it was applied/);
    const fresh = await kind.freshEnv();
    await (await openStore(fresh)).close();
    await kind.raw(fresh, "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (99, 'future', 'x', '2030-01-01T00:00:00.000Z')");
    await expect(openStore(fresh)).rejects.toThrow(/schema version 99, newer than this Pinkas knows/);
  });

  it('apply the retention on open: PINKAS_SIGNALS_RETENTION_DAYS, 180 days when unset', async () => {
    const [old, recent, yesterday] = [200, 40, 1].map((days) => new Date(Date.now() - days * DAY));
    for (const at of [old!, recent!, yesterday!]) await store().addFeedback({ path: 'hr/leave', helpful: true, at });
    await (await openStore(env())).close();
    expect((await store().listFeedback()).map((f) => f.at)).toEqual([yesterday, recent]);
    await (await openStore({ ...env(), PINKAS_SIGNALS_RETENTION_DAYS: '30' })).close();
    expect((await store().listFeedback()).map((f) => f.at)).toEqual([yesterday]);
  });
});

describe('choosing the store', () => {
  it('is SQLite in .pinkas-data/ by default, or in PINKAS_DATA_DIR, relative to the working folder', () => {
    expect(storeConfig({}, '/srv/wiki')).toEqual({ kind: 'sqlite', file: '/srv/wiki/.pinkas-data/pinkas.sqlite', retentionDays: 180 });
    expect(storeConfig({ PINKAS_DATA_DIR: 'var/data', PINKAS_DATABASE_URL: '' }, '/srv/wiki')).toMatchObject({ file: '/srv/wiki/var/data/pinkas.sqlite' });
    expect(storeConfig({ PINKAS_DATA_DIR: '/data' }, '/srv/wiki')).toMatchObject({ file: '/data/pinkas.sqlite' });
  });

  it('is PostgreSQL when PINKAS_DATABASE_URL is set', () => {
    const url = 'postgres://pinkas@db.internal:5432/pinkas';
    expect(storeConfig({ PINKAS_DATABASE_URL: url, PINKAS_DATA_DIR: '/data', PINKAS_SIGNALS_RETENTION_DAYS: '90' })).toEqual({ kind: 'postgres', url, retentionDays: 90 });
  });

  it.each([
    [{ PINKAS_DATABASE_URL: 'mysql://db/pinkas' }, 'PINKAS_DATABASE_URL'],
    [{ PINKAS_SIGNALS_RETENTION_DAYS: '0' }, 'PINKAS_SIGNALS_RETENTION_DAYS'],
    [{ PINKAS_SIGNALS_RETENTION_DAYS: 'a year' }, 'PINKAS_SIGNALS_RETENTION_DAYS'],
  ])('refuses %o, naming the variable', (env, variable) => {
    expect(() => storeConfig(env)).toThrow(variable);
  });

  it('creates the SQLite folder and file on first use, private to the service, in WAL mode', async () => {
    const sqlite = storeKinds.find((k) => k.name === 'SQLite')!;
    const env = await sqlite.freshEnv();
    await (await openStore(env)).close();
    expect(statSync(env.PINKAS_DATA_DIR!).mode & 0o777).toBe(0o700);
    expect(statSync(path.join(env.PINKAS_DATA_DIR!, 'pinkas.sqlite')).isFile()).toBe(true);
    expect(await sqlite.raw(env, 'PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
  });
});
