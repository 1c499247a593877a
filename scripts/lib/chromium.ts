/**
 * The Chromium that browser tests, benchmarks and `npm run export:pdf` drive (with playwright-core;
 * no browser is ever downloaded at run time):
 *
 * 1. `CHROMIUM_PATH`, when set;
 * 2. the system's Chromium at `/usr/bin/chromium` (Debian's `chromium` package), when installed;
 * 3. otherwise the Chromium shipped inside the npm package `@sparticuz/chromium` (a dev
 *    dependency), unpacked on first use into the temporary folder — so `npm install && npm test`
 *    works on a machine with no browser at all.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type LaunchOptions } from 'playwright-core';

export interface ChromiumChoice {
  executablePath: string;
  /** Where it came from, for the test output: "CHROMIUM_PATH", "system" or "bundled". */
  source: 'CHROMIUM_PATH' | 'system' | 'bundled';
  args: string[];
}

/** This machine reaches package registries only: keep the browser off the network. */
const offline = ['--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * @sparticuz/chromium's own flags, without the ones that switch off web security: tests check that
 * the same-origin policy and the Content-Security-Policy hold, so the browser must enforce them.
 * `--single-process`/`--no-zygote` are for AWS Lambda and make page crashes take the browser down.
 */
const unsafeBundledFlags = new Set(['--disable-web-security', '--allow-running-insecure-content', '--disable-site-isolation-trials', '--single-process', '--no-zygote']);

let chosen: Promise<ChromiumChoice> | undefined;

export interface FindOptions {
  env?: Record<string, string | undefined>;
  /** Where the system's Chromium is looked for (Debian's package). */
  systemPath?: string;
}

/** The browser to use, chosen once per process (see the top of this file). */
export function findChromium(options: FindOptions = {}): Promise<ChromiumChoice> {
  chosen ??= chooseChromium(options);
  return chosen;
}

/** The choice itself, without remembering it (for tests). */
export async function chooseChromium({ env = process.env, systemPath = '/usr/bin/chromium' }: FindOptions = {}): Promise<ChromiumChoice> {
  if (env.CHROMIUM_PATH) return { executablePath: env.CHROMIUM_PATH, source: 'CHROMIUM_PATH', args: ['--no-sandbox', ...offline] };
  if (existsSync(systemPath)) return { executablePath: systemPath, source: 'system', args: ['--no-sandbox', ...offline] };
  let bundled: typeof import('@sparticuz/chromium').default;
  try {
    bundled = (await import('@sparticuz/chromium')).default;
  } catch {
    throw new Error('No Chromium found: set CHROMIUM_PATH, install Debian\'s chromium (/usr/bin/chromium), or run `npm install` (the dev dependency @sparticuz/chromium ships one).');
  }
  const executablePath = await bundled.executablePath();
  const args = bundled.args.filter((a) => !unsafeBundledFlags.has(a) && !a.startsWith('--headless'));
  return { executablePath, source: 'bundled', args: [...new Set([...args, '--no-sandbox', ...offline])] };
}

/** A one-line description for logs: `Chromium 153.0.8010.0 (bundled, /tmp/chromium)`. */
export function describeChromium(choice: ChromiumChoice, browser: Browser): string {
  const where = choice.source === 'bundled' ? 'bundled with @sparticuz/chromium' : choice.source === 'system' ? 'system' : 'CHROMIUM_PATH';
  return `Chromium ${browser.version()} (${where}, ${choice.executablePath})`;
}

export async function launchChromium(options: LaunchOptions = {}, choice?: ChromiumChoice): Promise<{ browser: Browser; choice: ChromiumChoice }> {
  choice ??= await findChromium();
  const browser = await chromium.launch({ ...options, executablePath: choice.executablePath, args: [...choice.args, ...(options.args ?? [])] });
  return { browser, choice };
}
