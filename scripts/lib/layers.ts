/**
 * The layer and size checks over a source tree (`src/`, `scripts/`, `tests/` under `root`):
 * dependency-cruiser with the project's .dependency-cruiser.mjs (imports between layers, what the
 * browser islands reach, cycles), ESLint with the project's eslint.config.js (browser globals in
 * src/lib, imports inside .astro files, file and function sizes), and the line count of stylesheets
 * (which ESLint does not read). `npm run lint:layers` prints the result; tests/unit/layers.test.ts
 * runs it in `npm test`.
 */
import { existsSync } from 'node:fs';
import { glob, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cruise, type IConfiguration, type IViolation } from 'dependency-cruiser';
import { ESLint } from 'eslint';
import runtimeView, { withTypeImports } from '../../.dependency-cruiser.mjs';
import { toPosix } from '../../src/lib/paths.ts';

export interface Violation {
  /** The rule broken: a dependency-cruiser rule's name, an ESLint rule id, or `max-lines` for a stylesheet. */
  rule: string;
  /** Relative to the checked root, with forward slashes. */
  file: string;
  line?: number;
  message: string;
}

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
const TREES = ['src', 'scripts', 'tests'];
export const MAX_FILE_LINES = 400;

export async function checkLayers(root: string = projectRoot): Promise<Violation[]> {
  const found = [...(await checkDependencies(root)), ...(await checkWithEslint(root)), ...(await checkStylesheets(root))];
  return found.sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || a.rule.localeCompare(b.rule));
}

/** `file:line rule: message`, one line per violation. */
export function formatViolation(v: Violation): string {
  return `${v.file}${v.line === undefined ? '' : `:${v.line}`} ${v.rule}: ${v.message}`;
}

async function checkDependencies(root: string): Promise<Violation[]> {
  const trees = TREES.filter((t) => existsSync(path.join(root, t)));
  const seen = new Map<string, Violation>();
  for (const config of [runtimeView, withTypeImports]) {
    for (const v of await cruiseViolations(root, trees, config)) {
      const key = `${v.rule.name} ${v.from} ${v.to}`;
      if (!seen.has(key)) seen.set(key, { rule: v.rule.name, file: v.from, message: describe(v) });
    }
  }
  return [...seen.values()];
}

async function cruiseViolations(root: string, trees: string[], config: IConfiguration): Promise<IViolation[]> {
  const { output } = await cruise(trees, { ...config.options, baseDir: root, validate: true, ruleSet: config });
  if (typeof output === 'string') throw new Error(`dependency-cruiser: ${output}`);
  return output.summary.violations;
}

/** `imports node_modules/astro/…`, or the path to what it reaches, or the cycle it is part of. */
function describe(v: IViolation): string {
  if (v.cycle?.length) return `is in a cycle: ${[v.from, ...v.cycle.map((step) => step.name)].join(' → ')}`;
  if (v.via?.length) return `reaches ${v.to} via ${[v.from, ...v.via.map((step) => step.name)].join(' → ')}`;
  return `imports ${v.to}`;
}

async function checkWithEslint(root: string): Promise<Violation[]> {
  const eslint = new ESLint({ cwd: root, overrideConfigFile: path.join(projectRoot, 'eslint.config.js'), errorOnUnmatchedPattern: false });
  const results = await eslint.lintFiles(TREES.filter((t) => existsSync(path.join(root, t))));
  return results.flatMap((result) =>
    result.messages.map((m) => ({
      rule: m.ruleId ?? 'eslint',
      file: toPosix(path.relative(root, result.filePath)),
      line: m.line,
      message: m.message,
    })),
  );
}

/** ESLint counts lines in code; stylesheets are counted here, the same way (a final newline ends the last line). */
async function checkStylesheets(root: string): Promise<Violation[]> {
  const found: Violation[] = [];
  for await (const file of glob(`{${TREES.join(',')}}/**/*.css`, { cwd: root, exclude: (f) => toPosix(f).startsWith('tests/fixtures') })) {
    const lines = (await readFile(path.join(root, file), 'utf8')).replace(/\n$/, '').split('\n').length;
    if (lines > MAX_FILE_LINES) {
      found.push({ rule: 'max-lines', file: toPosix(file), message: `File has too many lines (${lines}). Maximum allowed is ${MAX_FILE_LINES}.` });
    }
  }
  return found;
}
