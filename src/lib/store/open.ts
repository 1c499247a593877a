import path from 'node:path';
import { z } from 'zod';
import type { Driver } from './driver.ts';
import { migrate } from './migrations.ts';
import { createSqlStore, type StoreOptions } from './sql-store.ts';
import type { Store } from './types.ts';

export const DEFAULT_DATA_DIR = '.pinkas-data';
export const SQLITE_FILE = 'pinkas.sqlite';
export const DEFAULT_RETENTION_DAYS = 180;

export type StoreConfig = ({ kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string }) & {
  /** Search counts and feedback older than this many days are deleted. */
  retentionDays: number;
};

const unsetIfEmpty = (value: unknown) => (value === '' ? undefined : value);

const storeEnv = z.object({
  PINKAS_DATABASE_URL: z.preprocess(unsetIfEmpty, z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL').optional()),
  PINKAS_DATA_DIR: z.preprocess(unsetIfEmpty, z.string().optional()),
  PINKAS_SIGNALS_RETENTION_DAYS: z.preprocess(unsetIfEmpty, z.coerce.number().int().min(1).max(36_500).optional()),
});

/**
 * Where the store lives: PostgreSQL when PINKAS_DATABASE_URL is set, else a SQLite file in
 * PINKAS_DATA_DIR (default `.pinkas-data/`, relative to `cwd`).
 */
export function storeConfig(env: Record<string, string | undefined> = process.env, cwd: string = process.cwd()): StoreConfig {
  const result = storeEnv.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid store configuration (PINKAS_* environment variables):\n${lines.join('\n')}`);
  }
  const e = result.data;
  const retentionDays = e.PINKAS_SIGNALS_RETENTION_DAYS ?? DEFAULT_RETENTION_DAYS;
  if (e.PINKAS_DATABASE_URL) return { kind: 'postgres', url: e.PINKAS_DATABASE_URL, retentionDays };
  return { kind: 'sqlite', file: path.resolve(cwd, e.PINKAS_DATA_DIR ?? DEFAULT_DATA_DIR, SQLITE_FILE), retentionDays };
}

async function openDriver(config: StoreConfig): Promise<Driver> {
  // Each driver is loaded only when chosen: a SQLite deployment never loads pg, and the other way round.
  if (config.kind === 'postgres') return (await import('./postgres-driver.ts')).openPostgresDriver(config.url);
  return (await import('./sqlite-driver.ts')).openSqliteDriver(config.file);
}

/**
 * Opens the store the environment names, creating it on first use: applies the migrations not
 * yet applied, then the retention (old signals and expired counters deleted).
 */
export async function openStore(env: Record<string, string | undefined> = process.env, options: StoreOptions & { cwd?: string } = {}): Promise<Store> {
  const config = storeConfig(env, options.cwd);
  const driver = await openDriver(config);
  try {
    await migrate(driver);
    const store = createSqlStore(driver, options);
    const now = options.now?.() ?? new Date();
    await store.deleteSignalsBefore(new Date(now.getTime() - config.retentionDays * 24 * 60 * 60 * 1000));
    await store.deleteExpired(now);
    return store;
  } catch (error) {
    await driver.close().catch(() => undefined);
    throw error;
  }
}
