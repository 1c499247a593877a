import * as coordination from './coordination.ts';
import type { Driver } from './driver.ts';
import * as reading from './reading.ts';
import * as schema from './schema.ts';
import { parse } from './schema.ts';
import * as signals from './signals.ts';
import type { Store } from './types.ts';

export interface StoreOptions {
  /** The clock for times the caller leaves out (default: the system clock). */
  now?: () => Date;
}

/**
 * The Store over a SQL driver: every input validated here, then handed to one SQL text that
 * SQLite and PostgreSQL both run.
 */
export function createSqlStore(db: Driver, options: StoreOptions = {}): Store {
  const now = options.now ?? (() => new Date());
  return {
    kind: db.dialect,

    recordSearch: async (input) => {
      const s = parse('search signal', schema.searchSignal, input);
      await signals.recordSearch(db, { ...s, at: s.at ?? now() });
    },
    searchCounts: async (input) => {
      const q = parse('search counts query', schema.searchCountsQuery, input);
      return signals.searchCounts(db, { since: q.since, minCount: q.minCount ?? 1, limit: q.limit ?? 100 });
    },

    addFeedback: async (input) => {
      const f = parse('feedback', schema.feedbackInput, input);
      return signals.addFeedback(db, { ...f, at: f.at ?? now() });
    },
    listFeedback: async (input = {}) => {
      const q = parse('feedback query', schema.feedbackQuery, input);
      return signals.listFeedback(db, { ...q, limit: q.limit ?? 1000 });
    },
    feedbackTotals: async (input = {}) => {
      return signals.feedbackTotals(db, parse('feedback totals query', schema.feedbackTotalsQuery, input));
    },

    addAcknowledgement: async (input) => {
      const a = parse('acknowledgement', schema.acknowledgementInput, input);
      return reading.addAcknowledgement(db, { ...a, at: a.at ?? now() });
    },
    listAcknowledgements: async (input = {}) => reading.listAcknowledgements(db, parse('acknowledgement query', schema.acknowledgementQuery, input)),

    upsertPerson: async (input) => {
      const p = parse('person', schema.personInput, input);
      await db.transaction((tx) => reading.upsertPerson(tx, p));
      return (await reading.getPerson(db, p.email))!;
    },
    importPeople: async (input) => {
      const rows = parse('roster', schema.roster, input);
      await db.transaction(async (tx) => {
        for (const row of rows) await reading.upsertPerson(tx, row);
      });
      return { imported: rows.length };
    },
    getPerson: async (email) => reading.getPerson(db, parse('e-mail address', schema.emailOnly, email)),
    listPeople: async (input = {}) => reading.listPeople(db, parse('people query', schema.peopleQuery, input)),

    incrementCounter: async (input) => {
      const hit = parse('counter hit', schema.counterHit, input);
      return coordination.incrementCounter(db, { ...hit, by: hit.by ?? 1 });
    },
    readCounters: async (input) => {
      const read = parse('counter read', schema.counterRead, input);
      return coordination.readCounters(db, { ...read, now: read.now ?? now() });
    },
    claim: async (input) => {
      const request = parse('claim', schema.claimRequest, input);
      return coordination.claim(db, { ...request, now: request.now ?? now() });
    },
    completeClaim: async (input) => coordination.completeClaim(db, parse('claim completion', schema.claimCompletion, input)),
    renewClaim: async (input) => coordination.renewClaim(db, parse('claim renewal', schema.claimRenewal, input)),
    releaseClaim: async (input) => coordination.releaseClaim(db, parse('claim release', schema.claimRelease, input)),
    getClaim: async (key, at) => coordination.getClaim(db, parse('key', schema.keyOnly, key), parse('time', schema.cutoff, at ?? now())),

    deleteSignalsBefore: async (cutoff) => signals.deleteSignalsBefore(db, parse('cutoff', schema.cutoff, cutoff)),
    deleteExpired: async (at) => coordination.deleteExpired(db, parse('time', schema.cutoff, at ?? now())),

    close: () => db.close(),
  };
}
