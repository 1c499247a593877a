/**
 * The day the site is built, YYYY-MM-DD (UTC). Review badges ("review due", "overdue") are judged
 * against it; set PINKAS_TODAY to build as of another day (tests, reproducible builds).
 */
export const buildDate: string = (process.env.PINKAS_TODAY ?? new Date().toISOString()).slice(0, 10);
