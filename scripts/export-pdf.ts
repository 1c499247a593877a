/**
 * npm run export:pdf -- <section> [--dist DIR] [--out FILE]
 *
 * Prints a section's binder (/print/<section>/ of the built site) to PDF with Chromium
 * (playwright-core; CHROMIUM_PATH, else Debian's /usr/bin/chromium, else the one bundled with
 * @sparticuz/chromium): A4 as the binder's CSS sets it (running head, "n / N" at the foot), every
 * disclosure open, and the contents numbered with the page each procedure starts on
 * (scripts/lib/binder-pdf.ts). Build first (`npm run build`).
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { printBinder } from './lib/binder-pdf.ts';
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
  await printBinder(page, out);
  console.log(`${out}`);
} finally {
  await browser.close();
  await server.close();
}
