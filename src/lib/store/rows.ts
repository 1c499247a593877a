import type { Row } from './driver.ts';

/**
 * Values as the drivers return them, made the same for both: SQLite keeps times as ISO text and
 * booleans as 0/1; PostgreSQL returns BIGINT and SUM() results as strings.
 */
export function toDate(value: unknown): Date {
  return value instanceof Date ? value : new Date(String(value));
}

export function toNumber(value: unknown): number {
  return typeof value === 'number' ? value : Number(value ?? 0);
}

export function toBoolean(value: unknown): boolean {
  return value === true || value === 1 || value === 1n;
}

export function text(row: Row, column: string): string {
  return String(row[column]);
}

/** The UTC day of a time, as `YYYY-MM-DD`. */
export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}
