/**
 * The Markdown plugins, in the unified style: each case is a folder under
 * tests/fixtures/markdown/<plugin>/<case>/ with `input.md` or `input.mdx`, the HTML the whole
 * pipeline makes of it (`output.html`) and the problems it reports (`diagnostics.txt`, one
 * `line:col [field] message` a line; absent when there are none). `options.json` may set the
 * page's `lang`. Run with UPDATE_FIXTURES=1 to write the expected files after a deliberate change,
 * then read the diff.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { render } from '../support/render.ts';

const root = path.resolve('tests/fixtures/markdown');
const update = process.env.UPDATE_FIXTURES === '1';

const cases = readdirSync(root).flatMap((plugin) => readdirSync(path.join(root, plugin)).map((name) => ({ plugin, name, dir: path.join(root, plugin, name) })));

function expectFile(file: string, actual: string) {
  if (update) {
    if (actual) writeFileSync(file, actual);
    return;
  }
  expect(actual).toBe(existsSync(file) ? readFileSync(file, 'utf8') : '');
}

describe.each([...new Set(cases.map((c) => c.plugin))])('%s', (plugin) => {
  it.each(cases.filter((c) => c.plugin === plugin).map((c) => [c.name, c.dir]))('%s', (_name, dir) => {
    const input = ['input.md', 'input.mdx'].find((f) => existsSync(path.join(dir, f)))!;
    const options = existsSync(path.join(dir, 'options.json')) ? (JSON.parse(readFileSync(path.join(dir, 'options.json'), 'utf8')) as { lang?: string }) : {};
    const format = input.endsWith('.mdx') ? 'mdx' : 'md';
    const result = render(readFileSync(path.join(dir, input), 'utf8'), { format, lang: options.lang ?? 'en', contentPath: `hr/annual-leave.${format}` });
    expectFile(path.join(dir, 'output.html'), `${result.html}\n`);
    expectFile(path.join(dir, 'diagnostics.txt'), result.diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} [${d.field ?? ''}] ${d.message}\n`).join(''));
  });
});
