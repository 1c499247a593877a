/** Who proposes a change, as the identity mode established it. Never sent to the browser whole. */
export interface Identity {
  name: string;
  email: string;
  /** GitHub login, when known (header mode may pass it; github mode always has it). */
  login?: string;
  source: 'dev' | 'header' | 'github';
  /** github mode: the user's OAuth token, so the pull request is opened as them. Server-side only. */
  token?: string;
}

export type ProposalStatus = 'open' | 'merged' | 'closed';

/** A proposal as the service reports it. */
export interface Proposal {
  id: string;
  /** The pull request (github) or where the proposal can be seen (local). */
  url: string;
  branch: string;
  /** The page (repository-relative path) the proposal changes. */
  path: string;
  title: string;
  summary: string;
  status: ProposalStatus;
  createdAt: string;
  author: { name: string; email: string };
  /** GitHub logins and teams asked to review. */
  reviewers: string[];
  /** True when the page had changed since the editor opened it and the change was merged in cleanly. */
  mergedWithNewerChanges: boolean;
}

/** A file a proposal writes (repository-relative path). */
export interface ChangedFile {
  path: string;
  content: Uint8Array;
}

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
  author: Identity;
  title: string;
  summary: string;
  body: string;
  labels: string[];
  reviewers: { users: string[]; teams: string[] };
  mergedWithNewerChanges: boolean;
  createdAt: string;
}

/**
 * Where proposals go (Decap CMS's backend idea): the site's own git repository (`local`) or GitHub
 * (`github`). The same contract test suite runs against each (tests/unit/proposal-backends.test.ts).
 */
export interface ProposalBackend {
  readonly name: 'local' | 'github';
  /** The newest commit of the base branch. */
  head(): Promise<string>;
  /** A file's bytes at a commit, or undefined when it does not exist there. */
  readFile(path: string, commit: string): Promise<Uint8Array | undefined>;
  /**
   * Creates the branch, the one commit and the review request — or, when a proposal with this id
   * already exists (a retried submit), returns it unchanged. Never touches the base branch.
   */
  create(proposal: PreparedProposal): Promise<Proposal>;
  /** The proposal with this id and branch, if it was already created (a retried submit). */
  find(proposal: { id: string; branch: string; author: Identity }): Promise<Proposal | undefined>;
  /** The proposals submitted by this person, newest first, with their current status. */
  list(identity: Identity): Promise<Proposal[]>;
}
