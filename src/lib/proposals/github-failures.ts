/**
 * GitHub's failures as `BackendError`s. A client given to `reportFailures` turns every request
 * that still fails after Octokit's retries and rate-limit waits into the failure it means: GitHub
 * down or unreachable, the rate limit used up, or credentials refused — the service's own, or the
 * signed-in contributor's. Answers the backend handles itself (404, 422) pass through unchanged.
 */
import { RequestError, type Octokit } from 'octokit';
import { BackendError, type BackendFailure } from './backend-errors.ts';

/** Whose credentials a client carries. */
export type Actor = 'service' | 'contributor';

/** Adds the translation to `octokit` (after its retries) and returns it. */
export function reportFailures(octokit: Octokit, actor: Actor): Octokit {
  octokit.hook.error('request', (error) => {
    throw backendErrorFrom(error, actor);
  });
  return octokit;
}

function header(error: RequestError, name: string): string | undefined {
  const value = error.response?.headers[name];
  return value === undefined ? undefined : String(value);
}

/** Seconds until GitHub takes requests again, when it says. */
function retryAfter(error: RequestError, now = Date.now()): number | undefined {
  const after = Number(header(error, 'retry-after'));
  if (Number.isFinite(after) && after > 0) return Math.ceil(after);
  const reset = Number(header(error, 'x-ratelimit-reset'));
  if (header(error, 'x-ratelimit-remaining') === '0' && Number.isFinite(reset) && reset > 0) return Math.max(1, Math.ceil(reset - now / 1000));
  return undefined;
}

function isRateLimit(error: RequestError): boolean {
  return error.status === 429 || header(error, 'x-ratelimit-remaining') === '0' || header(error, 'retry-after') !== undefined || /rate limit/i.test(error.message);
}

/** The `BackendError` for a failed request, or the error unchanged when it is not one of GitHub's failures. */
export function backendErrorFrom(error: unknown, actor: Actor): unknown {
  if (!(error instanceof RequestError)) return error;
  const request = `${error.request.method} ${new URL(error.request.url).pathname}`;
  const said = `GitHub answered ${error.status} to ${request}: ${error.message}`;
  const fail = (failure: BackendFailure, message: string) => new BackendError('github', failure, message, { cause: error });
  if (!error.response) return fail({ kind: 'unavailable' }, `GitHub could not be reached for ${request}: ${error.message}`);
  if (error.status >= 500) return fail({ kind: 'unavailable', retryAfter: retryAfter(error) }, `${said} (after the retries)`);
  if ((error.status === 403 || error.status === 429) && isRateLimit(error)) {
    return fail({ kind: 'rate-limited', retryAfter: retryAfter(error) }, `${said} (the ${actor === 'service' ? "service's" : "contributor's"} rate limit)`);
  }
  if (error.status === 401) {
    return actor === 'service'
      ? fail({ kind: 'service-access' }, `${said}. GitHub refuses the service's credentials: check PINKAS_GITHUB_TOKEN, or the GitHub App's id, private key and installation id.`)
      : fail({ kind: 'contributor-access', reason: 'sign-in' }, said);
  }
  if (error.status === 403) {
    return actor === 'service'
      ? fail({ kind: 'service-access' }, `${said}. The service may not do this: give the GitHub App (or the token) contents, pull requests and issues write access to the repository.`)
      : fail({ kind: 'contributor-access', reason: 'permission' }, said);
  }
  return error;
}
