/**
 * The failures a `ProposalBackend` reports, the same for every backend. The HTTP layer turns each
 * into one answer (errors.ts `answerFor`), so that, say, GitHub failing after the retries is told
 * to the contributor as an outage and not as a missing commit. Anything else a backend throws is
 * unexpected.
 */
import type { BackendName } from './wire.ts';

export type BackendFailure =
  /** The commit the editor's page was built from is not in the repository. */
  | { kind: 'unknown-commit'; commit: string }
  /** The backend did not answer, or kept failing after the retries (server errors, dropped connections). */
  | { kind: 'unavailable'; retryAfter?: number }
  /** The backend's rate limit for the service is used up; `retryAfter` seconds until it resets, when known. */
  | { kind: 'rate-limited'; retryAfter?: number }
  /**
   * The backend refuses the service's own set-up: its credentials, its permissions, the repository
   * or the base branch. Only an admin can fix it; the error's message says what is wrong.
   */
  | { kind: 'service-access' }
  /** The backend refuses the contributor's own account (github sign-in mode): signed out, or not allowed. */
  | { kind: 'contributor-access'; reason: 'sign-in' | 'permission' }
  /** The proposal's branch exists, but holds something that is not this proposal. */
  | { kind: 'branch-taken'; branch: string };

export type BackendFailureKind = BackendFailure['kind'];

export class BackendError extends Error {
  readonly backend: BackendName;
  readonly failure: BackendFailure;

  /** `message` is for the service's log: precise and technical. The contributor is told something else. */
  constructor(backend: BackendName, failure: BackendFailure, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BackendError';
    this.backend = backend;
    this.failure = failure;
  }
}
