/**
 * The history pages' diffs after a merge: read from the commits since the last build's history
 * (readGitPatchesSince, the cache of src/lib/history/cache.ts), they are the diffs a reading of the
 * whole history gives — pages changed, moved (before and after that build), moved twice, a name
 * used again by a new page, and a page removed.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readGitPatches, readGitPatchesSince } from '../../src/lib/history/git-patches.ts';
import { PatchStore } from '../../src/lib/history/patch-store.ts';
import { tempRepo } from '../support/git-repo.ts';

const dana = 'Dana Levi <dana@example.com>';
const body = (title: string, more = '') => `# ${title}\n\nA long enough body for git to see the file when it moves.\nAnd another line.\n${more}`;
/** Comparable: each path's patches by commit, in sorted order, and its commits as listed without reading them. */
const plain = (patches: PatchStore) =>
  Object.fromEntries(
    [...patches.paths()]
      .sort((a, b) => a.localeCompare(b))
      .map((p) => [p, { commits: patches.commits(p), patches: Object.fromEntries([...patches.get(p)!].sort(([a], [b]) => a.localeCompare(b))) }]),
  );

describe('patches since an earlier commit', () => {
  it('are those of the whole history', async () => {
    const repo = await tempRepo();
    const content = path.join(repo.dir, 'content');
    await repo.write('content/hr/leave.md', body('Leave'));
    await repo.write('content/hr/old-sick.md', body('Sick'));
    await repo.write('content/it/vpn.md', body('VPN'));
    repo.commit('Add', dana, '2026-01-05T10:00:00Z');
    repo.git('mv', 'content/hr/old-sick.md', 'content/hr/sick.md');
    repo.commit('Move sick', dana, '2026-01-06T10:00:00Z');
    await repo.write('content/hr/leave.md', body('Leave', 'Carry-over.\n'));
    const built = repo.commit('Carry-over', dana, '2026-01-07T10:00:00Z');
    const earlier = await readGitPatches(content);

    await repo.write('content/hr/leave.md', body('Leave', 'Carry-over, up to five days.\n'));
    repo.commit('Five days', dana, '2026-01-08T10:00:00Z');
    repo.git('mv', 'content/hr/sick.md', 'content/hr/sick-leave.md');
    repo.commit('Move sick again', dana, '2026-01-09T10:00:00Z');
    await mkdir(path.join(content, 'people'));
    repo.git('mv', 'content/hr/sick-leave.md', 'content/people/sick-leave.md');
    await repo.write('content/hr/sick.md', body('Sick notes', 'A different page.\n'));
    repo.commit('Move it to people, a new page at the old name', dana, '2026-01-10T10:00:00Z');
    repo.git('rm', '-q', 'content/it/vpn.md');
    const head = repo.commit('No VPN page', dana, '2026-01-11T10:00:00Z');

    const whole = await readGitPatches(content);
    // As a build after the merge has them: the last build's, from its cache file's text.
    const since = await readGitPatchesSince(content, built, head, PatchStore.parse(Buffer.concat(earlier.serialize())));
    expect(plain(since)).toEqual(plain(whole));
    // And as the next build reads them back.
    expect(plain(PatchStore.parse(Buffer.concat(since.serialize())))).toEqual(plain(whole));
    // The moved page keeps every change, under its newest name.
    expect([...(since.get('people/sick-leave.md')?.keys() ?? [])]).toHaveLength(4);
    await repo.remove();
  });

  it('fail, rather than miss commits, when the earlier commit is unknown', async () => {
    const repo = await tempRepo();
    await repo.write('content/a.md', body('A'));
    const head = repo.commit('Add', dana, '2026-01-05T10:00:00Z');
    await expect(readGitPatchesSince(path.join(repo.dir, 'content'), '0'.repeat(40), head, new PatchStore())).rejects.toThrow();
    await repo.remove();
  });
});
