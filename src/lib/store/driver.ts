import type { Sql } from './sql.ts';

export type Dialect = 'sqlite' | 'postgres';

/** A row as the database driver returns it; rows.ts turns its values into the store's types. */
export type Row = Record<string, unknown>;

/** What the store's queries need from a connection, inside a transaction or not. */
export interface Queryable {
  readonly dialect: Dialect;
  /** Runs a query and returns its rows. */
  all(query: Sql): Promise<Row[]>;
  /** Runs a statement and returns how many rows it changed. */
  run(query: Sql): Promise<number>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(script: string): Promise<void>;
}

/** A database connection (SQLite) or pool (PostgreSQL). */
export interface Driver extends Queryable {
  /** Runs `work` in one transaction: committed if it resolves, rolled back if it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
