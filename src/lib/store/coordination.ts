import { randomUUID } from 'node:crypto';
import type { Queryable } from './driver.ts';
import { toDate, toNumber } from './rows.ts';
import { list, sql } from './sql.ts';
import type { Claim, ClaimState, IdempotencyRecord } from './types.ts';

/**
 * What several service processes share: rate-limit counters and idempotency claims. Each
 * operation is one statement, so the database makes it atomic across processes.
 */

export async function incrementCounter(db: Queryable, hit: { key: string; window: string; expiresAt: Date; by: number }): Promise<number> {
  const [row] = await db.all(sql`
    INSERT INTO rate_counters (key, bucket, hits, expires_at) VALUES (${hit.key}, ${hit.window}, ${hit.by}, ${hit.expiresAt})
    ON CONFLICT (key, bucket) DO UPDATE SET hits = rate_counters.hits + excluded.hits
    RETURNING hits`);
  return toNumber(row!.hits);
}

export async function readCounters(db: Queryable, read: { key: string; windows: string[]; now: Date }): Promise<number[]> {
  if (read.windows.length === 0) return [];
  const rows = await db.all(sql`
    SELECT bucket, hits FROM rate_counters WHERE key = ${read.key} AND bucket IN (${list(read.windows)}) AND expires_at > ${read.now}`);
  const hits = new Map(rows.map((row) => [String(row.bucket), toNumber(row.hits)]));
  return read.windows.map((window) => hits.get(window) ?? 0);
}

export async function getClaim(db: Queryable, key: string, now: Date): Promise<IdempotencyRecord | undefined> {
  const [row] = await db.all(sql`SELECT key, state, result, expires_at FROM idempotency WHERE key = ${key} AND expires_at > ${now}`);
  if (!row) return undefined;
  const record: IdempotencyRecord = { key: String(row.key), state: String(row.state) as ClaimState, expiresAt: toDate(row.expires_at) };
  if (row.result !== null && row.result !== undefined) record.result = JSON.parse(String(row.result));
  return record;
}

/**
 * Inserts an in-flight record for the key, or takes over one that has expired; the row comes
 * back only to the one claim that wrote it. A loser reads the record it lost to; if that record
 * disappeared in between (released, or expired), it tries again.
 */
export async function claim(db: Queryable, request: { key: string; expiresAt: Date; now: Date }): Promise<Claim> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const token = randomUUID();
    const won = await db.all(sql`
      INSERT INTO idempotency (key, state, owner, result, expires_at) VALUES (${request.key}, 'in-flight', ${token}, NULL, ${request.expiresAt})
      ON CONFLICT (key) DO UPDATE SET state = 'in-flight', owner = excluded.owner, result = NULL, expires_at = excluded.expires_at
      WHERE idempotency.expires_at <= ${request.now}
      RETURNING owner`);
    if (won.length === 1 && won[0]!.owner === token) return { claimed: true, token };
    const record = await getClaim(db, request.key, request.now);
    if (record) return { claimed: false, record };
  }
  throw new Error(`Could not claim ${request.key}: its record keeps changing`);
}

export async function completeClaim(db: Queryable, c: { key: string; token: string; result: unknown; expiresAt: Date }): Promise<boolean> {
  const changed = await db.run(sql`
    UPDATE idempotency SET state = 'done', result = ${JSON.stringify(c.result)}, expires_at = ${c.expiresAt}
    WHERE key = ${c.key} AND owner = ${c.token} AND state = 'in-flight'`);
  return changed === 1;
}

export async function renewClaim(db: Queryable, c: { key: string; token: string; expiresAt: Date }): Promise<boolean> {
  const changed = await db.run(sql`
    UPDATE idempotency SET expires_at = ${c.expiresAt} WHERE key = ${c.key} AND owner = ${c.token} AND state = 'in-flight'`);
  return changed === 1;
}

export async function releaseClaim(db: Queryable, c: { key: string; token: string }): Promise<boolean> {
  return (await db.run(sql`DELETE FROM idempotency WHERE key = ${c.key} AND owner = ${c.token} AND state = 'in-flight'`)) === 1;
}

export async function deleteExpired(db: Queryable, now: Date): Promise<{ counters: number; claims: number }> {
  const counters = await db.run(sql`DELETE FROM rate_counters WHERE expires_at <= ${now}`);
  const claims = await db.run(sql`DELETE FROM idempotency WHERE expires_at <= ${now}`);
  return { counters, claims };
}
