/**
 * npm run export:pdf -- <section> [--dist DIR] [--out FILE]
 *
 * Prints a section's binder (/print/<section>/ of the built site) to PDF with Chromium
 * (playwright-core; CHROMIUM_PATH, else Debian's /usr/bin/chromium, else the one bundled with @sparticuz/chromium): A4, backgrounds, page numbers in
 * the footer. Build first (`npm run build`).
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { launchChromium } from './lib/chromium.ts';
import { serveStatic } from './lib/static-server.ts';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { dist: { type: 'string', default: 'dist' }, out: { type: 'string' } } });
const section = positionals[0];
if (!section) {
  console.error('usage: npm run export:pdf -- <section> [--dist DIR] [--out FILE]');
  process.exit(2);
}
const dist = path.resolve(values.dist!);
const root = [path.join(dist, 'client'), dist].find((d) => existsSync(path.join(d, 'print')));
if (!root) {
  console.error(`No printable sections in ${dist}: run \`npm run build\` first.`);
  process.exit(2);
}
if (!existsSync(path.join(root, 'print', section, 'index.html'))) {
  console.error(`There is no section "${section}". Sections: ${(await import('node:fs')).readdirSync(path.join(root, 'print')).join(', ')}`);
  process.exit(2);
}
const out = path.resolve(values.out ?? path.join(dist, 'pdf', `${section}.pdf`));
await mkdir(path.dirname(out), { recursive: true });

const server = await serveStatic(root);
const { browser } = await launchChromium();
try {
  const page = await browser.newPage();
  await page.goto(`${server.url}/print/${encodeURIComponent(section)}/`, { waitUntil: 'networkidle' });
  // The binder brings each procedure's text in from its page (src/records/binder.ts).
  await page.locator('body[data-binder-ready]').waitFor({ state: 'attached' });
  const title = await page.title();
  await page.pdf({
    path: out,
    format: 'A4',
    printBackground: true,
    margin: { top: '18mm', bottom: '18mm', left: '16mm', right: '16mm' },
    displayHeaderFooter: true,
    headerTemplate: `<div style="font-size:8px;width:100%;text-align:center;color:#555;">${title.replace(/[<>&]/g, '')}</div>`,
    footerTemplate: '<div style="font-size:8px;width:100%;text-align:center;color:#555;"><span class="pageNumber"></span> / <span class="totalPages"></span></div>',
  });
  console.log(`${out}`);
} finally {
  await browser.close();
  await server.close();
}
