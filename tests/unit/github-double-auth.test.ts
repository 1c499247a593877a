import { OAuthApp, Octokit } from 'octokit';
import { describe, expect, it } from 'vitest';
import { DANA, INSTALLATION, OWNER, REPO, expectRequestError, octokitFor, silent, useGitHubDouble } from '../support/github-double-harness.ts';

const { start, installationOctokit, otherPrivateKey } = useGitHubDouble();

describe('GitHub double: authentication', () => {
  it('exchanges an App JWT for an installation token; a JWT signed with another key is 401', async () => {
    const gh = await start();
    const octokit = await installationOctokit(gh);
    const { data } = await octokit.rest.repos.get({ owner: OWNER, repo: REPO });
    expect(data.permissions).toMatchObject({ push: true });
    const forbidden = await expectRequestError(octokit.rest.users.getAuthenticated());
    expect(forbidden.status).toBe(403);

    // The installation token is asked for on the first request.
    const impostor = await installationOctokit(gh, otherPrivateKey());
    const wrongKey = await expectRequestError(impostor.rest.repos.get({ owner: OWNER, repo: REPO }));
    expect(wrongKey.status).toBe(401);
    expect(wrongKey.message).toContain('A JSON web token could not be decoded');

    expect((await expectRequestError(octokitFor(gh).rest.repos.get({ owner: OWNER, repo: REPO }))).status).toBe(401);
    const unknown = await expectRequestError(octokitFor(gh, { auth: 'ghp_not_a_token' }).rest.repos.get({ owner: OWNER, repo: REPO }));
    expect(unknown.status).toBe(401);
    expect(unknown.message).toContain('Bad credentials');
    // A user token cannot ask for installation tokens.
    const userOnAppRoute = await expectRequestError(
      octokitFor(gh, { auth: DANA.token }).rest.apps.createInstallationAccessToken({ installation_id: INSTALLATION }),
    );
    expect(userOnAppRoute.status).toBe(401);
  });

  it('exchanges an OAuth web-flow code for a user token, once, with the right client secret', async () => {
    const gh = await start();
    const OAuthOctokit = Octokit.defaults({ baseUrl: gh.url, log: silent, throttle: { enabled: false }, retry: { enabled: false } });
    const oauth = new OAuthApp({ clientType: 'oauth-app', clientId: 'Iv1.pinkas', clientSecret: 'pinkas-secret', Octokit: OAuthOctokit });
    const code = gh.authorize('dana', { scopes: ['repo'] });
    const { authentication } = await oauth.createToken({ code });
    expect(authentication.token).toMatch(/^gho_/);
    expect(authentication.scopes).toEqual(['repo']);

    const user = octokitFor(gh, { auth: authentication.token });
    const { data: me } = await user.rest.users.getAuthenticated();
    expect(me).toMatchObject({ login: 'dana', name: DANA.name, email: DANA.email });
    const { data: emails } = await user.rest.users.listEmailsForAuthenticatedUser();
    expect(emails).toEqual([{ email: DANA.email, primary: true, verified: true, visibility: 'private' }]);

    const reused = await oauth.createToken({ code }).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(reused?.message).toContain('bad_verification_code');
    const wrongSecret = new OAuthApp({ clientType: 'oauth-app', clientId: 'Iv1.pinkas', clientSecret: 'nope', Octokit: OAuthOctokit });
    const refused = await wrongSecret.createToken({ code: gh.authorize('dana') }).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(refused?.message).toContain('incorrect_client_credentials');

    // Without Accept: application/json GitHub answers form-encoded.
    const form = await fetch(`${gh.url}/login/oauth/access_token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: 'Iv1.pinkas', client_secret: 'pinkas-secret', code: gh.authorize('dana') }),
    });
    const answer = new URLSearchParams(await form.text());
    expect(answer.get('access_token')).toMatch(/^gho_/);
    expect(answer.get('token_type')).toBe('bearer');
    expect(gh.requests.get('POST /login/oauth/access_token')).toBe(4);
  });
});
