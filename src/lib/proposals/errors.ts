/**
 * What the proposal service answers when it cannot do what was asked: an HTTP status and a JSON
 * body `{ error, details }` where `error` is a sentence a contributor can act on. The one place
 * where a backend's failures become answers.
 */
import { BackendError, type BackendFailure } from './backend-errors.ts';
import type { ErrorBody } from './wire.ts';

export class ProposalError extends Error {
  readonly status: number;
  readonly details: unknown;
  readonly headers: Record<string, string>;

  constructor(status: number, message: string, details?: unknown, headers: Record<string, string> = {}) {
    super(message);
    this.name = 'ProposalError';
    this.status = status;
    this.details = details;
    this.headers = headers;
  }

  toJSON(): ErrorBody {
    return { error: this.message, ...(this.details === undefined ? {} : { details: this.details }) };
  }
}

/** How the answers name each backend. */
const names = {
  github: { subject: 'GitHub', object: 'GitHub' },
  local: { subject: 'The repository', object: 'its git repository' },
} as const;

/** "a few minutes", "40 seconds", "about 3 minutes". */
function wait(seconds: number | undefined): string {
  if (seconds === undefined) return 'a few minutes';
  if (seconds < 90) return `${seconds} seconds`;
  return `about ${Math.ceil(seconds / 60)} minutes`;
}

function retry(seconds: number | undefined): [details: unknown, headers: Record<string, string>] {
  return seconds === undefined ? [undefined, {}] : [{ retryAfter: seconds }, { 'Retry-After': String(seconds) }];
}

/** The answer to a backend's failure. */
function answerForBackend(error: BackendError): ProposalError {
  const failure: BackendFailure = error.failure;
  const { subject, object } = names[error.backend];
  switch (failure.kind) {
    case 'unknown-commit':
      return new ProposalError(409, `The page was built from commit ${failure.commit.slice(0, 7)}, which the repository does not have. Reload the page to edit the current version (your draft is kept).`, { baseCommit: failure.commit });
    case 'unavailable':
      return new ProposalError(503, `${subject} is not answering right now. Your draft is kept; try again in ${wait(failure.retryAfter)}.`, ...retry(failure.retryAfter));
    case 'rate-limited':
      return new ProposalError(503, `${subject} asks the wiki to slow down: too many requests in a short time. Your draft is kept; try again in ${wait(failure.retryAfter)}.`, ...retry(failure.retryAfter));
    case 'service-access':
      return new ProposalError(502, `The wiki's connection to ${object} is not set up correctly. Your draft is kept; please tell the wiki's administrators (the service's log says what to fix).`, { backend: error.backend });
    case 'contributor-access':
      return failure.reason === 'sign-in'
        ? new ProposalError(401, `${subject} no longer accepts your sign-in. Sign in again and submit; your draft is kept.`)
        : new ProposalError(403, `${subject} does not let your account propose changes to the wiki's repository. Your draft is kept; ask the wiki's administrators for access.`);
    case 'branch-taken':
      return new ProposalError(409, `The branch ${failure.branch} already exists and is not this proposal's.`, { branch: failure.branch });
  }
}

/**
 * The answer to anything the service throws: a refusal as it is, a backend's failure by its kind,
 * and anything else as a failure to save (502) that keeps the draft.
 */
export function answerFor(error: unknown): ProposalError {
  if (error instanceof ProposalError) return error;
  if (error instanceof BackendError) return answerForBackend(error);
  return new ProposalError(502, `The proposal could not be saved: ${(error as Error).message}. Your draft is kept; try again in a moment.`);
}

/** Whether the service's log must say what went wrong: the admin, not the contributor, has something to fix or watch. */
export function concernsAdmin(error: unknown): boolean {
  if (error instanceof ProposalError) return false;
  if (!(error instanceof BackendError)) return true;
  return error.failure.kind === 'unavailable' || error.failure.kind === 'rate-limited' || error.failure.kind === 'service-access';
}
