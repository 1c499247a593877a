/**
 * The store behind readers' signals, feedback, required reading and the state several service
 * processes share (rate-limit counters, in-flight submits). One interface, plain objects in and
 * out; SQLite by default, PostgreSQL for several processes. Every input is validated by the
 * store itself (see schema.ts) and refused with a StoreInputError.
 */

/** One search made by a reader: the query as the search analysis normalized it. No identity. */
export interface SearchSignal {
  /** The normalized query (the caller normalizes; the store counts what it is given). */
  q: string;
  lang: string;
  /** How many results the reader saw: 0 counts as a zero-result search. */
  results: number;
  /** Whether the reader opened a result: false counts as a search without a click. */
  opened: boolean;
  /** When it happened (default: now); only its UTC day is kept. */
  at?: Date | undefined;
}

/** How often a query was searched in a period, and how often it found nothing or led nowhere. */
export interface SearchQueryCount {
  q: string;
  lang: string;
  count: number;
  zeroResults: number;
  noClick: number;
}

export interface SearchCountsQuery {
  /** Counts from this day on (its UTC day). */
  since: Date;
  /** Queries seen fewer times in the period are left out (default 1). */
  minCount?: number | undefined;
  /** At most this many queries (default 100). */
  limit?: number | undefined;
}

export interface FeedbackInput {
  path: string;
  helpful: boolean;
  comment?: string | undefined;
  at?: Date | undefined;
}

export interface Feedback {
  id: number;
  path: string;
  helpful: boolean;
  comment?: string;
  at: Date;
}

export interface FeedbackQuery {
  path?: string | undefined;
  since?: Date | undefined;
  limit?: number | undefined;
}

/** Per page: how many readers found it helpful, how many did not, how many left a comment. */
export interface FeedbackTotal {
  path: string;
  helpful: number;
  notHelpful: number;
  comments: number;
}

export interface AcknowledgementInput {
  path: string;
  /** The page's revision number. */
  revision: number;
  /** The hash of the content that was read (a git blob id, SHA-1 or SHA-256). */
  contentHash: string;
  email: string;
  name: string;
  at?: Date | undefined;
}

export interface Acknowledgement {
  id: number;
  path: string;
  revision: number;
  contentHash: string;
  email: string;
  name: string;
  at: Date;
}

export interface AcknowledgementQuery {
  path?: string | undefined;
  email?: string | undefined;
}

export interface PersonInput {
  email: string;
  name: string;
  /** The person's groups; left as they were when omitted. */
  groups?: string[] | undefined;
  /** When the person last signed in; left as it was when omitted (a roster import). */
  seenAt?: Date | undefined;
}

export interface Person {
  email: string;
  name: string;
  groups: string[];
  seenAt?: Date;
}

export interface PeopleQuery {
  /** Only members of at least one of these groups (default: everyone). */
  groups?: string[] | undefined;
}

/** One hit on a rate-limit counter. */
export interface CounterHit {
  key: string;
  /** Names one period of the limit, e.g. `minute:2025-03-01T10:05`; a new period, a new count. */
  window: string;
  /** After this the counter may be deleted (deleteExpired). */
  expiresAt: Date;
  /** How much to add (default 1). */
  by?: number | undefined;
}

/** The counters of one key in some windows, as they are now. */
export interface CounterRead {
  key: string;
  windows: string[];
  /** Counters that expired by then count as 0 (default: now). */
  now?: Date | undefined;
}

export interface ClaimRequest {
  key: string;
  /** An unfinished claim older than this may be taken over by another claim. */
  expiresAt: Date;
  now?: Date | undefined;
}

export type ClaimState = 'in-flight' | 'done';

export interface IdempotencyRecord {
  key: string;
  state: ClaimState;
  /** What the finished work returned (plain JSON), for a retry to return again. */
  result?: unknown;
  expiresAt: Date;
}

/** Of any number of simultaneous claims of one key, exactly one gets `claimed: true`. */
export type Claim = { claimed: true; token: string } | { claimed: false; record: IdempotencyRecord };

export interface ClaimCompletion {
  key: string;
  token: string;
  result: unknown;
  /** How long a retry still gets this result. */
  expiresAt: Date;
}

/** A claim still being worked on, held for longer. */
export interface ClaimRenewal {
  key: string;
  token: string;
  /** The claim's new expiry. */
  expiresAt: Date;
}

export interface Store {
  readonly kind: 'sqlite' | 'postgres';

  /** Counts one search in its day's row for (query, lang). */
  recordSearch(signal: SearchSignal): Promise<void>;
  /** Queries of the period, most zero-result searches first, then most searches without a click. */
  searchCounts(query: SearchCountsQuery): Promise<SearchQueryCount[]>;

  addFeedback(input: FeedbackInput): Promise<Feedback>;
  /** Newest first. */
  listFeedback(query?: FeedbackQuery): Promise<Feedback[]>;
  feedbackTotals(query?: { since?: Date | undefined }): Promise<FeedbackTotal[]>;

  /** Appends one acknowledgement; acknowledgements are never changed or deleted. */
  addAcknowledgement(input: AcknowledgementInput): Promise<Acknowledgement>;
  /** Oldest first. */
  listAcknowledgements(query?: AcknowledgementQuery): Promise<Acknowledgement[]>;

  /** Learns a person (at sign-in), or updates what is known. E-mail addresses are kept in lower case. */
  upsertPerson(input: PersonInput): Promise<Person>;
  /** Imports a roster in one transaction: all rows or, on one bad row, none. */
  importPeople(rows: PersonInput[]): Promise<{ imported: number }>;
  getPerson(email: string): Promise<Person | undefined>;
  /** Ordered by e-mail address. */
  listPeople(query?: PeopleQuery): Promise<Person[]>;

  /** Adds to the counter of (key, window) atomically and returns its new value. */
  incrementCounter(hit: CounterHit): Promise<number>;
  /** The values of the key's counters in `windows`, in that order (0 for none, or an expired one). */
  readCounters(read: CounterRead): Promise<number[]>;

  /** Claims a key for one piece of work, atomically across processes. */
  claim(request: ClaimRequest): Promise<Claim>;
  /** Stores the result of claimed work; false if the claim is no longer this token's. */
  completeClaim(completion: ClaimCompletion): Promise<boolean>;
  /**
   * Moves an unfinished claim's expiry (the work goes on); false if the claim is no longer this
   * token's (it expired and another claim took it over, or it was completed or released).
   */
  renewClaim(renewal: ClaimRenewal): Promise<boolean>;
  /** Gives up an unfinished claim (the work failed), so a retry may claim again. */
  releaseClaim(claim: { key: string; token: string }): Promise<boolean>;
  /** The key's record, unless it has expired. */
  getClaim(key: string, now?: Date): Promise<IdempotencyRecord | undefined>;

  /** Retention: deletes search counts and feedback older than the cutoff (never acknowledgements). */
  deleteSignalsBefore(cutoff: Date): Promise<{ searchCounts: number; feedback: number }>;
  /** Deletes expired counters and idempotency records. */
  deleteExpired(now?: Date): Promise<{ counters: number; claims: number }>;

  close(): Promise<void>;
}
