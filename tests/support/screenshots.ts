/**
 * Screenshots for people to look at, not for tests to compare: with PINKAS_SCREENSHOTS=<folder>
 * set, the browser tests that reach a view worth looking at (the conflict view, the properties
 * form, a printed Hebrew binder) write it there as a PNG. Without it, nothing is written.
 *
 *   PINKAS_SCREENSHOTS=.screenshots npx vitest run tests/browser/editor-conflicts.test.ts
 */
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';

const folder = process.env.PINKAS_SCREENSHOTS;

export async function keepScreenshot(target: Page | Locator, name: string): Promise<void> {
  if (!folder) return;
  await mkdir(folder, { recursive: true });
  const file = path.join(folder, `${name}.png`);
  if ('goto' in target) await target.screenshot({ path: file, fullPage: true });
  else await target.screenshot({ path: file });
}

/** Keeps a file the test wrote (a PDF) beside the screenshots. */
export async function keepFile(file: string, name: string): Promise<void> {
  if (!folder) return;
  await mkdir(folder, { recursive: true });
  await copyFile(file, path.join(folder, name));
}
