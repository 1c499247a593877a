import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface BuildResult {
  code: number | null;
  output: string;
  outDir: string;
}

/**
 * Runs a real `astro build` of the project in a child process, with its own output and cache
 * folders, on the content folder given (the sample content by default).
 */
export async function buildSite(options: { contentDir?: string; outDir?: string; env?: Record<string, string> } = {}): Promise<BuildResult> {
  const work = await mkdtemp(path.join(tmpdir(), 'pinkas-build-'));
  const outDir = options.outDir ?? path.join(work, 'dist');
  const env: Record<string, string | undefined> = {
    ...process.env,
    ASTRO_TELEMETRY_DISABLED: '1',
    PINKAS_CACHE_DIR: path.join(work, 'cache'),
    BENCH_LOG_LEVEL: 'info',
    ...options.env,
  };
  if (options.contentDir) env.PINKAS_CONTENT_DIR = options.contentDir;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.resolve('scripts/lib/build-child.ts'), outDir], { cwd: process.cwd(), env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output, outDir }));
  });
}
