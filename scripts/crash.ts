/**
 * npm run test:crash [-- --rounds 20 --in-flight 20 --seed N]
 *
 * The kill test of the local proposal backend (scripts/lib/crash-rounds.ts): rounds of SIGKILL
 * against a real service process with proposals in flight, restarts, retries with the same
 * Idempotency-Key, then `git fsck --strict`, `git gc` and a check of every proposal. Prints what
 * each kill cut short and the totals; exits non-zero on any problem.
 */
import { crashRounds, summary } from './lib/crash-rounds.ts';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
};
const seedAt = process.argv.indexOf('--seed');

console.log(`Pinkas kill test — node ${process.version}, ${new Date().toISOString()}`);
const started = performance.now();
const report = await crashRounds(
  { rounds: arg('rounds', 20), inFlight: arg('in-flight', 20), ...(seedAt === -1 ? {} : { seed: Number(process.argv[seedAt + 1]) }) },
  (line) => console.log(line),
);
console.log('');
for (const line of summary(report)) console.log(line);
console.log(`(${((performance.now() - started) / 1000).toFixed(1)} s)`);
process.exit(report.problems.length ? 1 : 0);
