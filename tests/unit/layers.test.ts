import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkLayers, formatViolation, type Violation } from '../../scripts/lib/layers.ts';

const SIZE_RULES = new Set(['max-lines', 'max-lines-per-function']);

describe('the real tree', () => {
  let violations: Violation[];
  beforeAll(async () => {
    violations = await checkLayers();
  }, 120_000);

  it('keeps its layers: no import across them, no browser global in src/lib, no Node in the browser, no cycle', () => {
    expect(violations.filter((v) => !SIZE_RULES.has(v.rule)).map(formatViolation)).toEqual([]);
  });

  it('has no file over 400 lines and no function over 120 (test doubles and string tables aside)', () => {
    expect(violations.filter((v) => SIZE_RULES.has(v.rule)).map(formatViolation)).toEqual([]);
  });
});

/** A tiny tree that breaks each rule once, next to code that keeps them. */
const BROKEN_TREE: Record<string, string> = {
  'src/lib/uses-astro.ts': "import { getCollection } from 'astro:content';\nexport const pages = getCollection;\n",
  'src/lib/astro-types.ts': "import type { AstroGlobal } from 'astro';\nexport type Page = AstroGlobal;\n",
  'src/lib/uses-view.ts': "import { widget } from '../components/widget.ts';\nexport const view = widget;\n",
  'src/lib/uses-document.ts': 'export const title = (): string => document.title;\n',
  'src/lib/reads-files.ts': "import { readFileSync } from 'node:fs';\nexport const read = (f: string) => readFileSync(f, 'utf8');\n",
  'src/lib/serves.ts': "import { createServer } from 'node:http';\nexport type Server = ReturnType<typeof createServer>;\nexport const serve = createServer;\n",
  'src/lib/cycle-a.ts': "import { b } from './cycle-b.ts';\nexport const a = () => b;\n",
  'src/lib/cycle-b.ts': "import { a } from './cycle-a.ts';\nexport const b = () => a;\n",
  'src/lib/markdown/render.ts': "import { unified } from 'unified';\nimport { remarkGood } from './remark-good.ts';\nexport const render = () => unified().use(remarkGood);\n",
  'src/lib/markdown/remark-good.ts': "import type { Plugin } from 'unified';\nexport const remarkGood: Plugin = () => undefined;\n",
  'src/lib/markdown/remark-bad.ts': "import { render } from './render.ts';\nexport const remarkBad = () => render;\n",
  'src/components/widget.ts': 'export const widget = 1;\n',
  'src/components/Card.astro':
    "---\nimport { helper } from '../../tests/support/helper.ts';\n---\n<p>{helper}</p>\n<script>\n  import { read } from '../lib/reads-files.ts';\n  console.log(read);\n</script>\n",
  'src/editor/island.ts':
    "import { read } from '../lib/reads-files.ts';\nimport type { Server } from '../lib/serves.ts';\nexport const open = (s: Server) => [read, s];\n",
  'src/loaders/loader.ts': "import { widget } from '../components/widget.ts';\nexport const load = () => widget;\n",
  'src/server/api.ts': "import { helper } from '../../tests/support/helper.ts';\nexport const api = helper;\n",
  'scripts/tool.ts': "import { helper } from '../tests/support/helper.ts';\nexport const tool = helper;\n",
  'tests/support/helper.ts': 'export const helper = 1;\n',
  'src/lib/long.ts': `export function long(): number {\n${'  void 0;\n'.repeat(119)}  return 1;\n}\n${'// filler\n'.repeat(279)}`,
  'src/styles/long.css': 'a {}\n'.repeat(401),
  'scripts/lib/github-double/long.ts': '// a test double may be long\n'.repeat(500),
  'tests/fixtures/long.ts': '// fixtures are data\n'.repeat(500),
};

describe('the layer check, on a tree that breaks each rule once', () => {
  let root: string;
  let reported: string[];
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'pinkas-layers-'));
    for (const [file, text] of Object.entries(BROKEN_TREE)) {
      await mkdir(path.dirname(path.join(root, file)), { recursive: true });
      await writeFile(path.join(root, file), text);
    }
    reported = (await checkLayers(root)).map(formatViolation);
  }, 120_000);
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('reports each broken rule at the file that breaks it, and nothing else', () => {
    expect(reported).toEqual([
      'scripts/tool.ts scripts-not-to-tests: imports tests/support/helper.ts',
      "src/components/Card.astro:2 no-restricted-imports: '../../tests/support/helper.ts' import is restricted from being used by a pattern. The site does not import command-line tools or tests.",
      "src/components/Card.astro:6 no-restricted-imports: '../lib/reads-files.ts' import is restricted from being used by a pattern. A client <script> imports its code from src/editor/, src/search/, src/widgets/ or src/records/ (checked as browser code there).",
      'src/editor/island.ts browser-no-node: reaches fs via src/editor/island.ts → src/lib/reads-files.ts → fs',
      'src/lib/astro-types.ts lib-no-astro: imports astro',
      'src/lib/cycle-a.ts lib-no-cycles: is in a cycle: src/lib/cycle-a.ts → src/lib/cycle-b.ts → src/lib/cycle-a.ts',
      "src/lib/long.ts:1 max-lines-per-function: Function 'long' has too many lines (122). Maximum allowed is 120.",
      'src/lib/long.ts:401 max-lines: File has too many lines (401). Maximum allowed is 400.',
      'src/lib/markdown/remark-bad.ts plugin-not-to-host: reaches unified via src/lib/markdown/remark-bad.ts → src/lib/markdown/render.ts → unified',
      'src/lib/uses-astro.ts lib-no-astro: imports astro:content',
      "src/lib/uses-document.ts:1 no-restricted-globals: Unexpected use of 'document'. src/lib runs in Node and in the browser: pass it what it needs instead of using a browser global.",
      'src/lib/uses-view.ts lib-not-to-app: imports src/components/widget.ts',
      'src/loaders/loader.ts loader-not-to-views: imports src/components/widget.ts',
      'src/server/api.ts src-not-to-scripts-or-tests: imports tests/support/helper.ts',
      'src/styles/long.css max-lines: File has too many lines (401). Maximum allowed is 400.',
    ]);
  });
});
