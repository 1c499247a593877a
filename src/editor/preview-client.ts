/**
 * The editor's side of the preview worker (preview-worker.ts, messages in preview-protocol.ts):
 * one render at a time, the latest text rendered next when typing pauses, and the worker's
 * diagnostics placed in the text as it is by the time they arrive. A browser that cannot run the
 * worker still edits and submits: the service checks the page.
 */
import type { Diagnostic as CmDiagnostic } from '@codemirror/lint';
import { ChangeSet, type EditorState, type Text } from '@codemirror/state';
import type { Diagnostic } from '../lib/content/diagnostics.ts';
import type { InitMessage, RenderRequest, RenderResponse, WorkerMessage } from './preview-protocol.ts';
import type { EditorPage, PagesFile } from './types.ts';

/** How long typing must pause before the preview and the check run again. */
const PREVIEW_DELAY = 250;

/** The part of a Worker the client uses (a test hands in its own). */
export interface PreviewWorker {
  postMessage(message: WorkerMessage): void;
  onmessage: ((event: MessageEvent<RenderResponse>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

export interface PreviewClientOptions {
  page: EditorPage;
  /** The source editor's state as it is now. */
  source: () => EditorState;
  /** Images added in this proposal (paths under the content folder): the preview shows them. */
  extraAssets: () => string[];
  /** A render is in: the result, and its diagnostics placed in the text as it is now. */
  onResult: (result: RenderResponse, placed: CmDiagnostic[]) => void;
  onBusy: (busy: boolean) => void;
  /** The worker failed: no more previews. */
  onBroken: () => void;
  worker?: PreviewWorker;
}

/** The request the worker is working on, with the edits made since (to place its diagnostics). */
interface InFlight {
  id: number;
  version: number;
  doc: Text;
  changes: ChangeSet;
}

export class PreviewClient {
  readonly #options: PreviewClientOptions;
  readonly #worker: PreviewWorker;
  #version = 0;
  #nextId = 1;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #inFlight: InFlight | undefined;
  #queued = false;
  #diagnostics: Diagnostic[] | undefined;
  #checkedVersion = -1;
  #waiters: ((diagnostics: Diagnostic[]) => void)[] = [];
  #broken = false;

  constructor(options: PreviewClientOptions) {
    this.#options = options;
    this.#worker = options.worker ?? (new Worker(new URL('./preview-worker.ts', import.meta.url), { type: 'module' }) as PreviewWorker);
    this.#worker.onmessage = (event) => this.#received(event.data);
    this.#worker.onerror = () => this.#fail();
  }

  /** Hands the worker the wiki's pages (for links) and renders the page for the first time. */
  init(file: PagesFile | undefined): void {
    const { page } = this.#options;
    this.#worker.postMessage({ type: 'init', pages: file?.pages ?? [], home: file?.home ?? '', assets: file?.assets ?? [], base: page.base, defaultLang: page.defaultLang } satisfies InitMessage);
    this.render();
  }

  /** The text changed: render again when typing pauses. */
  changed(changes: ChangeSet): void {
    this.#version++;
    if (this.#inFlight) this.#inFlight.changes = this.#inFlight.changes.compose(changes);
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.render(), PREVIEW_DELAY);
  }

  /** Renders the text as it is now (after the render under way, if there is one). */
  render(): void {
    clearTimeout(this.#timer);
    if (this.#broken) return;
    if (this.#inFlight) {
      this.#queued = true;
      return;
    }
    const { page } = this.#options;
    const { doc } = this.#options.source();
    const id = this.#nextId++;
    this.#inFlight = { id, version: this.#version, doc, changes: ChangeSet.empty(doc.length) };
    this.#options.onBusy(true);
    this.#worker.postMessage({
      type: 'render',
      id,
      source: doc.toString(),
      repoPath: page.repoPath,
      contentPath: page.contentPath,
      slug: page.slug,
      format: page.format,
      extraAssets: this.#options.extraAssets(),
    } satisfies RenderRequest);
  }

  /** True while the check of the text as it is now is still to come. */
  get behind(): boolean {
    return !this.#broken && !(this.#diagnostics && this.#checkedVersion === this.#version);
  }

  /** The last diagnostics the worker found (of an earlier text, maybe), or undefined. */
  get diagnostics(): Diagnostic[] | undefined {
    return this.#diagnostics;
  }

  /** The check of the text as it is now (waits for the worker if it is behind; none if it is broken). */
  checked(): Promise<Diagnostic[]> {
    if (this.#broken) return Promise.resolve([]);
    if (!this.behind) return Promise.resolve(this.#diagnostics!);
    this.render();
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  #received(result: RenderResponse): void {
    const request = this.#inFlight;
    this.#inFlight = undefined;
    if (request && result.id === request.id) this.#apply(result, request);
    if (this.#queued) {
      this.#queued = false;
      this.render();
    } else this.#options.onBusy(false);
  }

  #apply(result: RenderResponse, request: InFlight): void {
    // Each diagnostic from its line and column in the text that was rendered to where that is now.
    const placed = result.diagnostics.map((d): CmDiagnostic => {
      const line = request.doc.line(Math.min(Math.max(1, d.line), request.doc.lines));
      const from = Math.min(line.to, line.from + Math.max(0, d.column - 1));
      const to = line.to > from ? line.to : from;
      const start = request.changes.mapPos(from, 1);
      return { from: start, to: Math.max(start, request.changes.mapPos(to, -1)), severity: d.severity, message: d.message, source: d.field ?? undefined };
    });
    if (request.version === this.#version) {
      this.#diagnostics = result.diagnostics;
      this.#checkedVersion = this.#version;
      this.#resolveWaiters(result.diagnostics);
    }
    this.#options.onResult(result, placed);
  }

  #fail(): void {
    this.#broken = true;
    this.#inFlight = undefined;
    this.#options.onBusy(false);
    this.#options.onBroken();
    this.#resolveWaiters([]);
  }

  #resolveWaiters(diagnostics: Diagnostic[]): void {
    const waiting = this.#waiters;
    this.#waiters = [];
    for (const resolve of waiting) resolve(diagnostics);
  }
}
