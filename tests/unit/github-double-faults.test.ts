import type { RequestError } from 'octokit';
import { describe, expect, it } from 'vitest';
import { DANA, OWNER, REPO, expectRequestError, octokitFor, useGitHubDouble } from '../support/github-double-harness.ts';

const { start } = useGitHubDouble();

describe('GitHub double: faults', () => {
  it('502: an Octokit with the retry plugin retries and recovers', async () => {
    const gh = await start();
    const octokit = octokitFor(gh, { auth: DANA.token, retry: { retryAfterBaseValue: 5 } });
    gh.failNext({ kind: '502', path: /\/git\/ref\//, times: 2 });
    const { data } = await octokit.rest.git.getRef({ owner: OWNER, repo: REPO, ref: 'heads/main' });
    expect(data.ref).toBe('refs/heads/main');
    expect(gh.log.map((l) => l.status)).toEqual([502, 502, 200]);
    expect(gh.requests.get('GET /repos/{owner}/{repo}/git/ref/{ref}')).toBe(3);

    // Without retries the 502 reaches the caller, with GitHub's JSON message.
    gh.failNext({ kind: '502' });
    const error = await expectRequestError(octokitFor(gh, { auth: DANA.token }).rest.repos.get({ owner: OWNER, repo: REPO }));
    expect(error.status).toBe(502);
    expect(error.message).toContain('Server Error');
  });

  it('secondary rate limit: throttling waits retry-after and retries when onSecondaryRateLimit says so', async () => {
    const gh = await start();
    const seen: number[] = [];
    const octokit = octokitFor(gh, {
      auth: DANA.token,
      throttle: {
        retryAfterBaseValue: 10,
        onSecondaryRateLimit: (retryAfter: number) => {
          seen.push(retryAfter);
          return true;
        },
        onRateLimit: () => false,
      },
    });
    gh.failNext({ kind: 'secondary-rate-limit', path: /\/pulls$/ });
    const { data } = await octokit.rest.pulls.list({ owner: OWNER, repo: REPO });
    expect(data).toEqual([]);
    expect(seen).toEqual([1]);
    expect(gh.log.map((l) => l.status)).toEqual([403, 200]);

    gh.failNext({ kind: 'secondary-rate-limit' });
    const error = await expectRequestError(octokitFor(gh, { auth: DANA.token }).rest.repos.get({ owner: OWNER, repo: REPO }));
    expect(error.status).toBe(403);
    expect(error.message).toContain('You have exceeded a secondary rate limit');
    expect(error.response?.headers['retry-after']).toBe('1');
  });

  it('primary rate limit: x-ratelimit-remaining 0 and a reset time, as 403 or 429', async () => {
    const gh = await start();
    const seen: number[] = [];
    const octokit = octokitFor(gh, {
      auth: DANA.token,
      throttle: {
        retryAfterBaseValue: 10,
        onRateLimit: (retryAfter: number) => {
          seen.push(retryAfter);
          return true;
        },
        onSecondaryRateLimit: () => false,
      },
    });
    gh.failNext({ kind: 'primary-rate-limit', status: 429 });
    await octokit.rest.repos.get({ owner: OWNER, repo: REPO });
    expect(seen).toHaveLength(1);
    expect(gh.log.map((l) => l.status)).toEqual([429, 200]);

    gh.failNext({ kind: 'primary-rate-limit', resetIn: 120 });
    const error = await expectRequestError(octokitFor(gh, { auth: DANA.token }).rest.repos.get({ owner: OWNER, repo: REPO }));
    expect(error.status).toBe(403);
    expect(error.response?.headers['x-ratelimit-remaining']).toBe('0');
    const reset = Number(error.response?.headers['x-ratelimit-reset']);
    expect(reset).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000) + 118);
  });

  it('drop-after-apply: the ref is created, the client sees a network error, and a retry meets 422', async () => {
    const gh = await start();
    const octokit = octokitFor(gh, { auth: DANA.token });
    const main = gh.refs()['refs/heads/main']!;
    gh.failNext({ kind: 'drop-after-apply', method: 'POST', path: /\/git\/refs$/ });
    const error = await octokit.rest.git.createRef({ owner: OWNER, repo: REPO, ref: 'refs/heads/proposal/dropped', sha: main }).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error).toBeInstanceOf(Error);
    expect((error as RequestError).response).toBeUndefined();
    expect(gh.refs()['refs/heads/proposal/dropped']).toBe(main);
    expect(gh.log.at(-1)).toMatchObject({ route: 'POST /repos/{owner}/{repo}/git/refs', status: 'dropped' });

    // A client that retries on network errors repeats the request and is told the ref exists.
    const retrying = octokitFor(gh, { auth: DANA.token, retry: { retryAfterBaseValue: 5 } });
    gh.failNext({ kind: 'drop-after-apply', method: 'POST', path: /\/git\/refs$/ });
    const retried = await expectRequestError(retrying.rest.git.createRef({ owner: OWNER, repo: REPO, ref: 'refs/heads/proposal/again', sha: main }));
    expect(retried.status).toBe(422);
    expect(retried.message).toContain('Reference already exists');
    expect(gh.refs()['refs/heads/proposal/again']).toBe(main);
  });
});
