/**
 * The day it is, YYYY-MM-DD (UTC). Review badges ("review due", "overdue") and reminders are judged
 * against it; `PINKAS_TODAY` sets another day (tests, reproducible builds).
 */
export function today(env: Record<string, string | undefined> = process.env): string {
  return (env.PINKAS_TODAY ?? new Date().toISOString()).slice(0, 10);
}
