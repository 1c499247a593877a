/**
 * The kill test of the proposal service's local backend (`npm run test:crash`, and a short run in
 * `npm test`): rounds of SIGKILL against a real service process (scripts/lib/proposal-process.ts)
 * with proposals in flight, each kill at another moment of the writes (blobs, trees, commit, ref,
 * record), then a restart and a retry of every request with its Idempotency-Key, as the editor
 * does. Every retry must succeed (201) with the very proposal an earlier 201 returned; at the end
 * `git fsck --strict` is clean, `git gc` succeeds, every proposal is a branch with one commit by its
 * contributor changing only its page, and the working copy is untouched.
 */
import { spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkRepository, crashRepo, leftovers, type ExpectedProposal, type Leftovers, type RepositoryCheck } from './crash-repo.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface CrashOptions {
  rounds: number;
  /** Proposals sent at once in each round. */
  inFlight: number;
  /** For the random kill moments (printed, so a failing run can be repeated). */
  seed?: number;
}

export interface RoundReport {
  delayMs: number;
  /** Proposals answered 201 before the kill, and still in flight when it came. */
  createdBeforeKill: number;
  inFlightAtKill: number;
  left: Leftovers;
  /** What the restarted service repaired (its log). */
  repairs: string[];
}

export interface CrashReport {
  seed: number;
  rounds: RoundReport[];
  proposals: number;
  retries: number;
  retriesOk: number;
  problems: string[];
  repository: RepositoryCheck;
}

interface Service {
  url: string;
  log(): string;
  stop(signal: NodeJS.Signals): Promise<void>;
}

/** Starts the service on the repository; resolves once it listens. */
function startService(dir: string): Promise<Service> {
  const child = spawn(process.execPath, [path.join(root, 'scripts', 'lib', 'proposal-process.ts'), dir], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const line = /^(\{.*\})\n/m.exec(stdout);
      if (line) {
        resolve({
          url: `http://127.0.0.1:${(JSON.parse(line[1]!) as { port: number }).port}`,
          log: () => stderr,
          stop: (signal) => {
            child.kill(signal);
            return exited;
          },
        });
      }
    });
    child.once('exit', (code) => reject(new Error(`the proposal service exited (${code}) before listening: ${stderr}`)));
  });
}

interface Submit {
  key: string;
  email: string;
  name: string;
  path: string;
  marker: string;
  body: string;
}

type Answer = { status: number; body: string } | { status: 'dropped' };

async function send(url: string, s: Submit): Promise<Answer> {
  try {
    const response = await fetch(`${url}/api/proposals`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Forwarded-Email': s.email, 'X-Forwarded-User': s.name, 'Idempotency-Key': s.key },
      body: s.body,
    });
    return { status: response.status, body: await response.text() };
  } catch {
    return { status: 'dropped' };
  }
}

/** A small seeded generator (mulberry32), so a run's kill moments can be repeated. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function samplePages(dir: string): Promise<{ path: string; text: string }[]> {
  const pages: { path: string; text: string }[] = [];
  for (const section of await readdir(path.join(dir, 'content'), { withFileTypes: true })) {
    if (!section.isDirectory() || section.name.startsWith('_')) continue;
    for (const file of await readdir(path.join(dir, 'content', section.name))) {
      if (/\.mdx?$/.test(file) && !/^index\./.test(file) && file !== 'staged.md' && file !== 'benefits.md') {
        const p = `content/${section.name}/${file}`;
        pages.push({ path: p, text: await readFile(path.join(dir, p), 'utf8') });
      }
    }
  }
  return pages;
}

class Ledger {
  /** The body of the first 201 for each key: every later answer must be the same. */
  readonly first = new Map<string, string>();
  readonly problems: string[] = [];
  retries = 0;
  retriesOk = 0;

  /** Records an answer; `mustSucceed` for retries, which may not fail. */
  note(s: Submit, answer: Answer, mustSucceed: boolean): void {
    if (mustSucceed) this.retries++;
    if (answer.status === 'dropped') {
      if (mustSucceed) this.problems.push(`retry of ${s.key}: the connection was dropped`);
      return;
    }
    if (answer.status !== 201) {
      this.problems.push(`${mustSucceed ? 'retry of ' : ''}${s.key}: ${answer.status} ${answer.body.slice(0, 200)}`);
      return;
    }
    const earlier = this.first.get(s.key);
    if (earlier === undefined) this.first.set(s.key, answer.body);
    else if (earlier !== answer.body) {
      this.problems.push(`retry of ${s.key} returned ${answer.body.slice(0, 200)}, not the earlier ${earlier.slice(0, 200)}`);
      return;
    }
    if (mustSucceed) this.retriesOk++;
  }
}

/** Every request of a round, sent at once; resolves with when the first and the last answer came (ms). */
async function sendAll(url: string, submits: Submit[], ledger: Ledger, mustSucceed: boolean): Promise<{ first: number; last: number }> {
  const started = performance.now();
  let first = Infinity;
  await Promise.all(
    submits.map(async (s) => {
      ledger.note(s, await send(url, s), mustSucceed);
      first = Math.min(first, performance.now() - started);
    }),
  );
  return { first, last: performance.now() - started };
}

/**
 * Sends a round's requests and kills the service once `k` proposals were created, a fraction `u`
 * into the next one's writes (how long those take: the time between the first answers, or `gap`).
 */
async function killDuring(service: Service, submits: Submit[], ledger: Ledger, k: number, u: number, gap: number): Promise<{ delayMs: number; created: number }> {
  const started = performance.now();
  const createdAt: number[] = [];
  let release = () => {};
  const kth = new Promise<void>((resolve) => (release = resolve));
  const sent = Promise.all(
    submits.map(async (s) => {
      const answer = await send(service.url, s);
      ledger.note(s, answer, false);
      if (answer.status === 201 && createdAt.push(performance.now()) === k) release();
    }),
  );
  await Promise.race([kth, sent]);
  const each = k > 1 ? (createdAt[k - 1]! - createdAt[0]!) / (k - 1) : gap;
  await new Promise((resolve) => setTimeout(resolve, u * each));
  const result = { delayMs: performance.now() - started, created: createdAt.length };
  await service.stop('SIGKILL');
  await sent;
  return result;
}

export async function crashRounds(options: CrashOptions, print: (line: string) => void = () => {}): Promise<CrashReport> {
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
  const next = random(seed);
  const repo = await crashRepo(path.join(root, 'content'));
  try {
    const before = await repo.snapshot();
    const base = repo.git('rev-parse', 'main');
    const pages = await samplePages(repo.dir);
    const batch = (label: string): Submit[] =>
      Array.from({ length: options.inFlight }, (_, i) => {
        const page = pages[Math.floor(next() * pages.length)]!;
        const marker = `Crash test note ${label}-${i}.`;
        const content = `${page.text.trimEnd()}\n\n${marker}\n`;
        return { key: `crash-${label}-${i}-key`, email: `c${label}-${i}@wiki.test`, name: `Contributor ${label}-${i}`, path: page.path, marker, body: JSON.stringify({ path: page.path, baseCommit: base, content, summary: `Note ${label}-${i}` }) };
      });
    const ledger = new Ledger();
    const all: Submit[] = [];

    // The warm-up batch, in a fresh process: how long the writes of one proposal take.
    const warmUp = batch('w');
    all.push(...warmUp);
    let service = await startService(repo.dir);
    const timing = await sendAll(service.url, warmUp, ledger, false);
    const perProposal = (timing.last - timing.first) / Math.max(1, options.inFlight - 1);
    print(`seed ${seed}; ${options.inFlight} proposals at once in a fresh process: the first created after ${timing.first.toFixed(0)} ms, then one every ${perProposal.toFixed(1)} ms`);

    const rounds: RoundReport[] = [];
    for (let r = 0; r < options.rounds; r++) {
      const submits = batch(String(r));
      all.push(...submits);
      // The checks of a batch run side by side, then the writes one proposal after another: the
      // kill comes at a random moment of the writes that follow the k-th proposal's (k < n - 1, so
      // that some are still to come).
      const k = 1 + Math.floor(next() * Math.max(1, options.inFlight - 2));
      const kill = await killDuring(service, submits, ledger, k, next(), perProposal);
      const left = await leftovers(repo.dir);
      // Restart, and retry every request of the round with its key.
      service = await startService(repo.dir);
      await sendAll(service.url, submits, ledger, true);
      const repairs = service.log().split('\n').filter((l) => l.startsWith('[pinkas] '));
      const report: RoundReport = { delayMs: kill.delayMs, createdBeforeKill: kill.created, inFlightAtKill: options.inFlight - kill.created, left, repairs };
      rounds.push(report);
      print(`round ${String(r + 1).padStart(2)}: killed ${kill.delayMs.toFixed(0).padStart(5)} ms in, ${String(report.createdBeforeKill).padStart(2)} created before, ${String(report.inFlightAtKill).padStart(2)} in flight; left ${describe(left)}; ${repairs.length} repairs at restart`);
    }
    await service.stop('SIGTERM');

    // A last fresh process (after a clean stop: nothing to repair), and every request ever made, retried once more.
    service = await startService(repo.dir);
    for (let i = 0; i < all.length; i += options.inFlight) await sendAll(service.url, all.slice(i, i + options.inFlight), ledger, true);
    const lastLog = service.log().split('\n').filter((l) => l.startsWith('[pinkas] '));
    if (lastLog.length) ledger.problems.push(`repairs after a clean stop: ${lastLog.join('; ')}`);
    await service.stop('SIGTERM');

    const expected: ExpectedProposal[] = [...ledger.first].map(([key, body]) => {
      const s = all.find((x) => x.key === key)!;
      const p = JSON.parse(body) as { id: string; branch: string };
      return { id: p.id, branch: p.branch, email: s.email, path: s.path, marker: s.marker };
    });
    if (expected.length !== all.length) ledger.problems.push(`${expected.length} proposals created for ${all.length} submits`);
    const repository = await checkRepository(repo, expected, before);
    return { seed, rounds, proposals: expected.length, retries: ledger.retries, retriesOk: ledger.retriesOk, problems: [...ledger.problems, ...repository.problems], repository };
  } finally {
    await repo.remove();
  }
}

function describe(left: Leftovers): string {
  const parts = [
    left.objectTemp && `${left.objectTemp} object temp file(s)`,
    left.refTemp && `${left.refTemp} ref temp file(s)`,
    left.recordTemp && `${left.recordTemp} record temp file(s)`,
    left.refsWithoutRecord && `${left.refsWithoutRecord} branch(es) without record`,
    left.tornRefs && `${left.tornRefs} TORN REF(S)`,
    left.emptyObjects && `${left.emptyObjects} EMPTY OBJECT(S)`,
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : 'nothing half-done';
}

/** The summary lines `npm run test:crash` prints. */
export function summary(report: CrashReport): string[] {
  const total = (key: keyof Leftovers) => report.rounds.reduce((n, r) => n + r.left[key], 0);
  const roundsWith = (key: keyof Leftovers) => report.rounds.filter((r) => r.left[key] > 0).length;
  const repairs = report.rounds.flatMap((r) => r.repairs);
  const kinds = new Map<string, number>();
  for (const line of repairs) {
    const kind = /\(([a-z-]+)\):/.exec(line)?.[1] ?? (line.includes('rewrote the torn branch') ? 'torn-branch-rewritten' : 'other');
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  }
  const { repository: repo } = report;
  return [
    `${report.rounds.length} kills with ${report.rounds.reduce((n, r) => n + r.inFlightAtKill, 0)} proposals in flight in all; ${report.proposals} proposals created`,
    `kills cut short: object writes in ${roundsWith('objectTemp')} rounds (${total('objectTemp')} temp files), ref writes in ${roundsWith('refTemp')}, record writes in ${roundsWith('recordTemp')}; between ref and record in ${roundsWith('refsWithoutRecord')} (${total('refsWithoutRecord')} branches adopted by their retry)`,
    `torn refs found: ${total('tornRefs')}, empty objects found: ${total('emptyObjects')}; repairs at restart: ${repairs.length}${kinds.size ? ` (${[...kinds].map(([k, n]) => `${k} ${n}`).join(', ')})` : ''}`,
    `retries: ${report.retriesOk}/${report.retries} answered 201 with the same proposal as before`,
    `git fsck --strict: ${repo.fsckClean ? 'clean' : 'NOT CLEAN'} (${repo.dangling} dangling objects from cut-short proposals); git gc: ${repo.gcOk ? 'ok' : 'FAILED'}; fsck after gc: ${repo.fsckAfterGcClean ? 'clean' : 'NOT CLEAN'}`,
    report.problems.length === 0
      ? `${repo.branches} proposal branches, each one commit by its contributor changing only its page; working tree, index and HEAD untouched`
      : `${repo.branches} proposal branches`,
    report.problems.length ? `PROBLEMS (${report.problems.length}):\n  ${report.problems.slice(0, 15).join('\n  ')}` : 'no problems',
  ];
}
