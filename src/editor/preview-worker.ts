/// <reference lib="webworker" />
/**
 * The editor's preview and validation, off the main thread so typing stays smooth on long pages:
 * the site's own pipeline (`createRenderer`, with a link index of every page, so wikilinks and red
 * links look exactly as on the site) and `checkPage` (frontmatter schema and safe-content policy,
 * as the build and the proposal service check them).
 */
import './worker-dom-shim.ts';
import { checkPage } from '../lib/content/check.ts';
import { parseFrontmatter } from '../lib/content/frontmatter.ts';
import { liquidToMarkdown } from '../lib/content/liquid-compat.ts';
import { validateFrontmatter } from '../lib/content/schema.ts';
import { pageTitle } from '../lib/content/title.ts';
import { dirOf } from '../lib/i18n/strings.ts';
import { LinkIndex } from '../lib/links/link-index.ts';
import { createRenderer } from '../lib/markdown/render.ts';
import { mediaTypes } from '../lib/paths.ts';
import { urlScheme } from '../lib/urls.ts';
import type { InitMessage, RenderRequest, RenderResponse, WorkerMessage } from './preview-protocol.ts';
import './worker-dom-shim-end.ts';

interface Context {
  assets: Set<string>;
  defaultLang: string;
  render: ReturnType<typeof createRenderer>;
  extra: Set<string>;
}

let resolveContext: (context: Context) => void;
const context = new Promise<Context>((resolve) => (resolveContext = resolve));

function init(message: InitMessage) {
  const targets = message.pages.map((p) => ({ slug: p.slug, title: p.title, aliases: p.aliases }));
  if (!targets.some((t) => t.slug === '')) targets.push({ slug: '', title: message.home, aliases: undefined });
  const assets = new Set(message.assets);
  const extra = new Set<string>();
  const extension = (path: string) => path.slice(path.lastIndexOf('.')).toLowerCase();
  const render = createRenderer({
    index: new LinkIndex(targets),
    urls: urlScheme(message.base),
    assetExists: (path) => (assets.has(path) || extra.has(path)) && extension(path) in mediaTypes,
  });
  resolveContext({ assets, defaultLang: message.defaultLang, render, extra });
}

async function renderPage(request: RenderRequest): Promise<RenderResponse> {
  const ctx = await context;
  const started = performance.now();
  ctx.extra.clear();
  for (const path of request.extraAssets) ctx.extra.add(path);
  const fm = parseFrontmatter(request.source, request.repoPath);
  const data = validateFrontmatter(fm.data, request.repoPath, fm.lines).data ?? {};
  const lang = data.lang ?? ctx.defaultLang;
  // As the build reads it (src/lib/wiki.ts): Liquid tags of imported handbooks translated in .md.
  const body = request.format === 'md' ? liquidToMarkdown(fm.body) : fm.body;
  const rendered = ctx.render({
    source: body,
    file: request.repoPath,
    contentPath: request.contentPath,
    slug: request.slug,
    format: request.format,
    lang,
    htmlPolicy: request.format === 'md' ? 'warning' : 'error',
  });
  const diagnostics = checkPage(request.source, request.repoPath, request.contentPath, ctx.defaultLang);
  return {
    id: request.id,
    html: rendered.html,
    title: pageTitle(data.title, body, request.format, request.contentPath),
    ...(data.description ? { description: data.description } : {}),
    lang,
    dir: dirOf(lang),
    diagnostics,
    ms: Math.round(performance.now() - started),
  };
}

self.onmessage = async (event: MessageEvent<WorkerMessage>) => {
  const message = event.data;
  if (message.type === 'init') init(message);
  else if (message.type === 'render') {
    try {
      self.postMessage(await renderPage(message));
    } catch (error) {
      self.postMessage({
        id: message.id, html: '', title: '', lang: 'en', dir: 'ltr', ms: 0,
        diagnostics: [{ file: message.repoPath, line: 1, column: 1, severity: 'warning', message: `The preview failed: ${(error as Error).message}` }],
      } satisfies RenderResponse);
    }
  }
};
