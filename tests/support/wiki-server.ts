/**
 * The whole wiki as a contributor meets it: the sample content in a fresh git repository, built,
 * and served by the production server (static pages + the proposal service with the local
 * backend) on 127.0.0.1. Used by the browser tests and the benchmarks; `stop()` stops the server.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildSite } from './build-site.ts';

export interface WikiServer {
  url: string;
  repoDir: string;
  baseCommit: string;
  /** The static part of the build the server serves (dist/client/). */
  clientDir: string;
  /** The server's entry, to start another server of the same build: `node <serverEntry>`. */
  serverEntry: string;
  git(...args: string[]): string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * @param options.env for the build and the server (PINKAS_CONTENT_DIR is set to the repository's)
 * @param options.serverEnv for the server only (identity mode, backend, limits)
 */
export async function startWiki(options: { env?: Record<string, string>; serverEnv?: Record<string, string> } = {}): Promise<WikiServer> {
  const repoDir = await mkdtemp(path.join(tmpdir(), 'pinkas-wiki-'));
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repoDir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  git('init', '-q', '-b', 'main');
  git('config', 'user.name', 'Wiki Admin');
  git('config', 'user.email', 'admin@galil.example');
  await cp(path.resolve('content'), path.join(repoDir, 'content'), { recursive: true });
  git('add', '-A');
  execFileSync('git', ['commit', '-q', '-m', 'The sample wiki'], { cwd: repoDir, env: { ...process.env, GIT_AUTHOR_DATE: '2026-11-01T09:00:00Z', GIT_COMMITTER_DATE: '2026-11-01T09:00:00Z' } });
  // A second revision by someone else, so that history pages have a change to show.
  const sick = path.join(repoDir, 'content/hr/sick-leave.mdx');
  const text = await readFile(sick, 'utf8');
  await writeFile(sick, `${text.replace('review_by: 2027-06-30', 'review_by: 2027-09-30').trimEnd()}\n\n## Questions\n\nAsk HR in #hr-questions on Slack.\n`);
  git('add', '-A');
  execFileSync('git', ['commit', '-q', '-m', 'Sick leave: where to ask questions', '--author', 'Yossi Cohen <yossi@galil.example>'], {
    cwd: repoDir,
    env: { ...process.env, GIT_AUTHOR_DATE: '2026-11-15T10:00:00Z', GIT_COMMITTER_DATE: '2026-11-15T10:00:00Z' },
  });
  const baseCommit = git('rev-parse', 'HEAD');
  const env = { PINKAS_CONTENT_DIR: path.join(repoDir, 'content'), PINKAS_TODAY: '2026-11-23', ...options.env };
  const build = await buildSite({ env });
  if (build.code !== 0) throw new Error(`The sample wiki did not build:\n${build.output}`);

  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [build.serverEntry], {
    env: {
      ...process.env,
      ...env,
      PINKAS_IDENTITY: 'dev',
      PINKAS_DEV_USER: 'Test Contributor <contributor@galil.example>',
      PINKAS_RATE_LIMIT_PER_MINUTE: '1000',
      ...options.serverEnv,
      HOST: '127.0.0.1',
      PORT: String(port),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout!.on('data', (d) => (log += d));
  child.stderr!.on('data', (d) => (log += d));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${url}/api/session`)).ok) break;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null || i > 100) throw new Error(`The wiki server did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    repoDir,
    baseCommit,
    clientDir: build.clientDir,
    serverEntry: build.serverEntry,
    git,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
