import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readGitHistory } from '../../src/lib/history/git-log.ts';
import { readGitPatches } from '../../src/lib/history/git-patches.ts';
import { changesPerMonth, contributors, pageContributors } from '../../src/lib/history/insights.ts';
import { buildLinkGraph, type GraphPage } from '../../src/lib/links/graph.ts';
import { tempRepo } from '../support/git-repo.ts';

async function wikiWithHistory() {
  const repo = await tempRepo();
  await repo.write('content/hr/leave.md', '# Leave\n\nTwenty days.\n');
  await repo.write('content/hr/sick.md', '# Sick\n');
  repo.commit('Add HR', 'Dana Levi <dana@example.com>', '2025-06-01T10:00:00Z');
  await repo.write('content/hr/leave.md', '# Leave\n\nTwenty-two days.\n');
  repo.commit('More leave', 'Yossi Cohen <yossi@example.com>', '2026-10-01T10:00:00Z');
  await repo.write('content/hr/sick.md', '# Sick\n\nCall in.\n');
  await repo.write('content/hr/leave.md', '# Leave\n\nTwenty-two days.\n\nBook ahead.\n');
  repo.commit('Both pages', 'Noa Bar <noa@example.com>', '2026-11-10T10:00:00Z');
  return repo;
}

describe('history insights', () => {
  it('counts contributors per period and calls out first contributions', async () => {
    const repo = await wikiWithHistory();
    const { files } = await readGitHistory(path.join(repo.dir, 'content'));
    expect(contributors(files).map((c) => [c.name, c.changes, c.pages, c.firstInPeriod])).toEqual([
      ['Dana Levi', 2, 2, false],
      ['Noa Bar', 2, 2, false],
      ['Yossi Cohen', 1, 1, false],
    ]);
    const last30 = contributors(files, '2026-10-24');
    expect(last30.map((c) => [c.name, c.changes, c.firstInPeriod])).toEqual([['Noa Bar', 2, true]]);
    const last90 = contributors(files, '2026-08-25');
    expect(last90.map((c) => [c.name, c.firstInPeriod])).toEqual([['Noa Bar', true], ['Yossi Cohen', true]]);
    expect(pageContributors(files.get('hr/leave.md')!).map((c) => c.name)).toEqual(['Dana Levi', 'Noa Bar', 'Yossi Cohen']);
    await repo.remove();
  });

  it('counts changes per month, with empty months', async () => {
    const repo = await wikiWithHistory();
    const { files } = await readGitHistory(path.join(repo.dir, 'content'));
    const months = changesPerMonth(files, '2026-11-23', 3);
    expect(months).toEqual([{ month: '2026-09', changes: 0 }, { month: '2026-10', changes: 1 }, { month: '2026-11', changes: 1 }]);
    await repo.remove();
  });

  it('reads every revision’s diff of every page in one pass', async () => {
    const repo = await wikiWithHistory();
    const patches = await readGitPatches(path.join(repo.dir, 'content'));
    const leave = patches.get('hr/leave.md')!;
    expect(leave.size).toBe(3);
    const head = repo.git('rev-parse', 'HEAD');
    expect(leave.get(head)!.hunks[0]!.lines.filter((l) => l.type !== 'context')).toEqual([
      { type: 'add', text: '', new: 4 },
      { type: 'add', text: 'Book ahead.', new: 5 },
    ]);
    const second = repo.git('rev-parse', 'HEAD~1');
    expect(leave.get(second)!.hunks[0]!.lines.filter((l) => l.type !== 'context')).toEqual([
      { type: 'remove', text: 'Twenty days.', old: 3 },
      { type: 'add', text: 'Twenty-two days.', new: 3 },
    ]);
    await repo.remove();
  });
});

describe('link graph', () => {
  const page = (slug: string, links: GraphPage['links'], extra: Partial<GraphPage> = {}): GraphPage => ({ slug, title: slug, isFolder: false, listed: true, links, ...extra });

  it('gives backlinks, ranks wanted pages by how many pages want them, and finds orphans', () => {
    const graph = buildLinkGraph([
      page('hr', [{ kind: 'page', target: 'hr/leave', title: 'Leave' }], { isFolder: true }),
      page('hr/leave', [
        { kind: 'page', target: 'hr/sick', title: 'Sick' },
        { kind: 'missing', target: 'Parking', title: 'Parking' },
        { kind: 'missing', target: 'Parking', title: 'Parking' },
      ]),
      page('hr/sick', [{ kind: 'missing', target: 'parking', title: 'parking' }, { kind: 'missing', target: 'hr/visitors', title: 'Visitors' }]),
      page('hr/lonely', []),
      page('hr/old', [], { listed: false }),
    ]);
    expect(graph.backlinks.get('hr/sick')).toEqual([{ slug: 'hr/leave', title: 'hr/leave' }]);
    expect(graph.backlinks.get('hr/leave')).toEqual([{ slug: 'hr', title: 'hr' }]);
    expect(graph.wanted).toEqual([
      { title: 'Parking', from: [{ slug: 'hr/leave', title: 'hr/leave' }, { slug: 'hr/sick', title: 'hr/sick' }] },
      { title: 'Visitors', path: 'hr/visitors', from: [{ slug: 'hr/sick', title: 'hr/sick' }] },
    ]);
    expect(graph.orphans).toEqual([{ slug: 'hr/lonely', title: 'hr/lonely' }]);
  });
});
