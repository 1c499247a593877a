/**
 * The proposal service's wire format: what the editor sends to `POST /api/proposals` and what
 * `/api/proposals` and `/api/session` answer. Types and constants only, with no imports, so the
 * browser bundle can use it: the service (http.ts, request.ts) and the editor (src/editor/) read
 * the same definitions.
 */

export type BackendName = 'local' | 'github';
export type IdentityMode = 'dev' | 'header' | 'github';
export type ProposalStatus = 'open' | 'merged' | 'closed';

/** An image added with a proposal. */
export interface ProposalImage {
  /** Repository-relative, under the content folder: `content/hr/parking.png`. */
  path: string;
  base64: string;
}

/** The body of `POST /api/proposals`. */
export interface ProposalRequest {
  /** The page, relative to the repository root: `content/hr/leave.mdx`. */
  path: string;
  /** The 40-character commit the page was built from. */
  baseCommit: string;
  content: string;
  summary: string;
  reason?: string;
  images?: ProposalImage[];
  /**
   * A minor change (a typo, a link): readers who must acknowledge the page and did are not asked
   * again. Carried as the commit trailer `Pinkas-Minor: yes`; only for a page that exists.
   */
  minor?: boolean;
}

/** A proposal as the browser learns about it: `201` to a submit, and each entry of `GET /api/proposals`. */
export interface PublicProposal {
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
  /** GitHub logins (`@dana`) and teams (`team:hr`) asked to review. */
  reviewers: string[];
  /** True when the page had changed since the editor opened it and the change was merged in cleanly. */
  mergedWithNewerChanges: boolean;
}

/** `GET /api/proposals`. */
export interface ProposalList {
  proposals: PublicProposal[];
}

/**
 * A proposal waiting for review, as anyone reading the wiki may learn of it: what it does and
 * when, never who proposed it.
 */
export interface PendingProposal {
  id: string;
  title: string;
  summary: string;
  /** Where it is reviewed (the pull request); absent when there is no such page (the local backend). */
  url?: string;
  createdAt: string;
}

/** `GET /api/proposals/pending?path=…`: the open proposals of one page, newest first. */
export interface PendingAnswer {
  /** The page, relative to the repository root. */
  path: string;
  proposals: PendingProposal[];
}

/** The most pending proposals `GET /api/proposals/pending` lists for one page. */
export const pendingLimit = 20;

interface SessionBase {
  mode: IdentityMode;
  backend: BackendName;
}

/** `GET /api/session`: who the service thinks you are, and how to sign in when you are not. */
export type SessionAnswer =
  | (SessionBase & { signedIn: true; user: { name: string; email: string; login: string | null }; problem?: undefined; loginUrl?: undefined })
  | (SessionBase & { signedIn: false; user: null; problem: string; loginUrl?: string });

/** Every refusal and failure: a sentence the contributor can act on, and what it is about. */
export interface ErrorBody {
  error: string;
  details?: unknown;
}

/** `details` of a 422 for a page that breaks the rules: one entry per problem. */
export interface ContentProblem {
  line: number;
  column: number;
  field?: string;
  message: string;
}

/** One place where the contributor and someone else changed the same lines. */
export interface ConflictPart {
  /** The line in `theirs` where the part starts. */
  line: number;
  base: string;
  yours: string;
  theirs: string;
}

/** `details` of a 409 when the page changed since the editor opened it and the changes collide. */
export interface ConflictDetails {
  conflict: true;
  /** The base branch's commit `theirs` is read from. */
  head: string;
  theirs: string;
  yours: string;
  conflicts: ConflictPart[];
}

/** `details` of an answer that says when to try again (429, 503), also sent as `Retry-After`. */
export interface RetryDetails {
  retryAfter: number;
}

/** What the service accepts, so the editor can say so before submitting. */
export interface ProposalLimits {
  /** A page's source, in bytes. */
  pageBytes: number;
  /** One image, in bytes. */
  imageBytes: number;
  /** Images per proposal. */
  images: number;
  /** The whole JSON body (base64 images are a third larger than the images). */
  bodyBytes: number;
  /** Characters of the summary, and of the reason. */
  summary: number;
  reason: number;
  /** `.png`, `.jpg`, … */
  imageExtensions: readonly string[];
}

/** The image types a proposal may add (request.ts checks each file's first bytes too). */
export const imageExtensions = ['.png', '.jpg', '.jpeg', '.gif', '.webp'] as const;
export type ImageExtension = (typeof imageExtensions)[number];

export const proposalLimits: ProposalLimits = {
  // The largest page of the 18F handbook is 60 KB.
  pageBytes: 512 * 1024,
  imageBytes: 5 * 1024 * 1024,
  images: 5,
  bodyBytes: 8 * 1024 * 1024,
  summary: 200,
  reason: 4000,
  imageExtensions,
};
