/**
 * What the editor's browser tests share: git in the wiki's repository, axe-core's serious findings,
 * and the source editor, preview and typing as a contributor does it.
 */
import AxeBuilder from '@axe-core/playwright';
import { execFileSync } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { expect, inject } from 'vitest';

/** git in the wiki's repository; `raw` keeps the output as it is (file contents). */
export function git(args: string[], options: { raw?: boolean; input?: string; env?: Record<string, string> } = {}): string {
  const out = execFileSync('git', args, { cwd: inject('repoDir'), encoding: 'utf8', input: options.input, env: { ...process.env, ...options.env }, stdio: ['pipe', 'pipe', 'pipe'] });
  return options.raw ? out : out.trim();
}

export async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}

export const source = (page: Page) => page.locator('.editor-cm .cm-content');
export const sourceText = (page: Page) => source(page).evaluate((el) => [...el.querySelectorAll('.cm-line')].map((l) => l.textContent).join('\n'));
export const preview = (page: Page) => page.getByRole('region', { name: 'Preview of the page' });

/** Waits until the editor is ready: CodeMirror is up and the first preview is in. */
export async function editorReady(page: Page) {
  await source(page).waitFor();
  await expect.poll(() => page.locator('[data-ed="preview-title"]').textContent(), { timeout: 20_000 }).not.toBe('');
}

/**
 * The line of an editor (CodeMirror draws only the lines in view) that contains `text`, scrolling
 * down with the mouse wheel as a reader would until it is drawn.
 */
export async function lineWith(page: Page, editor: Locator, text: string | RegExp): Promise<Locator> {
  const line = editor.locator('.cm-line', { hasText: text }).first();
  await editor.hover();
  for (let i = 0; i < 60 && (await line.count()) === 0; i++) await page.mouse.wheel(0, 250);
  await line.scrollIntoViewIfNeeded();
  return line;
}

/** Clicks into the source and types at its very end (after the last line break). */
export async function typeAtEnd(page: Page, text: string) {
  await source(page).click();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await page.keyboard.type(text);
}

/**
 * Someone else changes `file` on main meanwhile (a commit on top of it, without touching the
 * working tree). Returns the commit, and `undo` to put main back so that the repository's HEAD
 * matches its working tree again for other tests.
 */
export async function changeOnMain(file: string, change: (text: string) => string, message: string): Promise<{ head: string; theirs: string; undo: () => void }> {
  const before = git(['rev-parse', 'main']);
  const theirs = change(git(['show', `main:${file}`], { raw: true }));
  const blob = git(['hash-object', '-w', '--stdin'], { input: theirs });
  const index = path.join(tmpdir(), `pinkas-index-${process.pid}-${Date.now()}`);
  git(['read-tree', 'main'], { env: { GIT_INDEX_FILE: index } });
  git(['update-index', '--cacheinfo', `100644,${blob},${file}`], { env: { GIT_INDEX_FILE: index } });
  const tree = git(['write-tree'], { env: { GIT_INDEX_FILE: index } });
  await rm(index, { force: true });
  const who = { GIT_AUTHOR_NAME: 'Tom Becker', GIT_AUTHOR_EMAIL: 'tom@galil.example', GIT_COMMITTER_NAME: 'Tom Becker', GIT_COMMITTER_EMAIL: 'tom@galil.example' };
  const head = git(['commit-tree', tree, '-p', before, '-m', message], { env: who });
  git(['update-ref', 'refs/heads/main', head, before]);
  return { head, theirs, undo: () => git(['update-ref', 'refs/heads/main', before, head]) };
}

/** Replaces the whole line of the source that contains `text` with `replacement`, typing as a contributor does. */
export async function retypeLine(page: Page, text: string | RegExp, replacement: string) {
  await (await lineWith(page, source(page), text)).click();
  await page.keyboard.press('End');
  await page.keyboard.press('Shift+Home');
  await page.keyboard.type(replacement);
}
