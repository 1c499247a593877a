import { describe, expect, it } from 'vitest';
import { DANA, OWNER, REPO, SEED_FILES, expectRequestError, octokitFor, useGitHubDouble } from '../support/github-double-harness.ts';

const { start } = useGitHubDouble();

describe('GitHub double: reading', () => {
  it('reads a file at a branch, at an old commit, raw, and 404s what is not there', async () => {
    const gh = await start();
    const octokit = octokitFor(gh, { auth: DANA.token });
    const repo = { owner: OWNER, repo: REPO };
    const old = gh.refs()['refs/heads/main']!;
    const changed = gh.commitFiles({ 'content/hr/leave.mdx': 'Now 25 days.\n' }, 'Someone else edits leave', { name: 'Yossi Cohen', email: 'yossi@galil.example' });
    expect(gh.commit(changed).parents).toEqual([old]);

    const read = async (ref?: string) => {
      const { data } = await octokit.rest.repos.getContent({ ...repo, path: 'content/hr/leave.mdx', ...(ref ? { ref } : {}) });
      if (Array.isArray(data) || data.type !== 'file') throw new Error('expected a file');
      expect(data.encoding).toBe('base64');
      return { text: Buffer.from(data.content, 'base64').toString('utf8'), sha: data.sha };
    };
    expect((await read()).text).toBe('Now 25 days.\n');
    expect((await read('main')).text).toBe('Now 25 days.\n');
    const atOld = await read(old);
    expect(atOld.text).toBe(SEED_FILES['content/hr/leave.mdx']);
    expect((await read(old.slice(0, 10))).text).toBe(SEED_FILES['content/hr/leave.mdx']);
    expect(gh.fileAt(old, 'content/hr/leave.mdx')).toBe(SEED_FILES['content/hr/leave.mdx']);
    expect(gh.fileAt('main', 'content/hr/leave.mdx')).toBe('Now 25 days.\n');

    const raw = await octokit.rest.repos.getContent({ ...repo, path: 'content/hr/leave.mdx', ref: old, mediaType: { format: 'raw' } });
    expect(raw.data as unknown).toBe(SEED_FILES['content/hr/leave.mdx']);

    const { data: listing } = await octokit.rest.repos.getContent({ ...repo, path: 'content/hr' });
    expect(Array.isArray(listing) && listing.map((e) => `${e.type} ${e.path}`)).toEqual(['file content/hr/index.mdx', 'file content/hr/leave.mdx']);

    expect((await expectRequestError(octokit.rest.repos.getContent({ ...repo, path: 'content/hr/nope.mdx' }))).status).toBe(404);
    expect((await expectRequestError(octokit.rest.repos.getContent({ ...repo, path: 'content/hr/leave.mdx', ref: 'no-such-branch' }))).status).toBe(404);
    expect((await expectRequestError(octokit.rest.git.getRef({ ...repo, ref: 'heads/no-such-branch' }))).status).toBe(404);
    expect((await expectRequestError(octokit.rest.repos.get({ owner: OWNER, repo: 'other' }))).status).toBe(404);
  });
});
