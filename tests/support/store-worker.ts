/**
 * One service process, for the tests of several processes on one store:
 *   node tests/support/store-worker.ts '{"env":{…},"key":"…","hits":50}'
 * loads everything, prints "ready", and on a line on stdin opens the store (migrating it if it is
 * new), then at once claims `key` and hits the counter `hits` times, and prints what it got as JSON.
 */
import { once } from 'node:events';
import { openStore } from '../../src/lib/store/open.ts';

const { env, key, hits } = JSON.parse(process.argv[2] ?? '{}') as { env: Record<string, string>; key: string; hits: number };
process.stdout.write('ready\n');
await once(process.stdin, 'data');
const store = await openStore(env);
const expiresAt = new Date(Date.now() + 60_000);
const [claim, counts] = await Promise.all([
  store.claim({ key, expiresAt }),
  Promise.all(Array.from({ length: hits }, () => store.incrementCounter({ key: 'shared', window: 'w', expiresAt }))),
]);
await store.close();
process.stdout.write(`${JSON.stringify({ claimed: claim.claimed, counts })}\n`);
process.stdin.destroy();
