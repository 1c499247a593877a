/**
 * The security headers as readers' browsers get them from the production server: on pages,
 * static files, the search index and the proposal service; the same as the build ships for static
 * hosts; a Content-Security-Policy under which every kind of page still works and an injected
 * script does not run; and a server with the dev identity that other machines cannot reach.
 */
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openPage } from '../support/browser.ts';
import { freePort } from '../support/wiki-server.ts';

const site = inject('siteUrl');
const clientDir = inject('clientDir');
const serverEntry = inject('serverEntry');
const browser = await launchBrowser();
afterAll(() => browser.close());

/** The headers the build wrote for static hosts (dist/client/_headers), by name. */
async function staticHostHeaders(): Promise<Map<string, string>> {
  const lines = (await readFile(path.join(clientDir, '_headers'), 'utf8')).split('\n');
  return new Map(lines.filter((l) => /^\s+\S+:/.test(l)).map((l) => l.trim().split(/:\s(.*)/s).slice(0, 2) as [string, string]));
}

function directives(policy: string): Map<string, string[]> {
  return new Map(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...sources]) => [name!, sources]));
}

/** The response's security headers are the wiki's, and the same a static host sends. */
async function expectSecurityHeaders(response: Response) {
  const expected = await staticHostHeaders();
  for (const [name, value] of expected) expect(response.headers.get(name), `${name} of ${response.url}`).toBe(value);
  const policy = directives(response.headers.get('content-security-policy')!);
  expect(policy.get('script-src')).toContain("'self'");
  expect(policy.get('script-src')).not.toContain("'unsafe-inline'");
  expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
  expect(policy.get('object-src')).toEqual(["'none'"]);
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(response.headers.get('referrer-policy')).toBe('same-origin');
}

describe('security headers on every response of the production server', () => {
  let pageHtml = '';
  beforeAll(async () => {
    pageHtml = await (await fetch(`${site}/hr/sick-leave/`)).text();
  });

  it('are on a page, with a hash for each of its own inline scripts', async () => {
    const response = await fetch(`${site}/hr/sick-leave/`);
    expect(response.status).toBe(200);
    await expectSecurityHeaders(response);
    const hashes = directives(response.headers.get('content-security-policy')!).get('script-src')!.filter((s) => s.startsWith("'sha256-"));
    // The theme script of the layout and the print notice's.
    expect(hashes.length).toBeGreaterThanOrEqual(2);
  });

  it('are on its script and its stylesheet under /_astro/', async () => {
    const script = /<script type="module" src="(\/_astro\/[^"]+\.js)"/.exec(pageHtml)?.[1];
    const stylesheet = /<link rel="stylesheet" href="(\/_astro\/[^"]+\.css)"/.exec(pageHtml)?.[1];
    expect(script && stylesheet).toBeTruthy();
    for (const file of [script!, stylesheet!]) {
      const response = await fetch(`${site}${file}`);
      expect(response.status, file).toBe(200);
      await expectSecurityHeaders(response);
    }
  });

  it('are on an image under /media/', async () => {
    const html = await (await fetch(`${site}/safety/fire-evacuation-haifa/`)).text();
    const image = /<img[^>]* src="(\/media\/[^"]+)"/.exec(html)?.[1];
    expect(image).toMatch(/\.png$/);
    const response = await fetch(`${site}${image}`);
    expect(response.headers.get('content-type')).toBe('image/png');
    await expectSecurityHeaders(response);
  });

  it('are on the search index', async () => {
    const response = await fetch(`${site}/search/manifest.json`);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    await expectSecurityHeaders(response);
  });

  it('are on the proposal service, which is never cached', async () => {
    const response = await fetch(`${site}/api/session`);
    expect(response.status).toBe(200);
    await expectSecurityHeaders(response);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('are on the page of an address that does not exist', async () => {
    const response = await fetch(`${site}/no/such/page/`);
    expect(response.status).toBe(404);
    await expectSecurityHeaders(response);
  });

  it('are the nginx snippet of the build, as directives', async () => {
    const nginx = await readFile(path.join(path.dirname(clientDir), 'security-headers.nginx.conf'), 'utf8');
    for (const [name, value] of await staticHostHeaders()) expect(nginx).toContain(`add_header ${name} "${value}" always;`);
  });
});

describe('the production server with the dev identity', () => {
  /** Runs the built server with `env`; resolves when it exits or once it answers on 127.0.0.1. */
  function runServer(env: Record<string, string | undefined>) {
    const environment: Record<string, string | undefined> = { ...process.env, PINKAS_IDENTITY: 'dev', ...env };
    for (const [name, value] of Object.entries(environment)) if (value === undefined) delete environment[name];
    const child = spawn(process.execPath, [serverEntry], { env: environment, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    return { child, exited, output: () => output };
  }

  function canConnect(host: string, port: number): Promise<boolean> {
    return new Promise((resolve) => {
      const socket = connect({ host, port, timeout: 2000 }, () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
      socket.once('timeout', () => {
        socket.destroy();
        resolve(false);
      });
    });
  }

  it('refuses to start on a HOST that other machines can reach, and says what to do instead', async () => {
    const port = await freePort();
    const server = runServer({ HOST: '0.0.0.0', PORT: String(port) });
    expect(await server.exited).toBe(1);
    expect(server.output()).toContain('Refusing to listen on HOST=0.0.0.0');
    expect(server.output()).toContain('PINKAS_DEV_ALLOW_REMOTE=1');
  });

  it('listens on 127.0.0.1 only when HOST is not set', async () => {
    const port = await freePort();
    const server = runServer({ HOST: undefined, PORT: String(port) });
    try {
      await expect.poll(() => canConnect('127.0.0.1', port), { timeout: 10_000 }).toBe(true);
      // The server says where it listens once listening: the port may answer before that line is read.
      await expect.poll(() => server.output(), { timeout: 10_000 }).toContain(`http://127.0.0.1:${port}`);
      // This machine's own addresses on its networks are how other machines would reach it.
      const addresses = Object.values(networkInterfaces()).flat().filter((a) => a && !a.internal && a.family === 'IPv4');
      for (const address of addresses) expect(await canConnect(address!.address, port), address!.address).toBe(false);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  });
});

describe('the Content-Security-Policy in Chromium', () => {
  interface Violation {
    page: string;
    directive: string;
    blocked: string;
    sample: string;
  }

  /** A page whose CSP violations are collected, with the reader's theme set to dark. */
  async function watchedPage(): Promise<{ page: Page; violations: Violation[] }> {
    const { page } = await openPage(browser);
    const violations: Violation[] = [];
    await page.exposeBinding('__reportViolation', (_source, v: Violation) => void violations.push(v));
    await page.addInitScript(() => {
      localStorage.setItem('pinkas-theme', 'dark');
      document.addEventListener(
        'securitypolicyviolation',
        (e) => (window as unknown as { __reportViolation(v: unknown): void }).__reportViolation({ page: location.pathname, directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample }),
        true,
      );
    });
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push({ page: page.url(), directive: 'console', blocked: '', sample: message.text() });
    });
    return { page, violations };
  }

  /** The site's own inline scripts ran: the theme script (pages with a theme toggle) and the print notice's. */
  async function expectOwnInlineScriptsRan(page: Page, pathname: string) {
    if (await page.locator('.theme-toggle').count()) expect(await page.getAttribute('html', 'data-theme'), pathname).toBe('dark');
    const printedFrom = page.locator('[data-page-url]').first();
    if (await printedFrom.count()) expect(await printedFrom.textContent(), pathname).toBe(`${site}${pathname}`);
  }

  it('lets every kind of page work, blocking nothing of its own', async () => {
    const { page, violations } = await watchedPage();
    const visit = async (pathname: string, ready: () => Promise<unknown>) => {
      await page.goto(`${site}${pathname}`);
      await ready();
      await expectOwnInlineScriptsRan(page, pathname.split('?')[0]!);
    };

    await visit('/', () => page.locator('.section-cards').waitFor());
    await visit('/hr/sick-leave/', () => page.locator('.page-meta').waitFor());
    await visit('/hr/annual-leave-israel/', async () => expect(await page.getAttribute('html', 'dir')).toBe('rtl'));
    // Search: the worker loads the index and answers.
    await visit('/search/?q=leave', () => page.locator('.search-results li').first().waitFor());
    // The editor: CodeMirror with its injected styles, and the preview worker's rendering.
    await visit('/edit/hr/sick-leave/', async () => {
      await page.locator('.cm-editor .cm-content').waitFor();
      await expect.poll(() => page.locator('[data-ed="preview-title"]').textContent(), { timeout: 20_000 }).not.toBe('');
      expect(await page.locator('.cm-editor').evaluate((el) => getComputedStyle(el).display)).toBe('flex');
    });
    await visit(`/new/?title=${encodeURIComponent('Forklift charging')}`, async () => {
      await expect.poll(() => page.getByLabel('Title', { exact: true }).inputValue()).toBe('Forklift charging');
    });
    await visit('/history/hr/sick-leave/', () => page.locator('.revision').first().waitFor());
    await visit('/print/hr/', async () => {
      const today = await page.evaluate(() => new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric' }).format(new Date()));
      await expect.poll(() => page.locator('[data-print-date]').first().textContent()).toBe(today);
    });

    expect(violations).toEqual([]);
  });

  it('blocks a script injected into a page, inline or as an event handler, and runs the page’s own', async () => {
    const { page, violations } = await watchedPage();
    await page.route(`${site}/hr/sick-leave/`, async (route) => {
      const response = await route.fetch();
      const html = await response.text();
      const injected = '<script>window.injectedRan = true</script><img src="/no-such.png" alt="" onerror="window.handlerRan = true">';
      await route.fulfill({ response, body: html.replace('</main>', `${injected}</main>`) });
    });
    await page.goto(`${site}/hr/sick-leave/`);
    await expect.poll(() => violations.map((v) => v.directive).sort()).toEqual(expect.arrayContaining(['script-src-attr', 'script-src-elem']));
    expect(await page.evaluate(() => [(window as { injectedRan?: boolean }).injectedRan, (window as { handlerRan?: boolean }).handlerRan])).toEqual([undefined, undefined]);
    expect(violations.filter((v) => v.directive === 'script-src-elem').map((v) => v.blocked)).toEqual(['inline']);
    await expectOwnInlineScriptsRan(page, '/hr/sick-leave/');
  });
});
