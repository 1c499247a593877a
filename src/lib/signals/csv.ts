/** The acknowledgements report as CSV, for auditors' spreadsheets. */
import { stringify } from 'csv-stringify/sync';
import type { AcknowledgementReport } from './audience.ts';
import type { PageFacts } from './manifest.ts';

/** A cell a spreadsheet would run as a formula (`=…`, `+…`, `-…`, `@…`) is kept as text. */
function cell(value: string | number): string | number {
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export const CSV_COLUMNS = ['page', 'title', 'current_revision', 'status', 'email', 'name', 'acknowledged_revision', 'acknowledged_at'] as const;

export function acknowledgementsCsv(page: PageFacts, report: AcknowledgementReport): string {
  const rows: (string | number)[][] = [
    ...report.acknowledged.map((a) => [page.address, page.title, report.revision, 'acknowledged', a.email, a.name, a.revision, a.at]),
    ...report.pending.map((p) => [page.address, page.title, report.revision, 'pending', p.email, p.name, '', '']),
  ];
  return stringify(rows.map((row) => row.map(cell)), { header: true, columns: [...CSV_COLUMNS], record_delimiter: 'windows' });
}
