import { createHash } from 'node:crypto';
import type { Dialect, Driver } from './driver.ts';
import { sql } from './sql.ts';

/**
 * The schema, as numbered migrations of plain SQL. One text serves both dialects; `t` names the
 * few column types that differ. A migration, once released, is never edited: a change is a new
 * migration (the checksums recorded in schema_migrations catch an edit).
 */
export interface Migration {
  version: number;
  name: string;
  sql: (dialect: Dialect) => string;
}

const TYPES = {
  sqlite: { id: 'INTEGER PRIMARY KEY AUTOINCREMENT', text: 'TEXT', time: 'TEXT', day: 'TEXT', bool: 'INTEGER', table: ' STRICT' },
  // Byte order ("C") sorts and compares text as SQLite does, whatever the server's locale.
  postgres: { id: 'BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY', text: 'TEXT COLLATE "C"', time: 'TIMESTAMPTZ', day: 'DATE', bool: 'BOOLEAN', table: '' },
} as const;

const APPEND_ONLY = {
  sqlite: `
CREATE TRIGGER acknowledgements_no_update BEFORE UPDATE ON acknowledgements
BEGIN SELECT RAISE(ABORT, 'acknowledgements are append-only'); END;
CREATE TRIGGER acknowledgements_no_delete BEFORE DELETE ON acknowledgements
BEGIN SELECT RAISE(ABORT, 'acknowledgements are append-only'); END;`,
  postgres: `
CREATE FUNCTION pinkas_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$;
CREATE TRIGGER acknowledgements_no_change BEFORE UPDATE OR DELETE ON acknowledgements
FOR EACH ROW EXECUTE FUNCTION pinkas_append_only();
CREATE TRIGGER acknowledgements_no_truncate BEFORE TRUNCATE ON acknowledgements
FOR EACH STATEMENT EXECUTE FUNCTION pinkas_append_only();`,
};

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'signals, feedback, acknowledgements, people, counters, idempotency',
    sql: (dialect) => {
      const t = TYPES[dialect];
      return `
CREATE TABLE search_queries (
  day ${t.day} NOT NULL,
  query ${t.text} NOT NULL,
  lang ${t.text} NOT NULL,
  searches INTEGER NOT NULL,
  zero_results INTEGER NOT NULL,
  no_clicks INTEGER NOT NULL,
  PRIMARY KEY (day, query, lang)
)${t.table};
CREATE TABLE feedback (
  id ${t.id},
  path ${t.text} NOT NULL,
  helpful ${t.bool} NOT NULL,
  comment ${t.text},
  at ${t.time} NOT NULL
)${t.table};
CREATE INDEX feedback_by_path ON feedback (path, at);
CREATE INDEX feedback_by_time ON feedback (at);
CREATE TABLE acknowledgements (
  id ${t.id},
  path ${t.text} NOT NULL,
  revision INTEGER NOT NULL,
  content_hash ${t.text} NOT NULL,
  email ${t.text} NOT NULL,
  name ${t.text} NOT NULL,
  at ${t.time} NOT NULL
)${t.table};
CREATE INDEX acknowledgements_by_path ON acknowledgements (path, email);
CREATE INDEX acknowledgements_by_email ON acknowledgements (email);
${APPEND_ONLY[dialect]}
CREATE TABLE people (
  email ${t.text} PRIMARY KEY,
  name ${t.text} NOT NULL,
  seen_at ${t.time}
)${t.table};
CREATE TABLE person_groups (
  email ${t.text} NOT NULL REFERENCES people (email) ON DELETE CASCADE,
  group_name ${t.text} NOT NULL,
  PRIMARY KEY (email, group_name)
)${t.table};
CREATE INDEX person_groups_by_group ON person_groups (group_name);
CREATE TABLE rate_counters (
  key ${t.text} NOT NULL,
  bucket ${t.text} NOT NULL,
  hits INTEGER NOT NULL,
  expires_at ${t.time} NOT NULL,
  PRIMARY KEY (key, bucket)
)${t.table};
CREATE INDEX rate_counters_by_expiry ON rate_counters (expires_at);
CREATE TABLE idempotency (
  key ${t.text} PRIMARY KEY,
  state ${t.text} NOT NULL CHECK (state IN ('in-flight', 'done')),
  owner ${t.text} NOT NULL,
  result ${t.text},
  expires_at ${t.time} NOT NULL
)${t.table};
CREATE INDEX idempotency_by_expiry ON idempotency (expires_at);
`;
    },
  },
];

export class StoreSchemaError extends Error {
  override name = 'StoreSchemaError';
}

/** Any 64-bit number the other users of the database will not take: the migrations' lock. */
const MIGRATION_LOCK = 7_361_426_101;

const checksum = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Applies the migrations not yet applied, in one transaction, and records each in
 * schema_migrations. Safe to run from several processes at once: SQLite's write lock or a
 * PostgreSQL advisory lock lets one apply them while the others wait and then find them applied.
 * Returns the versions this call applied.
 */
export async function migrate(driver: Driver, list: readonly Migration[] = migrations): Promise<number[]> {
  return driver.transaction(async (tx) => {
    if (tx.dialect === 'postgres') await tx.all(sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`);
    await tx.exec(
      `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at ${TYPES[tx.dialect].time} NOT NULL)`,
    );
    const applied = new Map((await tx.all(sql`SELECT version, checksum FROM schema_migrations`)).map((row) => [Number(row.version), String(row.checksum)]));
    const known = new Map(list.map((m) => [m.version, m]));
    for (const [version, sum] of applied) {
      const migration = known.get(version);
      if (!migration) throw new StoreSchemaError(`The database has schema version ${version}, newer than this Pinkas knows (${Math.max(...known.keys())}); upgrade Pinkas.`);
      if (checksum(migration.sql(tx.dialect)) !== sum) throw new StoreSchemaError(`Migration ${version} (${migration.name}) was changed after it was applied; restore it and add a new migration instead.`);
    }
    const pending = list.filter((m) => !applied.has(m.version)).sort((a, b) => a.version - b.version);
    for (const migration of pending) {
      const text = migration.sql(tx.dialect);
      await tx.exec(text);
      await tx.run(sql`INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (${migration.version}, ${migration.name}, ${checksum(text)}, ${new Date()})`);
    }
    return pending.map((m) => m.version);
  });
}
