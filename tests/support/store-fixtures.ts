/**
 * The two stores the contract suite runs against: SQLite in a temporary folder, and PostgreSQL in
 * a throw-away cluster (tests/support/postgres.ts), one new database per test. Without PostgreSQL
 * installed its half is skipped, and says so — unless PINKAS_REQUIRE_POSTGRES is set (CI), when a
 * missing PostgreSQL fails the run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe } from 'vitest';
import type { Driver, Row } from '../../src/lib/store/driver.ts';
import { openStore } from '../../src/lib/store/open.ts';
import { openPostgresDriver } from '../../src/lib/store/postgres-driver.ts';
import { Sql } from '../../src/lib/store/sql.ts';
import { openSqliteDriver } from '../../src/lib/store/sqlite-driver.ts';
import type { Store } from '../../src/lib/store/types.ts';
import { findPostgresBin, startPostgres, type PostgresServer } from './postgres.ts';

export type StoreEnv = Record<string, string>;

export interface StoreKind {
  name: 'SQLite' | 'PostgreSQL';
  /** Why this half does not run here, if it does not. */
  skip: string | undefined;
  /** The environment that names a new, empty database. */
  freshEnv(): Promise<StoreEnv>;
  /** A driver on the database, beside the store. */
  driver(env: StoreEnv): Driver;
  /** Runs SQL on the database directly, beside the store (to see what the database itself allows). */
  raw(env: StoreEnv, text: string): Promise<Row[]>;
}

const folders: string[] = [];
let server: Promise<PostgresServer> | undefined;

async function rawQuery(driver: Driver, text: string): Promise<Row[]> {
  try {
    return await driver.all(new Sql([text], []));
  } finally {
    await driver.close();
  }
}

const sqlite: StoreKind = {
  name: 'SQLite',
  skip: undefined,
  freshEnv: async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'pinkas-store-'));
    folders.push(folder);
    return { PINKAS_DATA_DIR: path.join(folder, 'data') };
  },
  driver: (env) => openSqliteDriver(path.join(env.PINKAS_DATA_DIR!, 'pinkas.sqlite')),
  raw: (env, text) => rawQuery(sqlite.driver(env), text),
};

/** Why PostgreSQL cannot run here, if it cannot. */
export const missingPostgres = findPostgresBin() ? undefined : 'PostgreSQL is not installed (no initdb); apt-get install postgresql';
if (missingPostgres && process.env.PINKAS_REQUIRE_POSTGRES) throw new Error(`PINKAS_REQUIRE_POSTGRES is set, but ${missingPostgres}`);
if (missingPostgres) console.warn(`The PostgreSQL half of the store suite is skipped: ${missingPostgres}.`);

const postgres: StoreKind = {
  name: 'PostgreSQL',
  skip: missingPostgres,
  freshEnv: async () => {
    server ??= startPostgres();
    return { PINKAS_DATABASE_URL: await (await server).createDatabase() };
  },
  driver: (env) => openPostgresDriver(env.PINKAS_DATABASE_URL!),
  raw: (env, text) => rawQuery(postgres.driver(env), text),
};

export const storeKinds: readonly StoreKind[] = [sqlite, postgres];

/** Stops the PostgreSQL cluster and deletes the SQLite folders; call it in the file's afterAll. */
export async function cleanupStores(): Promise<void> {
  const running = server;
  server = undefined;
  if (running) await (await running).stop();
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
}

export interface StoreContext {
  kind: StoreKind;
  /** The store opened on a new database before each test (closed after it). */
  store(): Store;
  /** That database's environment, to open it again or from another process. */
  env(): StoreEnv;
}

/**
 * `describe`s `body` once per store kind, with a new, empty database for each test. A kind that
 * cannot run here is reported as skipped, with the reason in its title.
 */
export function describeEachStore(title: string, body: (context: StoreContext) => void): void {
  for (const kind of storeKinds) {
    describe.skipIf(kind.skip !== undefined)(`${title} — ${kind.name}${kind.skip ? ` (skipped: ${kind.skip})` : ''}`, () => {
      let store: Store | undefined;
      let env: StoreEnv | undefined;
      // The first test of a file may start the PostgreSQL cluster.
      beforeEach(async () => {
        env = await kind.freshEnv();
        store = await openStore(env);
      }, 120_000);
      afterEach(async () => {
        await store?.close();
        store = undefined;
      });
      body({ kind, store: () => store!, env: () => env! });
    });
  }
}
