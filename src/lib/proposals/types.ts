import type { BackendName, IdentityMode, PendingProposal, PublicProposal } from './wire.ts';

export type { ProposalStatus } from './wire.ts';

/** Who proposes a change, as the identity mode established it. Never sent to the browser whole. */
export interface Identity {
  name: string;
  email: string;
  /** GitHub login, when known (header mode may pass it; github mode always has it). */
  login?: string;
  source: IdentityMode;
  /** github mode: the user's OAuth token, so the pull request is opened as them. Server-side only. */
  token?: string;
}

/**
 * A proposal as a backend reports it: what the browser may learn (http.ts sends only that), and
 * the fingerprint of the request that made it, to tell a retry from a reused idempotency key.
 */
export interface Proposal extends PublicProposal {
  /** Absent in proposals made before fingerprints were recorded. */
  fingerprint?: string;
}

/** A file a proposal writes (repository-relative path). */
export interface ChangedFile {
  path: string;
  content: Uint8Array;
}

/** The commit's author; with a token (github sign-in mode), the change is made as them. */
export type Author = Pick<Identity, 'name' | 'email' | 'token'>;

/** Everything a backend needs to turn a validated proposal into a branch, a commit and a review. */
export interface PreparedProposal {
  id: string;
  branch: string;
  /** The commit of the base branch the change is committed on. */
  parent: string;
  files: ChangedFile[];
  /** The page the proposal is about (for listing). */
  path: string;
  message: string;
  author: Author;
  title: string;
  summary: string;
  /** The pull request's body; it ends with the marker `list` finds the submitter's proposals by. */
  body: string;
  labels: string[];
  reviewers: { users: string[]; teams: string[] };
  mergedWithNewerChanges: boolean;
  createdAt: string;
  /** The request's fingerprint (ids.ts `requestFingerprint`), kept with the proposal. */
  fingerprint: string;
}

/**
 * Where proposals go (Decap CMS's backend idea): the site's own git repository (`local`) or GitHub
 * (`github`). The same contract test suite runs against each (tests/unit/proposal-backends.test.ts).
 * A backend reports what goes wrong as a `BackendError` (backend-errors.ts).
 */
export interface ProposalBackend {
  readonly name: BackendName;
  /** The newest commit of the base branch. */
  head(): Promise<string>;
  /** A file's bytes at a commit, or undefined when it does not exist there; `unknown-commit` when the commit does not. */
  readFile(path: string, commit: string): Promise<Uint8Array | undefined>;
  /**
   * Every file (not folder) under `folder` at a commit, as repository-relative paths; none when
   * there is no such folder. `unknown-commit` when the commit does not exist.
   */
  files(folder: string, commit: string): Promise<string[]>;
  /**
   * Creates the branch, the one commit and the review request — or, when a proposal with this id
   * already exists (a retried submit), returns it unchanged. Never touches the base branch, and
   * never turns a file into a folder or a folder into a file (`path-taken`).
   */
  create(proposal: PreparedProposal): Promise<Proposal>;
  /** The proposal, if it was already created (a retried submit): found by its id or by its branch. */
  find(proposal: Pick<PreparedProposal, 'id' | 'branch'>): Promise<Proposal | undefined>;
  /**
   * The newest `limit` proposals submitted by the person with this email address, newest first,
   * with their current status; its cost is bounded by `limit`, not by the repository's history.
   */
  list(submitterEmail: string, limit: number): Promise<Proposal[]>;
  /**
   * The newest `limit` proposals of anyone that change the page at `path` (repository-relative)
   * and wait for review (open), newest first — without who made them. Cheap enough for every
   * page view: bounded by the proposals waiting, not by the repository's history.
   */
  pending(path: string, limit: number): Promise<PendingProposal[]>;
}
