/**
 * One page pipeline: the build, `npm run check:content`, the editor's preview and the proposal
 * service read every page alike, and say the same about it — on the sample content and on the
 * 18F handbook (plain `.md` written for Eleventy, with Liquid tags and raw HTML).
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { previewPage } from '../../src/lib/content/check.ts';
import { contributionPolicy } from '../../src/lib/content/policy.ts';
import type { Diagnostic } from '../../src/lib/content/diagnostics.ts';
import { LinkIndex } from '../../src/lib/links/link-index.ts';
import { createPipeline } from '../../src/lib/markdown/render.ts';
import { checkContribution } from '../../src/lib/proposals/page-change.ts';
import { validateRequest } from '../../src/lib/proposals/request.ts';
import { urlScheme } from '../../src/lib/urls.ts';
import { loadWiki, type LoadedWiki } from '../../src/lib/wiki/load.ts';
import { handbook18F } from '../support/corpora.ts';

const run = promisify(execFile);

/** A problem as a line of `npm run check:content`, without the severity (compared separately). */
const key = (d: Pick<Diagnostic, 'file' | 'line' | 'column' | 'message'>) => `${d.file}:${d.line}:${d.column} ${d.message}`;

/** Diagnostics that are about the wiki as a whole (two pages at one address, a missing successor), not one page. */
const wikiLevel = (d: Diagnostic) => (d.field === 'path' && d.message.includes('same address')) || d.field === 'superseded_by';

function byFile(diagnostics: Diagnostic[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const d of diagnostics) out.set(d.file, [...(out.get(d.file) ?? []), `${d.severity} ${key(d)}`]);
  return out;
}

/** What `npm run check:content` prints for the folder, as lines, broken-link notes left out (they are about other pages). */
async function checkContent(contentDir: string): Promise<string[]> {
  const result = await run(process.execPath, ['scripts/check-content.ts'], { env: { ...process.env, PINKAS_CONTENT_DIR: contentDir } }).catch((e: { stdout: string }) => e);
  return result.stdout.split('\n').filter((line) => line && !/ warning: broken link /.test(line));
}

async function sameEverywhere(contentDir: string) {
  const strict = await loadWiki({ contentDir, defaultLang: 'en', policy: contributionPolicy() });
  const lenient = await loadWiki({ contentDir, defaultLang: 'en' });
  const pageLevel = strict.diagnostics.filter((d) => !wikiLevel(d));
  return { strict, lenient, pageLevel };
}

function previews(wiki: LoadedWiki): Diagnostic[] {
  // The editor's worker renders against the whole wiki's link index, as the build does.
  const pipeline = createPipeline({ index: new LinkIndex(wiki.pages.map((p) => ({ slug: p.slug, title: p.title }))), urls: urlScheme('/') });
  return wiki.folder.pages.flatMap((p) => previewPage(pipeline, p.text, `${wiki.displayDir}/${p.path}`, p.path).diagnostics);
}

function serviceErrors(wiki: LoadedWiki): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const p of wiki.folder.pages) {
    const file = `${wiki.displayDir}/${p.path}`;
    // As a proposal to the page in a repository whose content folder is `content/`: the request,
    // then the check its worker runs (page-change.ts).
    try {
      validateRequest({ path: `content/${p.path}`, baseCommit: '0'.repeat(40), content: p.text, summary: 'Check' }, 'content');
    } catch (error) {
      const e = error as { status: number; details?: { line: number; column: number; message: string }[] };
      if (e.status !== 422) throw error;
      out.push(...(e.details ?? []).map((d) => ({ file, line: d.line, column: d.column, message: d.message, severity: 'error' as const })));
      continue;
    }
    const { problems } = checkContribution(p.text, `content/${p.path}`, p.path);
    out.push(...problems.map((d) => ({ file, line: d.line, column: d.column, message: d.message, severity: 'error' as const })));
  }
  return out;
}

describe.each([
  ['the sample content', path.resolve('content')],
  ['the 18F handbook', handbook18F],
])('one pipeline on %s', (_name, dir) => {
  it.skipIf(!dir)('gives the same diagnostics in the build, check:content, the editor preview and the proposal service', async () => {
    const { strict, lenient, pageLevel } = await sameEverywhere(dir!);
    const expected = byFile(pageLevel);

    // npm run check:content: the same lines, warnings marked as such.
    const printed = await checkContent(dir!);
    expect(printed.sort()).toEqual(strict.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity === 'warning' ? 'warning: ' : ''}${d.message}`).sort());

    // The editor's preview: the same problems at the same places, page by page.
    expect(byFile(previews(strict))).toEqual(expected);

    // The proposal service: refuses exactly the pages that have errors, naming the same ones.
    const errors = pageLevel.filter((d) => d.severity === 'error');
    expect(byFile(serviceErrors(strict))).toEqual(byFile(errors));

    // The site build reports the same problems, but goes on: it only warns where raw HTML or an
    // unreadable address was removed, and it allows images from other sites (imported handbooks).
    const relaxed = lenient.diagnostics.filter((d) => !wikiLevel(d));
    expect(relaxed.map(key).sort()).toEqual(pageLevel.filter((d) => d.field !== 'image').map(key).sort());
    for (const d of relaxed) {
      const same = pageLevel.find((s) => key(s) === key(d))!;
      expect(d.severity === same.severity || (['html', 'link', 'image'].includes(d.field ?? '') && d.severity === 'warning')).toBe(true);
    }
    if (dir === handbook18F) expect(pageLevel.length, 'the handbook has raw HTML to report').toBeGreaterThan(0);
  });
});
