import { z } from 'zod';
import type { Diagnostic } from './diagnostics.ts';

/** Lifecycle of a procedure. Superseded and retired pages leave the navigation and show a banner. */
export const statuses = ['draft', 'active', 'superseded', 'retired'] as const;
export type Status = (typeof statuses)[number];

const isoDate = z.preprocess(
  (value) => (value instanceof Date && !Number.isNaN(value.getTime()) ? value.toISOString().slice(0, 10) : value),
  z
    .string({ error: (issue) => `expected a date as YYYY-MM-DD, got ${describe(issue.input)}` })
    .regex(/^\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/, {
      error: (issue) => `expected a date as YYYY-MM-DD, got ${describe(issue.input)}`,
      abort: true,
    })
    .refine((text) => isRealDate(text.slice(0, 10)), {
      error: (issue) => `${describe(issue.input)} is not a real calendar date`,
    })
    .transform((text) => text.slice(0, 10)),
);

const text = (what: string) =>
  z.preprocess(
    (value) => (typeof value === 'number' ? String(value) : value),
    z.string({ error: (issue) => `expected ${what}, got ${describe(issue.input)}` }).trim().min(1, { error: `expected ${what}, got an empty value` }),
  );

const stringList = (what: string) =>
  z.preprocess(
    (value) =>
      typeof value === 'string'
        ? value.split(',').map((s) => s.trim()).filter(Boolean)
        : value === null
          ? []
          : value,
    z.array(text(what), { error: (issue) => `expected ${what} or a list of them, got ${describe(issue.input)}` }),
  );

/** The word for "everyone signed in" in `acknowledge`. */
export const EVERYONE = 'all';

/**
 * Who must confirm having read a page: group names as the sign-in proxy sends them, or `all`.
 * Group names are one line each, without commas (the proxy's header separates groups by commas).
 */
const audienceList = z.preprocess(
  (value) => (typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter(Boolean) : value),
  z
    .array(
      z
        .string({ error: (issue) => `expected a group name or "${EVERYONE}", got ${describe(issue.input)}` })
        .trim()
        .min(1, { error: 'expected a group name or "all", got an empty value' })
        .max(200, { error: 'expected a group name of at most 200 characters' })
        .refine((name) => !/[,\u0000-\u001f\u007f]/.test(name), { error: (issue) => `expected a group name without commas or control characters, got ${describe(issue.input)}` })
        .transform((name) => (name.toLowerCase() === EVERYONE ? EVERYONE : name)),
      { error: (issue) => `expected a group name, "${EVERYONE}", or a list of them, got ${describe(issue.input)}` },
    )
    .min(1, { error: `expected at least one group name or "${EVERYONE}"` })
    .transform((names) => [...new Set(names)]),
);

/**
 * The frontmatter contract (ARCHITECTURE.md, "Contracts"). Every key is optional; unknown keys are kept as they are
 * (handbooks from other tools carry `redirect_from`, `permalink`, `cSpell`, …).
 */
export const frontmatterSchema = z.looseObject({
  title: text('a page title').optional(),
  description: text('a one-sentence description').optional(),
  owner: stringList('an owner such as "@alice" or "@acme/hr-team"').optional(),
  tags: stringList('a tag').optional(),
  lang: z
    .string({ error: (issue) => `expected a language code such as "en" or "he", got ${describe(issue.input)}` })
    .regex(/^[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{2,8})*$/, {
      error: (issue) => `expected a language code such as "en" or "he", got ${describe(issue.input)}`,
    })
    .optional(),
  status: z
    .enum(statuses, {
      error: (issue) => `expected one of ${statuses.map((s) => `"${s}"`).join(', ')}, got ${describe(issue.input)}`,
    })
    .optional(),
  effective: isoDate.optional(),
  review_by: isoDate.optional(),
  verified: isoDate.optional(),
  superseded_by: text('the title or path of the page that replaces this one').optional(),
  order: z.preprocess(
    (value) => (typeof value === 'string' && /^-?\d+(?:\.\d+)?$/.test(value.trim()) ? Number(value) : value),
    z.number({ error: (issue) => `expected a number that sorts the page among its siblings, got ${describe(issue.input)}` }).optional(),
  ),
  acknowledge: audienceList.optional(),
});

export type Frontmatter = z.output<typeof frontmatterSchema>;

export interface ValidatedFrontmatter {
  data: Frontmatter | undefined;
  diagnostics: Diagnostic[];
}

/**
 * Validates parsed frontmatter. Each problem becomes one diagnostic naming the file, the line of
 * the field, the field and what was expected, e.g.
 * `content/hr/leave.mdx:4:1 status: expected one of "draft", …, got "old"`.
 */
export function validateFrontmatter(
  data: Record<string, unknown>,
  file: string,
  lines: Record<string, number> = {},
): ValidatedFrontmatter {
  const result = frontmatterSchema.safeParse(data);
  const diagnostics: Diagnostic[] = [];
  if (!result.success) {
    for (const issue of result.error.issues) {
      const field = issue.path.map(String).join('.') || 'frontmatter';
      const top = String(issue.path[0] ?? '');
      diagnostics.push({
        file,
        line: lines[top] ?? 1,
        column: 1,
        field,
        severity: 'error',
        message: `${field}: ${issue.message}`,
      });
    }
  }
  if (result.success && result.data.status === 'superseded' && !result.data.superseded_by) {
    diagnostics.push({
      file, line: lines.status ?? 1, column: 1, field: 'superseded_by', severity: 'warning',
      message: 'superseded_by: a superseded page should name the page that replaces it',
    });
  }
  diagnostics.sort((a, b) => a.line - b.line);
  if (result.success) return { data: result.data, diagnostics };
  // Keep every field that is valid, so one bad value does not also lose the page's title or owner.
  const bad = new Set(result.error.issues.map((i) => String(i.path[0] ?? '')));
  const rest = frontmatterSchema.safeParse(Object.fromEntries(Object.entries(data).filter(([k]) => !bad.has(k))));
  return { data: rest.success ? rest.data : undefined, diagnostics };
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Date) return 'a date';
  if (typeof value === 'object') return 'a mapping';
  return String(value);
}

function isRealDate(ymd: string): boolean {
  const date = new Date(`${ymd}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === ymd;
}
