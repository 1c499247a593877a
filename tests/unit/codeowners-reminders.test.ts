import { describe, expect, it } from 'vitest';
import { codeownersFile } from '../../src/lib/codeowners-file.ts';
import { codeOwners, reviewersFrom } from '../../src/lib/proposals/codeowners.ts';
import { planReminders } from '../../src/lib/review-reminders.ts';

describe('CODEOWNERS from owner fields', () => {
  const { text, skipped } = codeownersFile([
    { path: 'content/hr/index.mdx', owner: ['@galil/hr-team'], isFolder: true },
    { path: 'content/hr/leave.mdx', owner: ['@dana-levi', 'dana@galil.example'], isFolder: false },
    { path: 'content/hr/sick leave.md', owner: ['Dana from HR'], isFolder: false },
    { path: 'content/finance/cards.mdx', owner: [], isFolder: false },
  ]);

  it('writes folder rules first and page rules after, so a page’s own owners win', () => {
    expect(text.split('\n').filter((l) => l && !l.startsWith('#'))).toEqual(['/content/hr/ @galil/hr-team', '/content/hr/leave.mdx @dana-levi dana@galil.example']);
    expect(skipped).toEqual([{ path: 'content/hr/sick leave.md', owner: 'Dana from HR' }]);
  });

  it('is read back the way GitHub reads it', () => {
    expect(codeOwners(text, 'content/hr/leave.mdx')).toEqual(['@dana-levi', 'dana@galil.example']);
    expect(codeOwners(text, 'content/hr/sick.mdx')).toEqual(['@galil/hr-team']);
    expect(codeOwners(text, 'content/finance/cards.mdx')).toEqual([]);
    expect(codeOwners('*.md @docs\ndocs/**/api.md @api\n/content/ @all\n', 'content/x/y.md')).toEqual(['@all']);
    expect(codeOwners('*.md @docs\n', 'deep/down/y.md')).toEqual(['@docs']);
    expect(reviewersFrom(['@dana-levi', '@galil/hr-team', 'dana@galil.example', '@yossi'], 'yossi')).toEqual({ users: ['dana-levi'], teams: ['hr-team'] });
  });
});

describe('review reminders', () => {
  const url = (slug: string) => `https://wiki.example/${slug}/`;
  const groups = [
    { owner: '@dana-levi', pages: [{ slug: 'hr/leave', title: 'Annual leave', reviewBy: '2026-10-01' }] },
    { owner: '(no owner)', pages: [{ slug: 'hr/x', title: 'X', reviewBy: '2026-01-01' }] },
  ];

  it('opens one issue per owner, updates it instead of opening another, and closes it when done', () => {
    const first = planReminders(groups, [], url, '2026-11-23');
    expect(first.map((a) => [a.kind, 'title' in a ? a.title : a.number])).toEqual([['create', 'Pages overdue for review: @dana-levi']]);
    expect(first[0]!.kind === 'create' && first[0]!.body).toContain('- [ ] [Annual leave](https://wiki.example/hr/leave/) — review by 2026-10-01');

    const open = [{ number: 7, title: 'Pages overdue for review: @dana-levi', body: (first[0] as { body: string }).body }, { number: 9, title: 'Pages overdue for review: @old-owner', body: 'x' }];
    expect(planReminders(groups, open, url, '2026-11-23').map((a) => [a.kind, 'number' in a ? a.number : 0])).toEqual([['close', 9]]);
    const later = planReminders(groups, open, url, '2026-11-30');
    expect(later.map((a) => [a.kind, 'number' in a ? a.number : 0])).toEqual([['update', 7], ['close', 9]]);
  });
});
