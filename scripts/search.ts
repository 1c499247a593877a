/**
 * npm run search -- [--dist DIR] [--section S] [--tag T] [--lang L] [--limit N] "query"
 *
 * Prints the ranked results of the built search index (in dist/, or DIR) as JSON lines
 * {"slug","title","score"}, best first — with the same engine the browser runs in its worker.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { SearchEngine } from '../src/lib/search/engine.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    dist: { type: 'string', default: 'dist' },
    section: { type: 'string' },
    tag: { type: 'string' },
    lang: { type: 'string' },
    limit: { type: 'string', default: '20' },
  },
});
const query = positionals.join(' ').trim();
if (!query) {
  console.error('usage: npm run search -- [--dist DIR] [--section S] [--tag T] [--lang L] [--limit N] "query"');
  process.exit(2);
}
// A static build keeps the index in dist/search/; with a server adapter, in dist/client/search/.
const dist = path.resolve(values.dist!);
const dir = [path.join(dist, 'search'), path.join(dist, 'client', 'search')].find((d) => existsSync(path.join(d, 'manifest.json')));
if (!dir) {
  console.error(`No search index in ${dist}: run \`npm run build\` first (or pass --dist).`);
  process.exit(2);
}
// The engine reads each index file when a query first needs it, as in the browser, and the result
// pages beside the index (`<slug>/index.html`) for their passages.
const site = path.dirname(dir);
const engine = await SearchEngine.open(
  async (file) => JSON.parse(await readFile(path.join(dir, file), 'utf8')),
  (slug) => readFile(path.join(site, ...slug.split('/'), 'index.html'), 'utf8'),
);
const results = await engine.search(query, { section: values.section, tag: values.tag, lang: values.lang }, Number(values.limit));
for (const r of results) console.log(JSON.stringify({ slug: r.slug, title: r.title, score: r.score }));
