import { z } from 'zod';

/** Limits on what the store accepts, whoever calls it. */
export const LIMITS = {
  query: 200,
  path: 512,
  comment: 2000,
  name: 200,
  email: 254,
  group: 200,
  groupsPerPerson: 500,
  groupsPerQuery: 100,
  rosterRows: 50_000,
  key: 256,
  window: 64,
  result: 64 * 1024,
  listLimit: 10_000,
} as const;

/** Refused input: what was wrong, field by field (zod's issue codes, e.g. `too_big`). */
export class StoreInputError extends Error {
  readonly issues: { field: string; message: string; code: string }[];

  constructor(what: string, issues: { field: string; message: string; code: string }[]) {
    super(`Invalid ${what}: ${issues.map((i) => `${i.field || '(input)'}: ${i.message}`).join('; ')}`);
    this.name = 'StoreInputError';
    this.issues = issues;
  }

  /** Whether something was refused for its size alone (an HTTP layer answers 413). */
  get tooLarge(): boolean {
    return this.issues.length > 0 && this.issues.every((i) => i.code === 'too_big');
  }
}

/** Parses `input` with `schema`, or throws a StoreInputError naming `what`. */
export function parse<S extends z.ZodType>(what: string, schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new StoreInputError(
    what,
    result.error.issues.map((issue) => ({ field: issue.path.map(String).join('.'), message: issue.message, code: issue.code })),
  );
}

const CONTROL = /[\u0000-\u001f\u007f]/;
const CONTROL_BUT_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** One line of text, no control characters. */
const line = (max: number) =>
  z.string().trim().min(1).max(max).refine((s) => !CONTROL.test(s), 'must not contain control characters');

const date = z.date().refine((d) => !Number.isNaN(d.getTime()), 'must be a valid date');
const optionalDate = date.optional();
const path = line(LIMITS.path);
/**
 * An e-mail address as sign-in gives it: local part and domain, no spaces; an intranet domain
 * without a dot (`developer@localhost`, the dev sign-in's default) is one too.
 */
const email = z
  .string()
  .trim()
  .max(LIMITS.email)
  .regex(/^[^\s@<>()",;]+@[^\s@<>()",;.][^\s@<>()",;]*$/, 'must be an e-mail address')
  .transform((s) => s.toLowerCase());
const lang = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$/, 'must be a language tag such as "en" or "he"').max(35);
const key = z.string().min(1).max(LIMITS.key).regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces');
const group = line(LIMITS.group);
const limit = z.int().min(1).max(LIMITS.listLimit).optional();

export const searchSignal = z.strictObject({
  q: line(LIMITS.query),
  lang,
  results: z.int().min(0),
  opened: z.boolean(),
  at: optionalDate,
});

export const searchCountsQuery = z.strictObject({
  since: date,
  minCount: z.int().min(1).optional(),
  limit,
});

export const feedbackInput = z.strictObject({
  path,
  helpful: z.boolean(),
  comment: z
    .string()
    .max(LIMITS.comment)
    .refine((s) => !CONTROL_BUT_LINES.test(s), 'must not contain control characters')
    .transform((s) => s.trim() || undefined)
    .optional(),
  at: optionalDate,
});

export const feedbackQuery = z.strictObject({ path: path.optional(), since: optionalDate, limit });

export const feedbackTotalsQuery = z.strictObject({ since: optionalDate });

export const acknowledgementInput = z.strictObject({
  path,
  revision: z.int().min(1),
  contentHash: z.string().regex(/^(?:[0-9a-f]{40}|[0-9a-f]{64})$/, 'must be a git object id (40 or 64 hex digits)'),
  email,
  name: line(LIMITS.name),
  at: optionalDate,
});

export const acknowledgementQuery = z.strictObject({ path: path.optional(), email: email.optional() });

export const personInput = z.strictObject({
  email,
  name: line(LIMITS.name),
  groups: z
    .array(group)
    .max(LIMITS.groupsPerPerson)
    .transform((groups) => [...new Set(groups)].sort())
    .optional(),
  seenAt: optionalDate,
});

export const roster = z.array(personInput).max(LIMITS.rosterRows);

export const peopleQuery = z.strictObject({ groups: z.array(group).min(1).max(LIMITS.groupsPerQuery).optional() });

export const emailOnly = email;

/** One period of a counter, e.g. `minute:2025-03-01T10:05`. */
const windowName = z.string().min(1).max(LIMITS.window).regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces');

export const counterHit = z.strictObject({
  key,
  window: windowName,
  expiresAt: date,
  by: z.int().min(1).max(1_000_000).optional(),
});

export const counterRead = z.strictObject({
  key,
  windows: z.array(windowName).max(16),
  now: optionalDate,
});

export const claimRequest = z.strictObject({ key, expiresAt: date, now: optionalDate });

export const claimCompletion = z.strictObject({
  key,
  token: z.uuid(),
  result: z.json().refine((value) => JSON.stringify(value).length <= LIMITS.result, `must be at most ${LIMITS.result} characters as JSON`),
  expiresAt: date,
});

export const claimRenewal = z.strictObject({ key, token: z.uuid(), expiresAt: date });

export const claimRelease = z.strictObject({ key, token: z.uuid() });

export const keyOnly = key;

export const cutoff = date;
