/** Messages between the editor and its preview worker (preview-worker.ts). */
import type { Diagnostic } from '../lib/content/diagnostics.ts';
import type { PageEntry } from './types.ts';

export interface InitMessage {
  type: 'init';
  pages: PageEntry[];
  home: string;
  assets: string[];
  base: string;
  defaultLang: string;
  /** The site's choice for images from other sites in contributions (default: refused). */
  externalImages?: 'refuse' | 'allow';
}

export interface RenderRequest {
  type: 'render';
  id: number;
  source: string;
  repoPath: string;
  contentPath: string;
  slug: string;
  format: 'md' | 'mdx';
  /** Images added in this proposal (paths under the content folder): the preview shows them. */
  extraAssets: string[];
}

export interface RenderResponse {
  id: number;
  html: string;
  title: string;
  description?: string;
  lang: string;
  dir: 'ltr' | 'rtl';
  /** From `checkPage`: what the build and the proposal service would say about this source. */
  diagnostics: Diagnostic[];
  /** How long the worker took, in milliseconds. */
  ms: number;
}

export type WorkerMessage = InitMessage | RenderRequest;
