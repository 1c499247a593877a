/**
 * Several servers, one truth: two processes of the built server (`node dist/server/entry.mjs`,
 * two ports) on one throw-away PostgreSQL and the local backend on one repository, as behind a
 * load balancer. Duplicate submits that reach both at once make one branch and one record; the
 * per-person rate limit counts the proposals made at either.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ServedBuild } from '../support/serve-build.ts';
import { startPostgres, type PostgresServer } from '../support/postgres.ts';
import { missingPostgres } from '../support/store-fixtures.ts';
import { cloneWiki, type WikiClone } from '../support/wiki-clone.ts';

const PAGE = 'content/hr/sick-leave.mdx';

describe.skipIf(missingPostgres !== undefined)(`two server processes on one PostgreSQL${missingPostgres ? ` (skipped: ${missingPostgres})` : ''}`, () => {
  let postgres: PostgresServer;
  let clone: WikiClone;
  let servers: ServedBuild[];
  let page: string;

  beforeAll(async () => {
    postgres = await startPostgres();
    clone = await cloneWiki({ repoDir: inject('repoDir'), baseCommit: inject('baseCommit'), serverEntry: inject('serverEntry') });
    const env = { PINKAS_DATABASE_URL: await postgres.createDatabase(), PINKAS_IDENTITY: 'header', PINKAS_RATE_LIMIT_PER_MINUTE: '3' };
    servers = await Promise.all([clone.serve(env), clone.serve(env)]);
    page = clone.git('show', `HEAD:${PAGE}`);
  });
  afterAll(async () => {
    await clone?.remove();
    await postgres?.stop();
  });

  /** A submit as the editor sends it, signed in by the proxy as `email`. */
  async function submit(server: ServedBuild, change: string, options: { key?: string; email?: string } = {}) {
    const response = await fetch(`${server.url}/api/proposals`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-Forwarded-Email': options.email ?? 'dana@galil.example',
        'X-Forwarded-User': 'Dana Levi',
        ...(options.key ? { 'Idempotency-Key': options.key } : {}),
      },
      body: JSON.stringify({ path: PAGE, baseCommit: inject('baseCommit'), content: page.replace('before 09:30', change), summary: `Report by ${change}` }),
    });
    return { status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as { id: string; branch: string; error?: string } };
  }
  const branches = () => clone.git('for-each-ref', '--format=%(refname:short)', 'refs/heads/pinkas/').split('\n').filter(Boolean);
  const records = async () => (await readdir(path.join(clone.dir, '.git/pinkas/proposals')).catch(() => [])).filter((f) => f.endsWith('.json'));

  it('make one branch and one record of duplicate submits that reach both at once', async () => {
    const [a, b] = servers as [ServedBuild, ServedBuild];
    const answers = await Promise.all([a, b, a, b, a, b].map((server) => submit(server, 'before 09:00', { key: 'double-click-0001' })));
    expect(answers.map((answer) => answer.status)).toEqual([201, 201, 201, 201, 201, 201]);
    expect(new Set(answers.map((answer) => answer.body.id)).size).toBe(1);
    expect(branches()).toEqual([answers[0]!.body.branch]);
    expect(await records()).toEqual([`${answers[0]!.body.id}.json`]);
    expect(clone.git('rev-list', '--count', `main..${answers[0]!.body.branch}`)).toBe('1');
  });

  it('count the per-person limit across both: the proposal one too many is refused by the other (429)', async () => {
    const [a, b] = servers as [ServedBuild, ServedBuild];
    // The proposal above was the first of three a minute.
    expect((await submit(a, 'before 08:30')).status).toBe(201);
    expect((await submit(a, 'before 08:00')).status).toBe(201);
    const refused = await submit(b, 'before 07:30');
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatch(/^Too many proposals: the limit is 3 proposals a minute\. Your draft is kept; try again in \d+ s\.$/);
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);
    // Someone else is not held back by Dana's proposals.
    expect((await submit(b, 'before 07:30', { email: 'yossi@galil.example' })).status).toBe(201);
    expect(branches()).toHaveLength(4);
  });
});
