/**
 * Runs one build in this process and prints what it cost as JSON on the last line:
 * { "ms": wall time, "maxRssBytes": peak resident memory of the process, "rebuilt": whether it
 * was a content rebuild }. Used by the benchmarks and the tests, so that peak memory is the
 * build's own, measured by the OS. Pinkas builds as `npm run build` does (a content rebuild when
 * it can); another project (the benchmark's plain Astro site) with `astro build`.
 * Usage: node scripts/lib/build-child.ts <outDir> [projectRoot]
 *   (PINKAS_CONTENT_DIR selects the content; projectRoot defaults to the working folder)
 */
import path from 'node:path';
import { buildWiki } from '../../src/integrations/content-rebuild/build.ts';

const outDir = process.argv[2];
if (!outDir) throw new Error('usage: build-child.ts <outDir> [projectRoot]');
const root = path.resolve(process.argv[3] ?? process.cwd());
const logLevel = process.env.BENCH_LOG_LEVEL === 'info' ? 'info' : 'warn';
const started = performance.now();
let rebuilt = false;
if (root === process.cwd()) rebuilt = (await buildWiki({ root, outDir: path.resolve(outDir), logLevel, full: process.env.PINKAS_FULL_BUILD === '1' })).rebuilt;
else await (await import('astro')).build({ root, outDir: path.resolve(outDir), logLevel });
const ms = performance.now() - started;
// resourceUsage().maxRSS is in kilobytes.
console.log(JSON.stringify({ ms, maxRssBytes: process.resourceUsage().maxRSS * 1024, rebuilt }));
