import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/lib/content/diagnostics.ts';
import { parseFrontmatter } from '../../src/lib/content/frontmatter.ts';
import { validateFrontmatter } from '../../src/lib/content/schema.ts';

const FILE = 'content/hr/leave.mdx';

function check(source: string) {
  const fm = parseFrontmatter(source, FILE);
  const validated = validateFrontmatter(fm.data, FILE, fm.lines);
  return { fm, data: validated.data, messages: [...fm.diagnostics, ...validated.diagnostics].map(formatDiagnostic) };
}

describe('frontmatter', () => {
  it('parses the documented fields and normalizes them', () => {
    const { data, messages } = check(`---
title: Annual leave
owner: "@dana"
tags: leave, holidays
lang: he
status: active
effective: 2025-01-01
review_by: 2026-01-31
order: "3"
---
Body`);
    expect(messages).toEqual([]);
    expect(data).toMatchObject({
      title: 'Annual leave',
      owner: ['@dana'],
      tags: ['leave', 'holidays'],
      lang: 'he',
      status: 'active',
      effective: '2025-01-01',
      review_by: '2026-01-31',
      order: 3,
    });
  });

  it('reads who must acknowledge a page: group names or "all", as a list or comma-separated', () => {
    expect(check('---\nacknowledge: [Warehouse, "night shift"]\n---\n').data?.acknowledge).toEqual(['Warehouse', 'night shift']);
    expect(check('---\nacknowledge: warehouse, ALL\n---\n').data?.acknowledge).toEqual(['warehouse', 'all']);
    expect(check('---\ntitle: No readers\n---\n').data?.acknowledge).toBeUndefined();
  });

  it('says what was expected of acknowledge, at its line', () => {
    expect(check('---\ntitle: Forklifts\nacknowledge: []\n---\n').messages).toEqual(['content/hr/leave.mdx:3:1 acknowledge: expected at least one group name or "all"']);
    expect(check('---\ntitle: Forklifts\nacknowledge:\n  - group: drivers\n---\n').messages).toEqual(['content/hr/leave.mdx:3:1 acknowledge.0: expected a group name or "all", got a mapping']);
  });

  it('keeps unknown keys from other tools untouched', () => {
    const { data, messages } = check(`---
title: Travel
redirect_from:
  - /travel/
cSpell: ignore
---
`);
    expect(messages).toEqual([]);
    expect(data).toMatchObject({ redirect_from: ['/travel/'], cSpell: 'ignore' });
  });

  it('names the file, the line, the field and what was expected for an invalid value', () => {
    const { messages } = check(`---
title: Leave
status: old
review_by: next year
---
`);
    expect(messages).toEqual([
      'content/hr/leave.mdx:3:1 status: expected one of "draft", "active", "superseded", "retired", got "old"',
      'content/hr/leave.mdx:4:1 review_by: expected a date as YYYY-MM-DD, got "next year"',
    ]);
  });

  it('rejects dates that do not exist and wrong types', () => {
    const { messages } = check(`---
effective: 2025-02-30
order: first
tags:
  nested: map
---
`);
    expect(messages).toEqual([
      'content/hr/leave.mdx:2:1 effective: "2025-02-30" is not a real calendar date',
      'content/hr/leave.mdx:3:1 order: expected a number that sorts the page among its siblings, got "first"',
      'content/hr/leave.mdx:4:1 tags: expected a tag or a list of them, got a mapping',
    ]);
  });

  it('keeps the valid fields of a page that has an invalid one', () => {
    const { data } = check(`---
title: Leave
status: old
---
`);
    expect(data?.title).toBe('Leave');
    expect(data?.status).toBeUndefined();
  });

  it('reports YAML syntax errors at their line, with a hint for unquoted @handles', () => {
    const { messages } = check(`---
title: Leave
owner: @dana
---
`);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/^content\/hr\/leave\.mdx:3:\d+ invalid YAML in frontmatter: .*put values that start with @ in quotes/);
  });

  it('reports a frontmatter block that is never closed', () => {
    const { messages } = check('---\ntitle: Leave\n\nBody');
    expect(messages).toEqual(['content/hr/leave.mdx:1:1 frontmatter starts with "---" on line 1 but has no closing "---" line']);
  });

  it('keeps body line numbers true by blanking the frontmatter lines', () => {
    const { fm } = check('---\ntitle: A\n---\n# Heading\n');
    expect(fm.body.split('\n')[3]).toBe('# Heading');
  });

  it('warns when a superseded page does not name its successor', () => {
    const { messages } = check('---\nstatus: superseded\n---\n');
    expect(messages).toEqual(['content/hr/leave.mdx:2:1 warning: superseded_by: a superseded page should name the page that replaces it']);
  });
});
