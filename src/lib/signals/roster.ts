/**
 * A roster an admin imports (`npm run roster:import -- people.csv`), so that required reading knows
 * the members of each audience before they ever sign in. CSV with a header row naming the columns
 * `email`, `name` and `groups` (any order, any case); groups separated by `;` (or `|`) inside
 * their cell, or by commas when the cell is quoted:
 *
 *   email,name,groups
 *   dana@galil.example,Dana Levi,warehouse;drivers
 *   "avi@galil.example","Avi Cohen","hr, managers"
 */
import { parse } from 'csv-parse/sync';
import type { PersonInput } from '../store/types.ts';
import { normalizeGroups } from './audience.ts';

export class RosterError extends Error {
  override name = 'RosterError';
}

const EMAIL = /^[^\s@<>()",;]+@[^\s@<>()",;]+\.[^\s@<>()",;]+$/;

export function parseRoster(text: string): PersonInput[] {
  let records: Record<string, string>[];
  try {
    records = parse(text, { columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()), skip_empty_lines: true, trim: true, bom: true });
  } catch (error) {
    throw new RosterError(`The roster is not valid CSV: ${(error as Error).message}`);
  }
  const first = records[0];
  if (!first) return [];
  for (const column of ['email', 'name']) {
    if (!(column in first)) throw new RosterError(`The roster's header row must name the columns email, name and groups (it has ${Object.keys(first).join(', ')}).`);
  }
  return records.map((record, i) => {
    const line = i + 2;
    const email = (record.email ?? '').toLowerCase();
    if (!EMAIL.test(email)) throw new RosterError(`Line ${line}: "${email}" is not an e-mail address.`);
    const name = record.name || email.split('@')[0]!;
    const groups = normalizeGroups((record.groups ?? '').split(/[;|,]/));
    return { email, name, groups };
  });
}
