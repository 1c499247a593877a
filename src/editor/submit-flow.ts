/**
 * The way from editing to a submitted proposal, as a state machine: which step the contributor is
 * at, and what each event leads to. Pure (no DOM, no network): src/editor/submit-view.ts shows
 * each state and does the work it stands for (running the check, making and sending the request).
 *
 * | state      | event    | next                                                                     |
 * |------------|----------|--------------------------------------------------------------------------|
 * | editing    | review   | checking, or editing with a notice when the summary is missing           |
 * | checking   | checked  | reviewing (preparing, for a resolved conflict), or editing with a notice |
 * | reviewing  | back     | editing                                                                  |
 * | reviewing  | send     | preparing                                                                |
 * | preparing  | prepared | submitting, with the same key when the request is the same as before     |
 * | submitting | answered | submitted, failed, conflict, or editing (the service refused the page)   |
 * | failed     | send     | preparing (a retry)                                                      |
 * | failed     | back     | editing                                                                  |
 * | conflict   | resolved | checking (to be sent at once), or editing; while a part is undecided,   |
 * |            |          | conflict again, with a notice saying how many                           |
 * | conflict   | back     | editing, the contributor's own text on the old base (nothing resolved)   |
 * | editing    | restored | editing, with the attempt of the restored draft                          |
 *
 * One idempotency key per attempt: a retry of the same request reuses it (the service then
 * answers with the proposal it already opened, never a second one); a changed request gets a new
 * key, and so does the resolution of a conflict.
 */
import type { LineProblem, Proposal, SubmitOutcome } from './api.ts';

/** The key of a submit attempt and the fingerprint of what it sent (kept in the draft, too). */
export interface Attempt {
  key: string;
  fingerprint: string;
}

/** Why the editor stays in editing, told to the contributor under the form. */
export type EditingNotice =
  | { kind: 'summaryRequired' }
  | { kind: 'problems'; count: number }
  | { kind: 'noChanges' }
  | { kind: 'tooLarge'; pageBytes: number }
  /** The service refused the page (422), at these lines (maybe none). */
  | { kind: 'rejected'; message: string; problems: LineProblem[] };

/** An answer after which the same request can be tried again. */
export type Failure = Extract<SubmitOutcome, { kind: 'signin' | 'error' }>;

export type SubmitState =
  | { name: 'editing'; attempt?: Attempt; notice?: EditingNotice }
  /** Waiting for the check of the text as it is now; `then`: what follows when it passes. */
  | { name: 'checking'; attempt?: Attempt; then: 'review' | 'submit' }
  | { name: 'reviewing'; attempt?: Attempt }
  /** Making the request (images encoded, fingerprinted) before it is sent. */
  | { name: 'preparing'; attempt?: Attempt }
  | { name: 'submitting'; attempt: Attempt }
  | { name: 'failed'; attempt: Attempt; failure: Failure }
  /**
   * The page changed in the same place since the base commit; `yours` is the text that was sent.
   * `notice`: the contributor tried to go on while parts were undecided.
   */
  | { name: 'conflict'; attempt: Attempt; head: string; theirs: string; yours: string; notice?: { kind: 'unresolved'; count: number } }
  | { name: 'submitted'; proposal: Proposal };

export type SubmitEvent =
  /** The form is submitted (Review changes). */
  | { type: 'review'; summary: string }
  /** The check is in: how many errors it found, whether the text differs from the page, its size. */
  | { type: 'checked'; errors: number; changed: boolean; bytes: number }
  | { type: 'back' }
  /** Submit proposal, or Retry after a failure. */
  | { type: 'send' }
  | { type: 'prepared'; fingerprint: string }
  | { type: 'answered'; outcome: SubmitOutcome }
  /** The contributor resolved a conflict, to submit it at once or to edit it further; `open`: parts still undecided. */
  | { type: 'resolved'; then: 'submit' | 'edit'; open: number }
  /** A draft was restored, with the attempt it had made. */
  | { type: 'restored'; attempt?: Attempt };

export interface SubmitFlowOptions {
  /** The largest page the service accepts, in UTF-8 bytes. */
  pageBytes: number;
  newKey: () => string;
}

export const initialState: SubmitState = { name: 'editing' };

/** What `event` leads to from `state`; the same state when the event means nothing there (a second click). */
export function transition(state: SubmitState, event: SubmitEvent, options: SubmitFlowOptions): SubmitState {
  switch (state.name) {
    case 'editing':
      if (event.type === 'review') return event.summary.trim() ? { name: 'checking', attempt: state.attempt, then: 'review' } : { name: 'editing', attempt: state.attempt, notice: { kind: 'summaryRequired' } };
      if (event.type === 'restored') return { name: 'editing', attempt: event.attempt };
      return state;
    case 'checking': {
      if (event.type !== 'checked') return state;
      const { attempt } = state;
      if (event.errors) return { name: 'editing', attempt, notice: { kind: 'problems', count: event.errors } };
      // A resolved conflict is submitted as resolved: the service says whether it changes anything.
      if (state.then === 'submit') return { name: 'preparing', attempt };
      if (!event.changed) return { name: 'editing', attempt, notice: { kind: 'noChanges' } };
      if (event.bytes > options.pageBytes) return { name: 'editing', attempt, notice: { kind: 'tooLarge', pageBytes: options.pageBytes } };
      return { name: 'reviewing', attempt };
    }
    case 'reviewing':
      if (event.type === 'back') return { name: 'editing', attempt: state.attempt };
      if (event.type === 'send') return { name: 'preparing', attempt: state.attempt };
      return state;
    case 'preparing': {
      if (event.type !== 'prepared') return state;
      const same = state.attempt?.fingerprint === event.fingerprint;
      return { name: 'submitting', attempt: same ? state.attempt! : { key: options.newKey(), fingerprint: event.fingerprint } };
    }
    case 'submitting':
      return event.type === 'answered' ? answered(state.attempt, event.outcome) : state;
    case 'failed':
      if (event.type === 'send') return { name: 'preparing', attempt: state.attempt };
      if (event.type === 'back') return { name: 'editing', attempt: state.attempt };
      return state;
    case 'conflict':
      if (event.type === 'back') return { name: 'editing', attempt: state.attempt };
      if (event.type !== 'resolved') return state;
      // Nothing undecided is sent, nor taken back into the editor as if it were decided.
      if (event.open > 0) return { ...state, notice: { kind: 'unresolved', count: event.open } };
      // The resolution is a new request, on the page as it is now: it gets a key of its own.
      return event.then === 'submit' ? { name: 'checking', then: 'submit' } : { name: 'editing' };
    case 'submitted':
      return state;
  }
}

function answered(attempt: Attempt, outcome: SubmitOutcome): SubmitState {
  switch (outcome.kind) {
    case 'created':
      return { name: 'submitted', proposal: outcome.proposal };
    case 'invalid':
      return { name: 'editing', attempt, notice: { kind: 'rejected', message: outcome.message, problems: outcome.problems } };
    case 'conflict':
      return { name: 'conflict', attempt, head: outcome.head, theirs: outcome.theirs, yours: outcome.yours };
    case 'signin':
    case 'error':
      return { name: 'failed', attempt, failure: outcome };
  }
}

export interface SubmitFlow {
  readonly state: SubmitState;
  /** Applies an event; false when it means nothing in the current state. */
  send(event: SubmitEvent): boolean;
}

/** A running flow: `onEnter` is told each new state, with the one before it. */
export function createSubmitFlow(options: SubmitFlowOptions, onEnter: (state: SubmitState, from: SubmitState) => void): SubmitFlow {
  let state = initialState;
  return {
    get state() {
      return state;
    },
    send(event) {
      const next = transition(state, event, options);
      if (next === state) return false;
      const from = state;
      state = next;
      onEnter(next, from);
      return true;
    },
  };
}
