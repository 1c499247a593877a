import { spawn } from 'node:child_process';
import { mkdir, mkdtemp } from 'node:fs/promises';
import path from 'node:path';

/**
 * Where builds go: the run's own folder when tests/support/test-output.ts made one (removed when
 * the run ends), else .test-output/ (a script or a single file run outside vitest's projects).
 */
const testOutput = process.env.PINKAS_TEST_OUTPUT ?? path.resolve('.test-output');

export interface BuildResult {
  code: number | null;
  output: string;
  outDir: string;
  /** The static part of the build (pages, search index, assets). */
  clientDir: string;
  /** The server that serves it and the proposal service: `node <serverEntry>`. */
  serverEntry: string;
}

export interface BuildOptions {
  contentDir?: string;
  outDir?: string;
  env?: Record<string, string>;
  /** Run the build under this limit of open files (`ulimit -n`), as on a machine with a low one. */
  openFiles?: number;
}

/**
 * Runs a real `astro build` of the project in a child process, with its own output and cache
 * folders, on the content folder given (the sample content by default).
 */
export async function buildSite(options: BuildOptions = {}): Promise<BuildResult> {
  // Inside the project: the server build resolves its packages from node_modules next to it.
  await mkdir(testOutput, { recursive: true });
  const work = await mkdtemp(path.join(testOutput, 'build-'));
  const outDir = options.outDir ?? path.join(work, 'dist');
  const env: Record<string, string | undefined> = {
    ...process.env,
    ASTRO_TELEMETRY_DISABLED: '1',
    PINKAS_CACHE_DIR: path.join(work, 'cache'),
    BENCH_LOG_LEVEL: 'info',
    ...options.env,
  };
  if (options.contentDir) env.PINKAS_CONTENT_DIR = options.contentDir;
  // Vitest sets NODE_ENV=test, and DEV, PROD and SSR (its import.meta.env), in the tests'
  // environment; a build that inherited them would not be the production build `npm run build`
  // makes (import.meta.env.DEV would be true: a static service.json saying the service is there).
  for (const key of ['NODE_ENV', 'DEV', 'PROD', 'SSR']) delete env[key];
  return new Promise((resolve, reject) => {
    const command = [process.execPath, path.resolve('scripts/lib/build-child.ts'), outDir];
    const [file, ...args] = options.openFiles ? ['bash', '-c', `ulimit -n ${options.openFiles} && exec "$@"`, 'build', ...command] : command;
    const child = spawn(file!, args, { cwd: process.cwd(), env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output, outDir, clientDir: path.join(outDir, 'client'), serverEntry: path.join(outDir, 'server', 'entry.mjs') }));
  });
}
