/// <reference lib="webworker" />
/**
 * The editor's preview and validation, off the main thread so typing stays smooth on long pages:
 * `previewPage` prepares the page as the build does and renders it through the site's own pipeline
 * (with a link index of every page, so wikilinks and red links look exactly as on the site); its
 * diagnostics are what the build and the proposal service say about the same source.
 */
import './worker-dom-shim.ts';
import { previewPage } from '../lib/content/check.ts';
import { LinkIndex } from '../lib/links/link-index.ts';
import { createPipeline, type Pipeline } from '../lib/markdown/render.ts';
import { mediaTypes } from '../lib/paths.ts';
import { urlScheme } from '../lib/urls.ts';
import type { InitMessage, RenderRequest, RenderResponse, WorkerMessage } from './preview-protocol.ts';
import './worker-dom-shim-end.ts';

interface Context {
  assets: Set<string>;
  defaultLang: string;
  externalImages: 'refuse' | 'allow';
  pipeline: Pipeline;
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
  const pipeline = createPipeline({
    index: new LinkIndex(targets),
    urls: urlScheme(message.base),
    assetExists: (path) => (assets.has(path) || extra.has(path)) && extension(path) in mediaTypes,
  });
  resolveContext({ assets, defaultLang: message.defaultLang, externalImages: message.externalImages ?? 'refuse', pipeline, extra });
}

async function renderPage(request: RenderRequest): Promise<RenderResponse> {
  const ctx = await context;
  const started = performance.now();
  ctx.extra.clear();
  for (const path of request.extraAssets) ctx.extra.add(path);
  const preview = previewPage(ctx.pipeline, request.source, request.repoPath, request.contentPath, { defaultLang: ctx.defaultLang, externalImages: ctx.externalImages });
  return {
    id: request.id,
    ...preview,
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
