/**
 * A throw-away PostgreSQL cluster for tests and benchmarks: `initdb` into a temporary folder, `pg_ctl start` on
 * 127.0.0.1 at a free port (and a socket in the same folder), trust authentication, no fsync;
 * stopped and deleted by `stop()` (or, failing that, when the test process exits or dies). As root the
 * server runs as the `postgres` user, which PostgreSQL requires.
 */
import { execFile, execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

export interface PostgresServer {
  /** A URL for one database of the cluster (`postgres` when none is named). */
  url(database?: string): string;
  /** Creates a new, empty database and returns its URL. */
  createDatabase(): Promise<string>;
  stop(): Promise<void>;
}

/** The folder with `initdb` and `pg_ctl`: from PATH, else Debian's newest /usr/lib/postgresql/N/bin. */
export function findPostgresBin(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const initdb = path.join(dir, 'initdb');
    if (dir && existsSync(initdb) && existsSync(path.join(dir, 'pg_ctl'))) return path.dirname(realpathSync(initdb));
  }
  const debian = '/usr/lib/postgresql';
  if (!existsSync(debian)) return undefined;
  const versions = readdirSync(debian).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
  return versions.map((v) => path.join(debian, v, 'bin')).find((bin) => existsSync(path.join(bin, 'initdb')));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** As root, PostgreSQL refuses to run: its commands run as the `postgres` user, who owns the folder. */
function asServerUser(root: string): { command: (bin: string, args: string[]) => [string, string[]] } {
  if (userInfo().uid !== 0) return { command: (bin, args) => [bin, args] };
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  chownSync(root, uid, gid);
  for (const entry of readdirSync(root)) chownSync(path.join(root, entry), uid, gid);
  return { command: (bin, args) => ['runuser', ['-u', 'postgres', '--', bin, ...args]] };
}

export async function startPostgres(): Promise<PostgresServer> {
  const bin = findPostgresBin();
  if (!bin) throw new Error('PostgreSQL is not installed (no initdb on PATH or in /usr/lib/postgresql/*/bin)');
  // The server's user must reach the folder: as root, a private TMPDIR will not do.
  const base = userInfo().uid === 0 && (statSync(tmpdir()).mode & 0o001) === 0 ? '/tmp' : tmpdir();
  const root = mkdtempSync(path.join(base, 'pinkas-pg-'));
  const data = path.join(root, 'data');
  const socket = path.join(root, 'socket');
  const log = path.join(root, 'server.log');
  mkdirSync(socket);
  const { command } = asServerUser(root);
  const exec = (tool: string, args: string[]) => {
    const [file, argv] = command(path.join(bin, tool), args);
    return run(file, argv, { cwd: root, timeout: 60_000 });
  };
  const stopNow = () => {
    try {
      const [file, argv] = command(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
      execFileSync(file, argv, { cwd: root, stdio: 'ignore', timeout: 30_000 });
    } catch {
      // Not running (any more).
    }
    rmSync(root, { recursive: true, force: true });
  };
  process.once('exit', stopNow);
  // Should this process be killed before it can stop the server, a watchdog stops it.
  const [stopFile, stopArgs] = command(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop']);
  const watchdog = spawn('sh', ['-c', `while kill -0 ${process.pid} 2>/dev/null; do sleep 1; done; "$@" >/dev/null 2>&1; rm -rf "${root}"`, 'watchdog', stopFile, ...stopArgs], {
    detached: true,
    stdio: 'ignore',
  });
  watchdog.unref();

  await exec('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync', '--no-instructions']);
  let port = 0;
  for (let attempt = 1; ; attempt += 1) {
    port = await freePort();
    const options = `-c listen_addresses=127.0.0.1 -p ${port} -k ${socket} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
    try {
      await exec('pg_ctl', ['-D', data, '-l', log, '-o', options, '-w', '-t', '60', 'start']);
      break;
    } catch (error) {
      if (attempt >= 3) {
        const serverLog = existsSync(log) ? readFileSync(log, 'utf8') : '';
        stopNow();
        throw new Error(`PostgreSQL did not start: ${(error as Error).message}\n${serverLog}`);
      }
    }
  }

  const url = (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`;
  let databases = 0;
  return {
    url,
    createDatabase: async () => {
      databases += 1;
      const name = `pinkas_test_${databases}`;
      const client = new pg.Client({ connectionString: url() });
      await client.connect();
      try {
        // A name made here, never from input: identifiers cannot be parameters.
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return url(name);
    },
    stop: async () => {
      process.removeListener('exit', stopNow);
      watchdog.kill();
      stopNow();
    },
  };
}
