import { describe, expect, it } from 'vitest';
import { DANA, OWNER, REPO, expectRequestError, octokitFor, useGitHubDouble } from '../support/github-double-harness.ts';

const { start } = useGitHubDouble();

describe('GitHub double: conflicts and pagination', () => {
  it('answers 422 to a duplicate ref, a second pull request for a head, and a non-fast-forward update', async () => {
    const gh = await start();
    const octokit = octokitFor(gh, { auth: DANA.token });
    const repo = { owner: OWNER, repo: REPO };
    const main = gh.refs()['refs/heads/main']!;
    const proposal = gh.commitFiles({ 'content/hr/leave.mdx': 'Changed.\n' }, 'Propose', undefined, { branch: 'proposal/x' });
    expect(gh.commit(proposal).parents).toEqual([main]);

    const dupRef = await expectRequestError(octokit.rest.git.createRef({ ...repo, ref: 'refs/heads/proposal/x', sha: main }));
    expect(dupRef.status).toBe(422);
    expect(dupRef.message).toContain('Reference already exists');

    const { data: pr } = await octokit.rest.pulls.create({ ...repo, title: 'X', head: 'galil:proposal/x', base: 'main' });
    expect(pr.user.login).toBe('dana');
    const dupPr = await expectRequestError(octokit.rest.pulls.create({ ...repo, title: 'X again', head: 'proposal/x', base: 'main' }));
    expect(dupPr.status).toBe(422);
    expect((dupPr.response?.data as { errors: { message: string }[] }).errors[0]!.message).toBe('A pull request already exists for galil:proposal/x.');

    const noHead = await expectRequestError(octokit.rest.pulls.create({ ...repo, title: 'Y', head: 'proposal/missing', base: 'main' }));
    expect(noHead.status).toBe(422);
    gh.commitFiles({}, 'empty branch', undefined, { branch: 'proposal/empty' });
    gh.commitFiles({ 'README.md': 'x' }, 'move main on', undefined);

    const ff = await expectRequestError(octokit.rest.git.updateRef({ ...repo, ref: 'heads/proposal/x', sha: main }));
    expect(ff.status).toBe(422);
    expect(ff.message).toContain('Update is not a fast forward');
    const { data: forced } = await octokit.rest.git.updateRef({ ...repo, ref: 'heads/proposal/x', sha: main, force: true });
    expect(forced.object.sha).toBe(main);
    expect(gh.pulls()[0]!.headSha).toBe(main);
  });

  it('lists pull requests page by page with a Link header, filters by state/head/base, shares numbers with issues', async () => {
    const gh = await start();
    const octokit = octokitFor(gh, { auth: DANA.token });
    const repo = { owner: OWNER, repo: REPO };
    const numbers: number[] = [];
    for (let i = 1; i <= 5; i++) {
      gh.commitFiles({ [`content/p${i}.md`]: `# ${i}\n` }, `p${i}`, undefined, { branch: `p${i}` });
      if (i === 3) expect(gh.createIssue('a plain issue')).toBe(3);
      const { data } = await octokit.rest.pulls.create({ ...repo, title: `P${i}`, head: `p${i}`, base: 'main' });
      numbers.push(data.number);
    }
    expect(numbers).toEqual([1, 2, 4, 5, 6]);

    const first = await octokit.rest.pulls.list({ ...repo, per_page: 2 });
    expect(first.data.map((p) => p.number)).toEqual([6, 5]);
    expect(first.headers.link).toContain('rel="next"');
    expect(first.headers.link).toMatch(/page=3[^>]*>; rel="last"/);

    gh.requests.clear();
    const all = await octokit.paginate(octokit.rest.pulls.list, { ...repo, state: 'all', per_page: 2, direction: 'asc' });
    expect(all.map((p) => p.number)).toEqual([1, 2, 4, 5, 6]);
    expect(gh.requests.get('GET /repos/{owner}/{repo}/pulls')).toBe(3);

    const mergeSha = gh.mergePull(2);
    gh.closePull(4);
    const { data: merged } = await octokit.rest.pulls.get({ ...repo, pull_number: 2 });
    expect(merged).toMatchObject({ state: 'closed', merged: true, merge_commit_sha: mergeSha });
    expect(merged.merged_at).toEqual(expect.any(String));
    expect(gh.commit(mergeSha).parents).toEqual([expect.any(String), gh.pulls()[1]!.headSha]);
    expect(gh.fileAt('main', 'content/p2.md')).toBe('# 2\n');

    const open = await octokit.paginate(octokit.rest.pulls.list, { ...repo, state: 'open' });
    expect(open.map((p) => p.number)).toEqual([6, 5, 1]);
    const closed = await octokit.rest.pulls.list({ ...repo, state: 'closed' });
    expect(closed.data.map((p) => [p.number, p.merged_at !== null])).toEqual([
      [4, false],
      [2, true],
    ]);
    const byHead = await octokit.rest.pulls.list({ ...repo, state: 'all', head: 'galil:p5' });
    expect(byHead.data.map((p) => p.number)).toEqual([6]);
    expect((await octokit.rest.pulls.list({ ...repo, head: 'someone-else:p5' })).data).toEqual([]);
    expect((await octokit.rest.pulls.list({ ...repo, base: 'p1' })).data).toEqual([]);
  });

  it('lists issues — pull requests among them — by state and every label asked for, newest first, page by page', async () => {
    const gh = await start();
    const octokit = octokitFor(gh, { auth: DANA.token });
    const repo = { owner: OWNER, repo: REPO };
    for (let i = 1; i <= 3; i++) {
      gh.commitFiles({ [`content/p${i}.md`]: `# ${i}\n` }, `p${i}`, undefined, { branch: `p${i}` });
      const { data } = await octokit.rest.pulls.create({ ...repo, title: `P${i}`, head: `p${i}`, base: 'main', body: `Body ${i}` });
      await octokit.rest.issues.addLabels({ ...repo, issue_number: data.number, labels: i === 2 ? ['Pinkas'] : ['pinkas', 'section:hr'] });
    }
    const plain = gh.createIssue('A question');
    await octokit.rest.issues.addLabels({ ...repo, issue_number: plain, labels: ['pinkas'] });
    gh.closePull(1);

    const { data: open } = await octokit.rest.issues.listForRepo({ ...repo, labels: 'pinkas' });
    expect(open.map((i) => [i.number, i.title, Boolean(i.pull_request)])).toEqual([
      [4, 'A question', false],
      [3, 'P3', true],
      [2, 'P2', true],
    ]);
    expect(open[1]).toMatchObject({ state: 'open', body: 'Body 3', html_url: 'https://github.com/galil/wiki/pull/3', pull_request: { html_url: 'https://github.com/galil/wiki/pull/3', merged_at: null } });
    expect((await octokit.rest.issues.listForRepo({ ...repo, labels: 'pinkas,section:hr', state: 'all' })).data.map((i) => i.number)).toEqual([3, 1]);
    const first = await octokit.rest.issues.listForRepo({ ...repo, state: 'all', per_page: 2, direction: 'asc' });
    expect(first.data.map((i) => i.number)).toEqual([1, 2]);
    expect(first.headers.link).toContain('rel="next"');
    expect(gh.violations).toEqual([]);
  });
});
