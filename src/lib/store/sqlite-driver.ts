import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite';
import pLimit from 'p-limit';
import type { Driver, Queryable, Row } from './driver.ts';
import type { Sql, SqlValue } from './sql.ts';

export interface SqliteOptions {
  /** How long a statement waits for another process's write to finish (default 5 s). */
  busyTimeoutMs?: number;
}

/**
 * Loads `node:sqlite` without its one-time "SQLite is an experimental feature" warning, which
 * says nothing to an operator; every other warning passes through.
 */
function loadSqlite(): typeof import('node:sqlite') {
  const emitWarning = process.emitWarning;
  process.emitWarning = function (warning: string | Error, ...rest: unknown[]) {
    const message = typeof warning === 'string' ? warning : warning.message;
    if (message.startsWith('SQLite is an experimental feature')) return;
    (emitWarning as (...args: unknown[]) => void).call(process, warning, ...rest);
  } as typeof process.emitWarning;
  try {
    return process.getBuiltinModule('node:sqlite');
  } finally {
    process.emitWarning = emitWarning;
  }
}

/** SQLite has no booleans or times: true/false are kept as 1/0, times as ISO 8601 text in UTC. */
function toSqlite(value: SqlValue): SQLInputValue {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof Date) return value.toISOString();
  return value;
}

interface Connection {
  driver: Driver;
  users: number;
}

/**
 * The connections open in this process, one per file. `node:sqlite` is synchronous: a second
 * connection to the same file, waiting for the write lock held by a first one whose transaction
 * is between two awaits, would block the very thread that has to finish that transaction. So
 * every opener of a file in one process shares one connection, and its one-at-a-time queue.
 */
const connections = new Map<string, Connection>();

/**
 * A SQLite database in one file (its folder created on first use), in WAL mode so readers never
 * wait for the writer. Statements run one at a time per process; other processes' writes are
 * waited for up to the busy timeout.
 */
export function openSqliteDriver(file: string, options: SqliteOptions = {}): Driver {
  const key = path.resolve(file);
  let connection = connections.get(key);
  if (!connection) {
    const created: Connection = { driver: connect(key, options), users: 0 };
    connections.set(key, created);
    connection = created;
  }
  connection.users += 1;
  const shared = connection;
  let closed = false;
  return {
    ...shared.driver,
    close: async () => {
      if (closed) return;
      closed = true;
      shared.users -= 1;
      if (shared.users > 0) return;
      connections.delete(key);
      await shared.driver.close();
    },
  };
}

function connect(file: string, options: SqliteOptions): Driver {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const { DatabaseSync: Database } = loadSqlite();
  const db: DatabaseSync = new Database(file, { timeout: options.busyTimeoutMs ?? 5000 });
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;');
  const statements = new Map<string, StatementSync>();
  const prepare = (query: Sql) => {
    const { text, values } = query.render(() => '?');
    let statement = statements.get(text);
    if (!statement) {
      statement = db.prepare(text);
      statements.set(text, statement);
    }
    return { statement, values: values.map(toSqlite) };
  };
  const direct: Queryable = {
    dialect: 'sqlite',
    all: async (query) => {
      const { statement, values } = prepare(query);
      return statement.all(...values) as Row[];
    },
    run: async (query) => {
      const { statement, values } = prepare(query);
      return Number(statement.run(...values).changes);
    },
    exec: async (script) => {
      db.exec(script);
    },
  };
  // One operation at a time on this connection, so that a transaction's statements are never
  // interleaved with another caller's.
  const serial = pLimit(1);
  return {
    dialect: 'sqlite',
    all: (query) => serial(() => direct.all(query)),
    run: (query) => serial(() => direct.run(query)),
    exec: (script) => serial(() => direct.exec(script)),
    transaction: (work) =>
      serial(async () => {
        // IMMEDIATE takes the write lock at once, so two processes never both read and then write.
        db.exec('BEGIN IMMEDIATE');
        try {
          const result = await work(direct);
          db.exec('COMMIT');
          return result;
        } catch (error) {
          if (db.isTransaction) db.exec('ROLLBACK');
          throw error;
        }
      }),
    close: () =>
      serial(async () => {
        if (db.isOpen) db.close();
      }),
  };
}
