/**
 * Serves a build (its `dist/server/entry.mjs`) on 127.0.0.1 at a free port with the environment
 * given, waiting until it answers; `stop()` stops it. For tests that rebuild a wiki and serve the
 * new build on the same store.
 */
import { spawn } from 'node:child_process';
import { freePort } from './wiki-server.ts';

export interface ServedBuild {
  url: string;
  stop(): Promise<void>;
}

export async function serveBuild(serverEntry: string, env: Record<string, string>): Promise<ServedBuild> {
  const port = await freePort();
  const child = spawn(process.execPath, [serverEntry], { env: { ...process.env, ...env, HOST: '127.0.0.1', PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
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
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
