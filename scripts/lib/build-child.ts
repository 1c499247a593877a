/**
 * Runs one `astro build` in this process and prints what it cost as JSON on the last line:
 * { "ms": wall time, "maxRssBytes": peak resident memory of the process }.
 * Used by the benchmarks so that peak memory is the build's own, measured by the OS.
 * Usage: node scripts/lib/build-child.ts <outDir> [projectRoot]
 *   (PINKAS_CONTENT_DIR selects the content; projectRoot defaults to the working folder)
 */
import path from 'node:path';
import { build } from 'astro';

const outDir = process.argv[2];
if (!outDir) throw new Error('usage: build-child.ts <outDir> [projectRoot]');
const root = path.resolve(process.argv[3] ?? process.cwd());
const started = performance.now();
await build({ root, outDir: path.resolve(outDir), logLevel: process.env.BENCH_LOG_LEVEL === 'info' ? 'info' : 'warn' });
const ms = performance.now() - started;
// resourceUsage().maxRSS is in kilobytes.
console.log(JSON.stringify({ ms, maxRssBytes: process.resourceUsage().maxRSS * 1024 }));
