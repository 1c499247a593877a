import { execFileSync } from 'node:child_process';
import { mkdtemp, realpath, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readGitHistory } from '../../src/lib/history/git-log.ts';
import { tempRepo } from '../support/git-repo.ts';

describe('git history of the content folder', () => {
  it('lists the revisions of every page, newest first, with author, date and summary', async () => {
    const repo = await tempRepo();
    await repo.write('content/hr/leave.md', '# Leave\n');
    await repo.write('content/hr/sick.md', '# Sick\n');
    await repo.write('README.md', 'not content');
    const first = repo.commit('Add HR pages', 'Dana Levi <dana@example.com>', '2026-01-05T10:00:00Z');
    await repo.write('content/hr/leave.md', '# Leave\n\nMore.\n');
    const second = repo.commit('Explain carry-over', 'Yossi Cohen <yossi@example.com>', '2026-02-07T09:30:00Z');

    const history = await readGitHistory(path.join(repo.dir, 'content'));
    expect(history.available).toBe(true);
    expect(history.shallow).toBe(false);
    expect(history.head).toBe(second);
    expect(history.root).toBe(await realpath(repo.dir));
    expect(history.files.get('hr/leave.md')).toEqual([
      { commit: second, date: '2026-02-07T09:30:00Z', author: 'Yossi Cohen', email: 'yossi@example.com', summary: 'Explain carry-over' },
      { commit: first, date: '2026-01-05T10:00:00Z', author: 'Dana Levi', email: 'dana@example.com', summary: 'Add HR pages' },
    ]);
    expect(history.files.get('hr/sick.md')?.map((r) => r.commit)).toEqual([first]);
    // Paths are relative to the content folder; files outside it are not read.
    expect([...history.files.keys()].sort()).toEqual(['hr/leave.md', 'hr/sick.md']);
    await repo.remove();
  });

  it('keeps the history of a page that was moved', async () => {
    const repo = await tempRepo();
    await repo.write('content/hr/old-name.md', '# Leave\n\nA long enough body for git to see the rename.\n');
    repo.commit('Add', 'Dana Levi <dana@example.com>', '2026-01-05T10:00:00Z');
    repo.git('mv', 'content/hr/old-name.md', 'content/hr/leave.md');
    repo.commit('Rename', 'Yossi Cohen <yossi@example.com>', '2026-01-06T10:00:00Z');
    const history = await readGitHistory(path.join(repo.dir, 'content'));
    expect(history.files.get('hr/leave.md')?.map((r) => r.summary)).toEqual(['Rename', 'Add']);
    await repo.remove();
  });

  it('handles Hebrew and spaces in file names', async () => {
    const repo = await tempRepo();
    await repo.write('content/בטיחות/נוהל פינוי.md', '# פינוי\n');
    repo.commit('הוספת נוהל', 'נועה <noa@example.com>', '2026-03-01T08:00:00Z');
    const history = await readGitHistory(path.join(repo.dir, 'content'));
    expect(history.files.get('בטיחות/נוהל פינוי.md')?.[0]).toMatchObject({ author: 'נועה', summary: 'הוספת נוהל' });
    await repo.remove();
  });

  it('reports a shallow clone, whose history is cut short', async () => {
    const repo = await tempRepo();
    for (let i = 1; i <= 3; i++) {
      await repo.write('content/a.md', `# A ${i}\n`);
      repo.commit(`Change ${i}`, 'Dana Levi <dana@example.com>', `2026-01-0${i}T10:00:00Z`);
    }
    const clone = await mkdtemp(path.join(tmpdir(), 'pinkas-shallow-'));
    execFileSync('git', ['clone', '-q', '--depth', '1', `file://${repo.dir}`, clone]);
    const history = await readGitHistory(path.join(clone, 'content'));
    expect(history.available).toBe(true);
    expect(history.shallow).toBe(true);
    expect(history.files.get('a.md')?.map((r) => r.summary)).toEqual(['Change 3']);
    await repo.remove();
  });

  it('degrades to no history outside a git repository', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'pinkas-nogit-'));
    await writeFile(path.join(dir, 'a.md'), '# A\n');
    const history = await readGitHistory(dir);
    expect(history).toEqual({ available: false, shallow: false, head: undefined, root: undefined, files: new Map() });
  });
});
