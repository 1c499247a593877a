import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { isContentFile, isPagePath, toPosix } from '../paths.ts';

export interface SourceFile {
  /** Path under the content folder, with `/` separators: `hr/leave.mdx`. */
  path: string;
  text: string;
}

export interface ContentFolder {
  /** Markdown/MDX pages, sorted by path. */
  pages: SourceFile[];
  /** Templates for new pages (`_templates/*.md(x)`). */
  templates: SourceFile[];
  /** Every other file (images, PDFs), by path under the content folder. */
  assets: Set<string>;
}

const ignoredDirs = new Set(['node_modules', '.git']);

/** Reads a content folder: pages, new-page templates and the other files pages may link to. */
export async function readContentFolder(dir: string): Promise<ContentFolder> {
  const pages: SourceFile[] = [];
  const templates: SourceFile[] = [];
  const assets = new Set<string>();
  const files = await listFiles(dir);
  await Promise.all(
    files.map(async (rel) => {
      if (isPagePath(rel)) pages.push({ path: rel, text: await readFile(path.join(dir, rel), 'utf8') });
      else if (/^_templates\/[^/]+$/.test(rel) && isContentFile(rel)) templates.push({ path: rel, text: await readFile(path.join(dir, rel), 'utf8') });
      else if (!isContentFile(rel) && !rel.split('/').some((p) => p.startsWith('.'))) assets.add(rel);
    }),
  );
  const byPath = (a: SourceFile, b: SourceFile) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  return { pages: pages.sort(byPath), templates: templates.sort(byPath), assets };
}

async function listFiles(root: string): Promise<string[]> {
  const out: string[] = [];
  async function walk(rel: string) {
    const entries = await readdir(path.join(root, rel), { withFileTypes: true });
    for (const entry of entries) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!ignoredDirs.has(entry.name)) await walk(child);
      } else if (entry.isFile()) out.push(toPosix(child));
    }
  }
  await walk('');
  return out;
}
