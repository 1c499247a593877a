import { isMap, isScalar, LineCounter, parseDocument, visit, type Document } from 'yaml';
import type { Diagnostic } from './diagnostics.ts';


export interface Frontmatter {
  /** The parsed YAML mapping (empty when the file has no frontmatter). */
  data: Record<string, unknown>;
  /** 1-based line of each top-level key, for error messages. */
  lines: Record<string, number>;
  /** The Markdown after the frontmatter, with the frontmatter lines blanked so positions stay true. */
  body: string;
  /** 1-based line where the body starts. */
  bodyLine: number;
  diagnostics: Diagnostic[];
}

const OPEN = /^---[ \t]*\r?\n/;
const CLOSE = /^(?:---|\.\.\.)[ \t]*$/m;

/**
 * Splits YAML frontmatter (`---` … `---`) from a Markdown/MDX source and parses it.
 * The returned body keeps the frontmatter's line breaks, so line numbers reported by
 * the Markdown parser are line numbers in the file.
 */
export function parseFrontmatter(source: string, file: string): Frontmatter {
  const text = source.replace(/^\uFEFF/, '');
  const diagnostics: Diagnostic[] = [];
  const open = OPEN.exec(text);
  if (!open) return { data: {}, lines: {}, body: text, bodyLine: 1, diagnostics };
  const rest = text.slice(open[0].length);
  const close = CLOSE.exec(rest);
  if (!close) {
    diagnostics.push({
      file, line: 1, column: 1, severity: 'error', field: 'frontmatter',
      message: 'frontmatter starts with "---" on line 1 but has no closing "---" line',
    });
    return { data: {}, lines: {}, body: text, bodyLine: 1, diagnostics };
  }
  const yamlText = rest.slice(0, close.index);
  const afterClose = rest.slice(close.index + close[0].length);
  const headerLines = (open[0] + yamlText + close[0]).split('\n').length;
  const body = '\n'.repeat(headerLines - 1) + afterClose;

  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter, prettyErrors: false, uniqueKeys: true });
  for (const error of doc.errors) {
    const pos = lineCounter.linePos(error.pos[0]);
    diagnostics.push({
      file, line: pos.line + 1, column: pos.col, severity: 'error', field: 'frontmatter',
      message: `invalid YAML in frontmatter: ${firstLine(error.message)}${hintFor(error.message)}`,
    });
  }
  if (doc.errors.length > 0) return { data: {}, lines: {}, body, bodyLine: headerLines, diagnostics };

  const lines: Record<string, number> = {};
  if (isMap(doc.contents)) {
    for (const item of doc.contents.items) {
      if (isScalar(item.key) && item.key.range) lines[String(item.key.value)] = lineCounter.linePos(item.key.range[0]).line + 1;
    }
  }
  const refused = refusedKeys(doc, lineCounter);
  if (refused.length) {
    diagnostics.push(...refused.map((line) => ({
      file, line, column: 1, severity: 'error' as const, field: 'frontmatter',
      message: 'the frontmatter key "__proto__" is not allowed (it would change every object\'s prototype); rename it',
    })));
    return { data: {}, lines, body, bodyLine: headerLines, diagnostics };
  }
  let value: unknown;
  try {
    // Aliases (`*name`) copy what an anchor (`&name`) holds: a few nested ones can expand to
    // gigabytes (the "billion laughs"), so their number is bounded.
    value = doc.toJS({ maxAliasCount: 20 });
  } catch (error) {
    diagnostics.push({
      file, line: 2, column: 1, severity: 'error', field: 'frontmatter',
      message: /alias/i.test((error as Error).message)
        ? 'the frontmatter uses YAML aliases (*name) too many times; write the values out instead'
        : `the frontmatter cannot be read: ${firstLine((error as Error).message)}`,
    });
    return { data: {}, lines, body, bodyLine: headerLines, diagnostics };
  }
  if (value !== null && value !== undefined && (typeof value !== 'object' || Array.isArray(value))) {
    diagnostics.push({
      file, line: 2, column: 1, severity: 'error', field: 'frontmatter',
      message: 'frontmatter must be a YAML mapping of `key: value` lines',
    });
    return { data: {}, lines, body, bodyLine: headerLines, diagnostics };
  }
  return { data: (value ?? {}) as Record<string, unknown>, lines, body, bodyLine: headerLines, diagnostics };
}

/** Lines of `__proto__` keys, at any depth (JavaScript objects cannot safely hold them). */
function refusedKeys(doc: Document, lineCounter: LineCounter): number[] {
  const lines: number[] = [];
  visit(doc, {
    Pair(_, pair) {
      if (isScalar(pair.key) && pair.key.value === '__proto__') lines.push(lineCounter.linePos(pair.key.range?.[0] ?? 0).line + 1);
    },
  });
  return lines;
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

function hintFor(message: string): string {
  if (/reserved character @|cannot start with reserved character/.test(message)) {
    return ' (put values that start with @ in quotes, e.g. owner: "@alice")';
  }
  return '';
}
