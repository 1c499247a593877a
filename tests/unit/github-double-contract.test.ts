import { describe, expect, it, vi } from 'vitest';
import { DANA, OWNER, REPO, octokitFor, useGitHubDouble } from '../support/github-double-harness.ts';

const { start } = useGitHubDouble();

describe('GitHub double: the contract check is real', () => {
  it('reports wrong types, missing fields, bad enums and formats, and undocumented statuses', async () => {
    const gh = await start();
    const octokit = octokitFor(gh, { auth: DANA.token });
    const repo = { owner: OWNER, repo: REPO };
    gh.commitFiles({ 'content/a.md': 'a' }, 'a', undefined, { branch: 'a' });
    const { data: pr } = await octokit.rest.pulls.create({ ...repo, title: 'A', head: 'a', base: 'main' });
    const route = '/repos/{owner}/{repo}/pulls/{pull_number}';
    const check = (body: unknown, status = 200) => gh.contract.validateResponse('GET', route, { status, contentType: 'application/json', body });

    expect(check(pr)).toEqual([]);
    expect(check({ ...pr, number: String(pr.number) })).toContain('response body /number: must be integer');
    const { head: _head, ...headless } = pr;
    expect(check(headless)).toContain("response body: must have required property 'head'");
    expect(check({ ...pr, state: 'merged' }).join('\n')).toMatch(/\/state: must be equal to one of the allowed values/);
    expect(check({ ...pr, created_at: 'yesterday' })).toContain('response body /created_at: must match format "date-time"');
    expect(check({ ...pr, user: { ...pr.user, id: 'x' } })).toContain('response body /user/id: must be integer');
    // nullable is honoured where GitHub declares it, and only there.
    expect(check({ ...pr, merged_at: null, body: null })).toEqual([]);
    expect(check({ ...pr, title: null })).toContain('response body /title: must be string');
    expect(check(pr, 418)[0]).toMatch(/status 418 is not documented for pulls\/get/);
    expect(gh.contract.validateSchema('label', { ...pr.labels[0], id: 1, node_id: 'x', url: 'nope', name: 'a', color: 'fff', default: false, description: null })).toEqual([
      'label /url: must match format "uri"',
    ]);
  });

  it('records requests that break the contract, and answers them as GitHub does', async () => {
    const gh = await start();
    const post = (route: string, body: unknown) =>
      fetch(`${gh.url}${route}`, { method: 'POST', headers: { authorization: `token ${DANA.token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

    const wrongType = await post(`/repos/${OWNER}/${REPO}/git/blobs`, { content: 42 });
    expect(wrongType.status).toBe(422);
    expect(((await wrongType.json()) as { message: string }).message).toContain('Invalid request');
    const missing = await post(`/repos/${OWNER}/${REPO}/git/refs`, { sha: 'abc' });
    expect(missing.status).toBe(422);
    const typo = await fetch(`${gh.url}/repos/${OWNER}/${REPO}/pulls?sate=open`, { headers: { authorization: `token ${DANA.token}` } });
    expect(typo.status).toBe(422);
    const unknownRoute = await fetch(`${gh.url}/repos/${OWNER}/${REPO}/no-such-thing`, { headers: { authorization: `token ${DANA.token}` } });
    expect(unknownRoute.status).toBe(404);
    const notImplemented = await fetch(`${gh.url}/repos/${OWNER}/${REPO}/branches`, { headers: { authorization: `token ${DANA.token}` } });
    expect(notImplemented.status).toBe(404);

    expect(gh.violations).toEqual([
      'POST /repos/galil/wiki/git/blobs: request body /content: must be string',
      "POST /repos/galil/wiki/git/refs: request body: must have required property 'ref'",
      'GET /repos/galil/wiki/pulls: query parameter sate is not in the description of pulls/list',
      "GET /repos/galil/wiki/no-such-thing: no such operation in GitHub's OpenAPI description",
      'GET /repos/{owner}/{repo}/branches: not implemented by the GitHub double',
    ]);
    gh.violations.length = 0;

    // Responses go through the same check: corrupt one on its way out and the double reports it.
    const validate = gh.contract.validateResponse.bind(gh.contract);
    const spy = vi.spyOn(gh.contract, 'validateResponse').mockImplementationOnce((method, template, res) =>
      validate(method, template, { ...res, body: { ...(res.body as object), default_branch: 7 } }),
    );
    try {
      await octokitFor(gh, { auth: DANA.token }).rest.repos.get({ owner: OWNER, repo: REPO });
    } finally {
      spy.mockRestore();
    }
    expect(gh.violations).toEqual(['GET /repos/galil/wiki → 200: response body /default_branch: must be string']);
    gh.violations.length = 0;
  });
});
