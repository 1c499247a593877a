// What the layer check needs beyond dependency-cruiser (.dependency-cruiser.mjs), which cannot see
// globals, the imports inside .astro files, or sizes. Run both with `npm run lint:layers`; both run
// in `npm test` (tests/unit/layers.test.ts). This config checks structure only, not style.
import astro from 'eslint-plugin-astro';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Globals that exist in browsers or web workers but not in Node (so not fetch, URL, crypto, …). */
const nodeGlobals = new Set([...Object.keys(globals.node), ...Object.keys(globals.builtin)]);
const browserOnlyGlobals = new Set([
  ...[...Object.keys(globals.browser), ...Object.keys(globals.worker)].filter((name) => !nodeGlobals.has(name)),
  // Node has these too (some behind flags), but code that uses them means the browser's.
  'localStorage',
  'sessionStorage',
  'navigator',
  'Navigator',
  'Storage',
]);

const LIB_IS_PORTABLE =
  'src/lib runs in Node and in the browser: pass it what it needs instead of using a browser global.';

/** Source, scripts and tests: the files whose sizes are limited. */
const CODE = ['{src,scripts,tests}/**/*.{ts,mts,mjs,js,astro}'];

/** Files that may be longer: a test double, per-language string tables, generated files. */
const SIZE_EXEMPT = ['scripts/lib/github-double/**', 'src/lib/i18n/strings.ts', '**/*.d.ts'];

export default [
  { linterOptions: { reportUnusedDisableDirectives: 'off' } },
  { ignores: ['dist/**', '**/.astro/**', '.bench/**', 'node_modules/**', 'tests/fixtures/**', 'content/**', 'public/**'] },
  {
    files: ['**/*.{ts,mts,cts}'],
    languageOptions: { parser: tseslint.parser, sourceType: 'module' },
    // Registered (no rule enabled) so that the code's disable comments for its rules resolve.
    plugins: { '@typescript-eslint': tseslint.plugin },
  },
  // .astro files (frontmatter and template) and their client <script>s, as virtual files.
  ...astro.configs['flat/base'],
  {
    name: 'pinkas/size',
    files: CODE,
    ignores: SIZE_EXEMPT,
    rules: {
      'max-lines': ['error', { max: 400, skipBlankLines: false, skipComments: false }],
      'max-lines-per-function': ['error', { max: 120, skipBlankLines: false, skipComments: false, IIFEs: true }],
    },
  },
  {
    name: 'pinkas/lib-no-browser-globals',
    files: ['src/lib/**/*.{ts,mts,js,mjs}'],
    rules: {
      'no-restricted-globals': ['error', ...[...browserOnlyGlobals].sort().map((name) => ({ name, message: LIB_IS_PORTABLE }))],
      'no-restricted-properties': [
        'error',
        ...['window', 'document', 'self', 'navigator', 'location', 'localStorage', 'sessionStorage', 'indexedDB'].map(
          (property) => ({ object: 'globalThis', property, message: LIB_IS_PORTABLE }),
        ),
      ],
    },
  },
  {
    name: 'pinkas/astro-not-to-scripts-or-tests',
    files: ['src/**/*.astro', 'src/**/*.astro/*.{js,ts}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '(^|/)(scripts|tests)/', message: 'The site does not import command-line tools or tests.' },
          ],
        },
      ],
    },
  },
  {
    // The browser-safe check (.dependency-cruiser.mjs) starts from src/editor, src/search and
    // src/widgets and src/records, so a page's client script reaches src/lib only through them.
    name: 'pinkas/astro-client-scripts-through-islands',
    files: ['src/**/*.astro/*.{js,ts}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.{1,2}/(?!(\\.\\./)*(editor|search|widgets|records)/)',
              message: 'A client <script> imports its code from src/editor/, src/search/, src/widgets/ or src/records/ (checked as browser code there).',
            },
          ],
        },
      ],
    },
  },
];
