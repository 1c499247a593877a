/**
 * The submit flow, as a state machine without a browser: from editing through the check and the
 * review to a submitted proposal, and every way it can turn — a blocker, a refusal, a failure and
 * its retry, a conflict and its resolution.
 */
import { describe, expect, it } from 'vitest';
import type { Proposal, SubmitOutcome } from '../../src/editor/api.ts';
import { createSubmitFlow, initialState, transition, type SubmitEvent, type SubmitState } from '../../src/editor/submit-flow.ts';

/** A flow whose keys are `key-1`, `key-2`, … in the order it makes them. */
function flow() {
  let n = 0;
  const entered: [SubmitState['name'], SubmitState['name']][] = [];
  const f = createSubmitFlow({ pageBytes: 1000, newKey: () => `key-${++n}` }, (state, from) => entered.push([from.name, state.name]));
  const run = (...events: SubmitEvent[]) => {
    for (const event of events) f.send(event);
    return f.state;
  };
  return { f, run, entered };
}

const options = { pageBytes: 1000, newKey: () => 'new-key' };
const proposal: Proposal = { id: 'abc123abc123', url: '/proposals/#abc123abc123', branch: 'pinkas/hr-leave-abc123abc123', reviewers: ['@noa'], mergedWithNewerChanges: false } as Proposal;
const created: SubmitOutcome = { kind: 'created', proposal };
const networkDown: SubmitOutcome = { kind: 'error', status: 0, message: 'Failed to fetch' };
const serviceDown: SubmitOutcome = { kind: 'error', status: 503, message: 'maintenance' };
const conflict: SubmitOutcome = { kind: 'conflict', message: 'changed', head: 'c2', theirs: 'their text', yours: 'my text' };

const review: SubmitEvent = { type: 'review', summary: 'Fix a typo' };
const cleanCheck: SubmitEvent = { type: 'checked', errors: 0, changed: true, bytes: 10 };
/** From editing to the review of a change that passes the check. */
const toReview = [review, cleanCheck];

describe('the submit flow: from editing to the review', () => {
  it('starts in editing, checks the page when the form is submitted, then shows the review', () => {
    const { f, run, entered } = flow();
    expect(f.state).toEqual({ name: 'editing' });
    expect(run(review)).toEqual({ name: 'checking', then: 'review', attempt: undefined });
    expect(run(cleanCheck)).toEqual({ name: 'reviewing', attempt: undefined });
    expect(entered).toEqual([['editing', 'checking'], ['checking', 'reviewing']]);
  });

  it('asks for a summary before checking anything', () => {
    const { run } = flow();
    expect(run({ type: 'review', summary: '  ' })).toEqual({ name: 'editing', notice: { kind: 'summaryRequired' } });
  });

  it('stays in editing, saying why, when the check finds errors, the text is unchanged, or the page is too large', () => {
    const checking: SubmitState = { name: 'checking', then: 'review' };
    expect(transition(checking, { type: 'checked', errors: 2, changed: true, bytes: 10 }, options)).toEqual({ name: 'editing', notice: { kind: 'problems', count: 2 } });
    expect(transition(checking, { type: 'checked', errors: 0, changed: false, bytes: 10 }, options)).toEqual({ name: 'editing', notice: { kind: 'noChanges' } });
    expect(transition(checking, { type: 'checked', errors: 0, changed: true, bytes: 1001 }, options)).toEqual({ name: 'editing', notice: { kind: 'tooLarge', pageBytes: 1000 } });
    expect(transition(checking, { type: 'checked', errors: 0, changed: true, bytes: 1000 }, options)).toEqual({ name: 'reviewing' });
  });

  it('goes back from the review to editing', () => {
    const { run } = flow();
    expect(run(...toReview, { type: 'back' })).toEqual({ name: 'editing' });
  });
});

describe('the submit flow: submitting', () => {
  it('makes the request, sends it under a new key, and ends submitted', () => {
    const { run, entered } = flow();
    expect(run(...toReview, { type: 'send' })).toEqual({ name: 'preparing' });
    expect(run({ type: 'prepared', fingerprint: 'fp-1' })).toEqual({ name: 'submitting', attempt: { key: 'key-1', fingerprint: 'fp-1' } });
    expect(run({ type: 'answered', outcome: created })).toEqual({ name: 'submitted', proposal });
    expect(entered.map(([, to]) => to)).toEqual(['checking', 'reviewing', 'preparing', 'submitting', 'submitted']);
  });

  it('ignores a second click while a request is under way, and everything once submitted', () => {
    const { f, run } = flow();
    run(...toReview, { type: 'send' });
    expect(f.send({ type: 'send' })).toBe(false);
    run({ type: 'prepared', fingerprint: 'fp-1' });
    expect(f.send({ type: 'send' })).toBe(false);
    expect(f.send({ type: 'back' })).toBe(false);
    expect(f.state.name).toBe('submitting');
    run({ type: 'answered', outcome: created });
    for (const event of [review, cleanCheck, { type: 'send' }, { type: 'back' }, { type: 'answered', outcome: serviceDown }] as SubmitEvent[]) expect(f.send(event)).toBe(false);
    expect(f.state.name).toBe('submitted');
  });

  it('keeps the idempotency key when a failed submit is retried, through two failures', () => {
    const { run } = flow();
    run(...toReview, { type: 'send' }, { type: 'prepared', fingerprint: 'fp-1' });
    expect(run({ type: 'answered', outcome: networkDown })).toEqual({ name: 'failed', attempt: { key: 'key-1', fingerprint: 'fp-1' }, failure: networkDown });
    expect(run({ type: 'send' })).toEqual({ name: 'preparing', attempt: { key: 'key-1', fingerprint: 'fp-1' } });
    expect(run({ type: 'prepared', fingerprint: 'fp-1' })).toEqual({ name: 'submitting', attempt: { key: 'key-1', fingerprint: 'fp-1' } });
    expect(run({ type: 'answered', outcome: serviceDown }).name).toBe('failed');
    expect(run({ type: 'send' }, { type: 'prepared', fingerprint: 'fp-1' })).toEqual({ name: 'submitting', attempt: { key: 'key-1', fingerprint: 'fp-1' } });
    expect(run({ type: 'answered', outcome: created }).name).toBe('submitted');
  });

  it('gives a changed request a new key, after going back to edit it', () => {
    const { run } = flow();
    run(...toReview, { type: 'send' }, { type: 'prepared', fingerprint: 'fp-1' }, { type: 'answered', outcome: serviceDown });
    expect(run({ type: 'back' })).toEqual({ name: 'editing', attempt: { key: 'key-1', fingerprint: 'fp-1' } });
    run(...toReview, { type: 'send' });
    expect(run({ type: 'prepared', fingerprint: 'fp-2' })).toEqual({ name: 'submitting', attempt: { key: 'key-2', fingerprint: 'fp-2' } });
  });

  it('offers sign-in after a 401, as a failure that can be retried', () => {
    const { run } = flow();
    const signin: SubmitOutcome = { kind: 'signin', message: 'Sign in first', loginUrl: '/login' };
    expect(run(...toReview, { type: 'send' }, { type: 'prepared', fingerprint: 'fp' }, { type: 'answered', outcome: signin })).toMatchObject({ name: 'failed', failure: signin });
    expect(run({ type: 'send' }).name).toBe('preparing');
  });

  it('goes back to editing with the service’s problems when it refuses the page, keeping the key', () => {
    const { run } = flow();
    const invalid: SubmitOutcome = { kind: 'invalid', message: 'unsafe content', problems: [{ line: 3, column: 1, message: '<script> is not allowed' }] };
    expect(run(...toReview, { type: 'send' }, { type: 'prepared', fingerprint: 'fp' }, { type: 'answered', outcome: invalid })).toEqual({
      name: 'editing',
      attempt: { key: 'key-1', fingerprint: 'fp' },
      notice: { kind: 'rejected', message: 'unsafe content', problems: invalid.problems },
    });
  });
});

describe('the submit flow: a conflict', () => {
  const toConflict = [...toReview, { type: 'send' }, { type: 'prepared', fingerprint: 'fp-1' }, { type: 'answered', outcome: conflict }] as SubmitEvent[];

  it('shows the conflict with both versions', () => {
    const { run } = flow();
    expect(run(...toConflict)).toEqual({ name: 'conflict', attempt: { key: 'key-1', fingerprint: 'fp-1' }, head: 'c2', theirs: 'their text', yours: 'my text' });
  });

  it('checks a resolution to submit, then sends it at once under a new key', () => {
    const { run } = flow();
    run(...toConflict);
    expect(run({ type: 'resolved', then: 'submit', open: 0 })).toEqual({ name: 'checking', then: 'submit' });
    // The service decides whether a resolution changes anything.
    expect(run({ type: 'checked', errors: 0, changed: false, bytes: 10 })).toEqual({ name: 'preparing', attempt: undefined });
    expect(run({ type: 'prepared', fingerprint: 'fp-1' })).toEqual({ name: 'submitting', attempt: { key: 'key-2', fingerprint: 'fp-1' } });
    expect(run({ type: 'answered', outcome: created }).name).toBe('submitted');
  });

  it('sends a resolution with errors back to editing, and one to edit further straight there', () => {
    const a = flow();
    a.run(...toConflict, { type: 'resolved', then: 'submit', open: 0 });
    expect(a.run({ type: 'checked', errors: 1, changed: true, bytes: 10 })).toEqual({ name: 'editing', notice: { kind: 'problems', count: 1 } });
    const b = flow();
    expect(b.run(...toConflict, { type: 'resolved', then: 'edit', open: 0 })).toEqual({ name: 'editing' });
  });

  it('sends nothing while a part is undecided, and says how many are left', () => {
    const { run, entered } = flow();
    run(...toConflict);
    const before = entered.length;
    const waiting = { name: 'conflict', attempt: { key: 'key-1', fingerprint: 'fp-1' }, head: 'c2', theirs: 'their text', yours: 'my text' };
    expect(run({ type: 'resolved', then: 'submit', open: 2 })).toEqual({ ...waiting, notice: { kind: 'unresolved', count: 2 } });
    expect(run({ type: 'resolved', then: 'edit', open: 1 })).toEqual({ ...waiting, notice: { kind: 'unresolved', count: 1 } });
    expect(entered.slice(before).map(([, to]) => to)).toEqual(['conflict', 'conflict']);
    expect(run({ type: 'resolved', then: 'submit', open: 0 })).toEqual({ name: 'checking', then: 'submit' });
  });

  it('goes back to editing the contributor’s own text, on the old base, when they leave it unresolved', () => {
    const { run } = flow();
    run(...toConflict);
    expect(run({ type: 'back' })).toEqual({ name: 'editing', attempt: { key: 'key-1', fingerprint: 'fp-1' } });
  });

  it('waits for the resolution: nothing else leaves the conflict', () => {
    const { f, run } = flow();
    run(...toConflict);
    for (const event of [review, cleanCheck, { type: 'send' }, { type: 'prepared', fingerprint: 'x' }] as SubmitEvent[]) expect(f.send(event)).toBe(false);
    expect(f.state.name).toBe('conflict');
  });
});

describe('the submit flow: a restored draft', () => {
  it('takes the restored draft’s attempt, so that a retry after a reload keeps its key', () => {
    const { run } = flow();
    expect(run({ type: 'restored', attempt: { key: 'old-key', fingerprint: 'fp-1' } })).toEqual({ name: 'editing', attempt: { key: 'old-key', fingerprint: 'fp-1' } });
    expect(run(...toReview, { type: 'send' }, { type: 'prepared', fingerprint: 'fp-1' })).toEqual({ name: 'submitting', attempt: { key: 'old-key', fingerprint: 'fp-1' } });
  });

  it('means nothing outside editing', () => {
    const reviewing: SubmitState = { name: 'reviewing' };
    expect(transition(reviewing, { type: 'restored', attempt: { key: 'k', fingerprint: 'f' } }, options)).toBe(reviewing);
    expect(transition(initialState, { type: 'back' }, options)).toBe(initialState);
  });
});
