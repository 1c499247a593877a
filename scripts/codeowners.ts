/**
 * npm run codeowners [-- --check]
 *
 * Writes .github/CODEOWNERS from the pages' `owner` fields (see src/lib/codeowners-file.ts).
 * With --check, writes nothing and exits 1 when the file is out of date (for CI).
 */
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { codeownersFile } from '../src/lib/codeowners-file.ts';
import { loadWiki, wikiConfig } from '../src/lib/wiki/load.ts';
import { siteConfig } from '../src/site.config.ts';

const check = process.argv.includes('--check');
const wiki = await loadWiki(wikiConfig(siteConfig));
const { contentDir } = wiki;
const repoRoot = execFileSync('git', ['rev-parse', '--show-toplevel'], { cwd: contentDir, encoding: 'utf8' }).trim();
const pages = wiki.pages
  .filter((p) => p.path)
  .map((p) => ({
    path: path.relative(repoRoot, path.join(contentDir, p.path)).split(path.sep).join('/'),
    owner: p.owner,
    isFolder: /(^|\/)(index|readme)\.mdx?$/i.test(p.path),
  }));
const { text, skipped } = codeownersFile(pages);
for (const s of skipped) console.warn(`${s.path}: owner "${s.owner}" is not a GitHub @user, @org/team or email; left out of CODEOWNERS`);
const file = path.join(repoRoot, '.github', 'CODEOWNERS');
const current = await readFile(file, 'utf8').catch(() => '');
if (check) {
  if (current !== text) {
    console.error('.github/CODEOWNERS is out of date: run `npm run codeowners` and commit it.');
    process.exit(1);
  }
  console.log('.github/CODEOWNERS is up to date.');
} else {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, text);
  console.log(`${path.relative(process.cwd(), file)}: ${text.split('\n').filter((l) => l && !l.startsWith('#')).length} rules`);
}
