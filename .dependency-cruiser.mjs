// @ts-check
// The layers of Pinkas, checked by dependency-cruiser (`npm run lint:layers`, and in `npm test`).
// Rules name folders and file patterns, never today's files, so new modules are checked as they come.
// What dependency-cruiser cannot see (browser globals, imports inside .astro files, sizes) is
// checked by ESLint: see eslint.config.js.
//
// Two views of the same tree: the default export follows the imports that remain at run time
// (`import type` is erased, so a browser island may name a server module's type); `withTypeImports`
// checks the structural rules over every import, types included.
import { builtinModules } from 'node:module';

/** Node's built-in modules, with or without `node:` (dependency-cruiser reports them without it). */
const NODE_BUILTIN = `^(node:)?(${builtinModules.join('|')})$`;

/** Astro itself: the package, its integrations and its virtual modules (`astro:content`, …). */
const ASTRO = '^(node_modules/)?(astro|@astrojs)(/|:|$)';

/** Remark and rehype plug-ins, by name: one module, one job. */
const MARKDOWN_PLUGIN = ['^src/lib/(remark|rehype)-[^/]+\\.ts$', '^src/lib/.*/(remark|rehype)-[^/]+\\.ts$'];

/** What builds a unified processor: unified itself at run time, a parser, a compiler (resolved or not). */
const PROCESSOR = '^(node_modules/)?(unified|remark-parse|rehype-parse|remark-rehype|rehype-stringify|remark-stringify)(/|$)';

/** @type {import('dependency-cruiser').IForbiddenRuleType[]} */
const structural = [
  {
    name: 'lib-no-astro',
    comment: 'src/lib is the framework-free core: it imports no Astro package and no astro:* module.',
    severity: 'error',
    from: { path: '^src/lib/' },
    to: { path: ASTRO },
  },
  {
    name: 'lib-not-to-app',
    comment: 'src/lib is imported by the views, islands, loaders and server, never the other way round.',
    severity: 'error',
    from: { path: '^src/lib/' },
    to: {
      path: [
        '^src/(pages|components|layouts|loaders|data|server|editor|search|records|dom|styles)/',
        '^src/(middleware|content\\.config)\\.[cm]?[jt]s$',
      ],
    },
  },
  {
    name: 'loader-not-to-views',
    comment: 'Content loaders feed the pages; they import no page, component or layout.',
    severity: 'error',
    from: { path: '^src/loaders/' },
    to: { path: '^src/(pages|components|layouts)/' },
  },
  {
    name: 'src-not-to-scripts-or-tests',
    comment: 'The site imports no command-line tool and no test.',
    severity: 'error',
    from: { path: '^src/' },
    to: { path: '^(scripts|tests)/' },
  },
  {
    name: 'scripts-not-to-tests',
    comment: 'Scripts import no test; shared harness lives in scripts/lib/, test support in tests/support/.',
    severity: 'error',
    from: { path: '^scripts/' },
    to: { path: '^tests/' },
  },
];

/** @type {import('dependency-cruiser').IForbiddenRuleType[]} */
const runtime = [
  {
    name: 'browser-no-node',
    comment:
      'src/editor, src/search, src/widgets, src/records and src/dom run in the browser (islands and workers): nothing they reach, ' +
      'in src/lib or elsewhere, imports a Node built-in.',
    severity: 'error',
    from: { path: '^src/(editor|search|widgets|records|dom)/' },
    to: { path: NODE_BUILTIN, reachable: true },
  },
  {
    name: 'plugin-not-to-host',
    comment:
      'A remark/rehype plug-in does not depend on the pipeline that hosts it: it reaches no module ' +
      'that builds a unified processor.',
    severity: 'error',
    from: { path: MARKDOWN_PLUGIN },
    to: { path: PROCESSOR, reachable: true },
  },
  {
    name: 'lib-no-cycles',
    comment: 'No circular dependencies in src/lib.',
    severity: 'error',
    from: { path: '^src/lib/' },
    to: { circular: true, viaOnly: { path: '^src/lib/' } },
  },
];

/** @type {import('dependency-cruiser').ICruiseOptions} */
const options = {
  doNotFollow: { path: 'node_modules' },
  exclude: { path: '^tests/fixtures/' },
  detectProcessBuiltinModuleCalls: true,
  enhancedResolveOptions: {
    exportsFields: ['exports'],
    conditionNames: ['import', 'browser', 'node', 'default', 'types'],
    extensions: ['.ts', '.mts', '.js', '.mjs', '.d.ts'],
    mainFields: ['module', 'main', 'types'],
  },
};

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [...structural, ...runtime],
  options: { ...options, tsPreCompilationDeps: false },
};

/** @type {import('dependency-cruiser').IConfiguration} */
export const withTypeImports = {
  forbidden: structural,
  options: { ...options, tsPreCompilationDeps: true },
};
