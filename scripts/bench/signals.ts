/**
 * npm run bench:signals [-- --seconds 60 --readers 200]
 *
 * A load script, not a test: 200 concurrent readers send search and feedback signals for 60 s
 * through the readers' signals HTTP handlers (src/lib/signals/, served by node:http in this
 * process) against each store — SQLite (a file in a temporary folder) and PostgreSQL (a throw-away
 * cluster; skipped, saying so, where PostgreSQL is not installed). Prints requests, throughput,
 * p50/p95/p99 latency and errors, then checks that nothing was lost: the store's counts equal what
 * the readers were told was accepted (every 204), query by query and page by page.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readContentFolder } from '../../src/lib/content/read-content.ts';
import { isPagePath, slugFromPath } from '../../src/lib/paths.ts';
import type { SignalsDeps } from '../../src/lib/signals/deps.ts';
import { handleFeedback } from '../../src/lib/signals/feedback-http.ts';
import { buildManifest, PageIndex } from '../../src/lib/signals/manifest.ts';
import { normalizeQuery } from '../../src/lib/signals/query.ts';
import { handleSearchSignal } from '../../src/lib/signals/search-http.ts';
import { openStore } from '../../src/lib/store/open.ts';
import { findPostgresBin, startPostgres } from '../lib/postgres.ts';
import { serveHandlers } from '../lib/web-server.ts';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
};
const SECONDS = arg('seconds', 60);
const READERS = arg('readers', 200);

const QUERIES = [
  'annual leave', 'sick leave', 'parking permit', 'vpn', 'expense report', 'travel insurance', 'fire exit', 'forklift',
  'salary slip', 'pension', 'laptop', 'password reset', 'חופשה', 'מחלה', 'חניה', 'ביטוח', 'פינוי בשריפה', 'נוהל בטיחות',
  'onboarding', 'badge', 'wifi', 'printer', 'holiday calendar', 'overtime', 'lab coat', 'gloves', 'first aid', 'emergency',
];

interface Sent {
  searches: Map<string, { count: number; zero: number; noClick: number }>;
  feedback: Map<string, { yes: number; no: number }>;
}

interface RunResult {
  store: string;
  requests: number;
  errors: number;
  statuses: Map<number, number>;
  latencies: number[];
  ms: number;
  lost: number;
  problems: string[];
}

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))] ?? 0;
const pick = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)]!;

async function samplePages(): Promise<PageIndex> {
  const folder = await readContentFolder(path.resolve('content'));
  const pages = folder.pages
    .filter((p) => isPagePath(p.path))
    .map((p) => ({ slug: slugFromPath(p.path), title: p.path, lang: 'en', path: p.path, acknowledge: [], revisions: [] }));
  return new PageIndex(buildManifest({ base: '/', pages, minorCommits: new Set() }));
}

async function reader(url: string, paths: string[], deadline: number, sent: Sent, result: RunResult): Promise<void> {
  while (Date.now() < deadline) {
    const search = Math.random() < 0.7;
    const q = pick(QUERIES);
    const results = Math.random() < 0.3 ? 0 : 1 + Math.floor(Math.random() * 10);
    const opened = results > 0 && Math.random() < 0.6;
    const page = pick(paths);
    const helpful = Math.random() < 0.8;
    const body = search ? { q, lang: /[\u05D0-\u05EA]/.test(q) ? 'he' : 'en', results, opened } : { path: page, helpful, ...(helpful ? {} : { comment: `Missing: ${q}` }) };
    const started = performance.now();
    let status = 0;
    try {
      const response = await fetch(`${url}/api/signals/${search ? 'search' : 'feedback'}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: url }, body: JSON.stringify(body) });
      status = response.status;
      await response.arrayBuffer();
    } catch {
      status = 0;
    }
    result.latencies.push(performance.now() - started);
    result.requests += 1;
    result.statuses.set(status, (result.statuses.get(status) ?? 0) + 1);
    if (status !== 204) {
      result.errors += 1;
      continue;
    }
    if (search) {
      const key = `${normalizeQuery(q)}\n${body.lang}`;
      const tally = sent.searches.get(key) ?? { count: 0, zero: 0, noClick: 0 };
      tally.count += 1;
      tally.zero += results === 0 ? 1 : 0;
      tally.noClick += opened ? 0 : 1;
      sent.searches.set(key, tally);
    } else {
      const tally = sent.feedback.get(page) ?? { yes: 0, no: 0 };
      if (helpful) tally.yes += 1;
      else tally.no += 1;
      sent.feedback.set(page, tally);
    }
  }
}

async function verify(deps: SignalsDeps, sent: Sent, since: Date, result: RunResult): Promise<void> {
  const counted = new Map((await deps.store.searchCounts({ since, limit: 10_000 })).map((c) => [`${c.q}\n${c.lang}`, c]));
  for (const [key, tally] of sent.searches) {
    const row = counted.get(key);
    const lost = tally.count - (row?.count ?? 0);
    result.lost += Math.abs(lost);
    if (lost !== 0 || row?.zeroResults !== tally.zero || row?.noClick !== tally.noClick) result.problems.push(`search ${JSON.stringify(key.split('\n')[0])}: sent ${JSON.stringify(tally)}, stored ${JSON.stringify(row)}`);
  }
  const totals = new Map((await deps.store.feedbackTotals({ since })).map((t) => [t.path, t]));
  for (const [page, tally] of sent.feedback) {
    const address = (await deps.pages()).find(page)!.address;
    const row = totals.get(address);
    const lost = tally.yes + tally.no - ((row?.helpful ?? 0) + (row?.notHelpful ?? 0));
    result.lost += Math.abs(lost);
    if (lost !== 0 || row?.helpful !== tally.yes) result.problems.push(`feedback ${address}: sent ${JSON.stringify(tally)}, stored ${JSON.stringify(row)}`);
  }
}

async function run(name: string, env: Record<string, string>): Promise<RunResult> {
  const store = await openStore(env);
  const pages = await samplePages();
  const deps: SignalsDeps = {
    store,
    pages: async () => pages,
    identity: async () => ({ mode: 'dev', devUser: { name: 'Bench', email: 'bench@example.com' } }),
    // The limits are the wiki-wide ones; a benchmark measures the store, so they are out of the way.
    limits: { searchPerMinute: 100_000_000, feedbackPerMinute: 100_000_000, acknowledgementsPerMinute: 1000 },
  };
  const server = await serveHandlers({
    '/api/signals/search': (request) => handleSearchSignal(request, deps),
    '/api/signals/feedback': (request) => handleFeedback(request, deps),
  });
  const result: RunResult = { store: name, requests: 0, errors: 0, statuses: new Map(), latencies: [], ms: 0, lost: 0, problems: [] };
  const sent: Sent = { searches: new Map(), feedback: new Map() };
  const since = new Date();
  const paths = pages.pages.map((p) => (Math.random() < 0.5 ? p.address : p.file)).filter(Boolean);
  const started = performance.now();
  const deadline = Date.now() + SECONDS * 1000;
  await Promise.all(Array.from({ length: READERS }, () => reader(server.url, paths, deadline, sent, result)));
  result.ms = performance.now() - started;
  await server.close();
  await verify(deps, sent, since, result);
  await store.close();
  return result;
}

function report(r: RunResult): void {
  const statuses = [...r.statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s === 0 ? 'network' : s}×${n}`).join(', ');
  console.log(`${r.store}: ${r.requests} requests in ${(r.ms / 1000).toFixed(1)} s (${Math.round(r.requests / (r.ms / 1000))}/s) from ${READERS} readers`);
  console.log(`  latency p50 ${percentile(r.latencies, 50).toFixed(1)} ms, p95 ${percentile(r.latencies, 95).toFixed(1)} ms, p99 ${percentile(r.latencies, 99).toFixed(1)} ms`);
  console.log(`  answers: ${statuses}; errors ${r.errors}; lost ${r.lost}`);
  for (const problem of r.problems.slice(0, 10)) console.log(`  LOST ${problem}`);
}

console.log(`bench:signals — ${READERS} readers, ${SECONDS} s per store, 70% searches and 30% feedback`);
const results: RunResult[] = [];
const folder = await mkdtemp(path.join(tmpdir(), 'pinkas-bench-signals-'));
try {
  results.push(await run('SQLite', { PINKAS_DATA_DIR: path.join(folder, 'data') }));
  report(results.at(-1)!);
  if (!findPostgresBin()) console.log('PostgreSQL: skipped (not installed: no initdb; apt-get install postgresql)');
  else {
    const postgres = await startPostgres();
    try {
      results.push(await run('PostgreSQL', { PINKAS_DATABASE_URL: await postgres.createDatabase() }));
      report(results.at(-1)!);
    } finally {
      await postgres.stop();
    }
  }
} finally {
  await rm(folder, { recursive: true, force: true });
}
const failed = results.filter((r) => r.lost > 0 || r.errors > 0);
if (failed.length) {
  console.log(`FAILED: ${failed.map((r) => `${r.store} lost ${r.lost}, errors ${r.errors}`).join('; ')}`);
  process.exit(1);
}
console.log('OK: 0 lost, 0 errors');
