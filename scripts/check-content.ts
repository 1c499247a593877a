/**
 * npm run check:content [paths…]
 *
 * Checks pages against the frontmatter schema and the safe-content policy, with the same code the
 * build and the proposal service use. Prints `file:line:col message` for each problem and exits 1
 * if any is an error. Without paths it checks the whole content folder; with paths, only problems
 * in those files or folders are reported (links are still resolved against the whole wiki).
 */
import path from 'node:path';
import { formatDiagnostic, type Diagnostic } from '../src/lib/content/diagnostics.ts';
import { contributionPolicy } from '../src/lib/content/policy.ts';
import { loadWiki, wikiConfig } from '../src/lib/wiki/load.ts';
import { siteConfig } from '../src/site.config.ts';

const root = process.cwd();
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-')).map((a) => path.relative(root, path.resolve(root, a)));

// Pages are held as contributions are: every finding is an error (the build only warns).
const wiki = await loadWiki(wikiConfig(siteConfig, { policy: contributionPolicy(siteConfig.policy) }));
const { displayDir, folder } = wiki;

const inScope = (file: string) => wanted.length === 0 || wanted.some((w) => file === w || file.startsWith(w.endsWith('/') ? w : `${w}/`));
const outside = wanted.filter((w) => !w.startsWith(displayDir === '.' ? '' : `${displayDir}/`) && w !== displayDir);
if (outside.length) {
  console.error(`These paths are not in the content folder ${displayDir}/: ${outside.join(', ')}`);
  process.exit(2);
}

const diagnostics: Diagnostic[] = wiki.diagnostics.filter((d) => inScope(d.file));
for (const b of wiki.brokenLinks) {
  if (inScope(b.file)) diagnostics.push({ file: b.file, line: b.line, column: b.column, severity: 'warning', message: `broken link ${b.link}: no such page (it shows as a red link)` });
}
diagnostics.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
for (const d of diagnostics) console.log(formatDiagnostic(d));
const errors = diagnostics.filter((d) => d.severity === 'error').length;
const warnings = diagnostics.length - errors;
const checked = folder.pages.filter((p) => inScope(`${displayDir}/${p.path}`)).length;
console.error(`${checked} page${checked === 1 ? '' : 's'} checked: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`);
process.exit(errors > 0 ? 1 : 0);
