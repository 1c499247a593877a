/**
 * A repository of its own for tests that make proposals, served by more processes of the build
 * the browser tests share: a clone of the sample wiki's repository at the commit the build was
 * made from (so the editor's base commit is there), and `serve()` to start a server of the
 * build (tests/support/serve-build.ts) whose proposals go to the clone. The static pages are the
 * build's; only the proposal service's repository differs.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serveBuild, type ServedBuild } from './serve-build.ts';

export interface WikiClone {
  dir: string;
  git(...args: string[]): string;
  /** A server of the build, on the clone; `env` for the server (identity, store, limits). */
  serve(env?: Record<string, string>): Promise<ServedBuild>;
  /** Stops every server started with `serve` and deletes the clone. */
  remove(): Promise<void>;
}

export async function cloneWiki(options: { repoDir: string; baseCommit: string; serverEntry: string }): Promise<WikiClone> {
  const dir = await mkdtemp(path.join(tmpdir(), 'pinkas-clone-'));
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  execFileSync('git', ['clone', '-q', '--no-checkout', options.repoDir, dir], { stdio: 'ignore' });
  git('checkout', '-q', '-B', 'main', options.baseCommit);
  git('config', 'user.name', 'Wiki Admin');
  git('config', 'user.email', 'admin@galil.example');
  // The servers' SQLite store, when they are given no PostgreSQL: beside the clone, not in it.
  const data = await mkdtemp(path.join(tmpdir(), 'pinkas-clone-data-'));
  const servers: ServedBuild[] = [];
  return {
    dir,
    git,
    async serve(env = {}) {
      const server = await serveBuild(options.serverEntry, {
        PINKAS_CONTENT_DIR: path.join(dir, 'content'),
        PINKAS_DATA_DIR: data,
        PINKAS_IDENTITY: 'dev',
        PINKAS_DEV_USER: 'Test Contributor <contributor@galil.example>',
        PINKAS_RATE_LIMIT_PER_MINUTE: '1000',
        ...env,
      });
      servers.push(server);
      return server;
    },
    async remove() {
      await Promise.all(servers.splice(0).map((s) => s.stop()));
      await Promise.all([dir, data].map((folder) => rm(folder, { recursive: true, force: true })));
    },
  };
}
