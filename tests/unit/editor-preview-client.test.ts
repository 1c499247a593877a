/**
 * The editor's side of the preview worker, with a worker that answers when the test says: one
 * render at a time, the latest text next, diagnostics placed where the text has moved since, and
 * the check of the text as it is now — or none when the worker fails.
 */
import type { Diagnostic as CmDiagnostic } from '@codemirror/lint';
import { EditorState } from '@codemirror/state';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PreviewClient, type PreviewWorker } from '../../src/editor/preview-client.ts';
import type { RenderRequest, RenderResponse, WorkerMessage } from '../../src/editor/preview-protocol.ts';
import type { EditorPage } from '../../src/editor/types.ts';
import type { Diagnostic } from '../../src/lib/content/diagnostics.ts';

const page = { repoPath: 'content/hr/leave.md', contentPath: 'hr/leave.md', slug: 'hr/leave', format: 'md', base: '/', defaultLang: 'en' } as EditorPage;

/** A client over a text the test edits, and a worker that keeps what it is sent. */
function setUp(text: string) {
  let state = EditorState.create({ doc: text });
  const sent: WorkerMessage[] = [];
  const worker: PreviewWorker = { postMessage: (m) => void sent.push(m), onmessage: null, onerror: null };
  const results: { result: RenderResponse; placed: CmDiagnostic[] }[] = [];
  const busy: boolean[] = [];
  let broken = false;
  const client = new PreviewClient({
    page,
    source: () => state,
    extraAssets: () => ['hr/images/new.png'],
    onResult: (result, placed) => results.push({ result, placed }),
    onBusy: (b) => busy.push(b),
    onBroken: () => (broken = true),
    worker,
  });
  const renders = () => sent.filter((m): m is RenderRequest => m.type === 'render');
  return {
    client,
    sent,
    renders,
    results,
    busy,
    broken: () => broken,
    /** Types `insert` at `at`, as the source editor reports it. */
    edit(at: number, insert: string) {
      const tr = state.update({ changes: { from: at, insert } });
      state = tr.state;
      client.changed(tr.changes);
    },
    /** The worker answers its latest render with these diagnostics. */
    answer(diagnostics: Diagnostic[] = []) {
      const { id, source } = renders().at(-1)!;
      worker.onmessage!({ data: { id, html: `<p>${source}</p>`, title: 'Leave', lang: 'en', dir: 'ltr', diagnostics, ms: 1 } } as MessageEvent<RenderResponse>);
    },
    fail: () => worker.onerror!({} as ErrorEvent),
  };
}

const problem = (line: number, column: number, message = 'bad'): Diagnostic => ({ file: 'hr/leave.md', line, column, message, severity: 'error' });

afterEach(() => void vi.useRealTimers());

describe('the preview client', () => {
  it('hands the worker the pages, then renders the text with the images added in this proposal', () => {
    const s = setUp('# Leave\n');
    s.client.init({ home: 'Home', pages: [], assets: ['hr/images/form.png'] });
    expect(s.sent[0]).toEqual({ type: 'init', pages: [], home: 'Home', assets: ['hr/images/form.png'], base: '/', defaultLang: 'en' });
    expect(s.renders()).toEqual([{ type: 'render', id: 1, source: '# Leave\n', repoPath: 'content/hr/leave.md', contentPath: 'hr/leave.md', slug: 'hr/leave', format: 'md', extraAssets: ['hr/images/new.png'] }]);
    expect(s.busy).toEqual([true]);
    s.answer();
    expect(s.results[0]!.result.html).toBe('<p># Leave\n</p>');
    expect(s.busy).toEqual([true, false]);
  });

  it('renders one text at a time, and the latest one next, when typing pauses', () => {
    vi.useFakeTimers();
    const s = setUp('a\n');
    s.client.render();
    s.edit(2, 'b');
    s.edit(3, 'c');
    vi.advanceTimersByTime(250);
    expect(s.renders()).toHaveLength(1);
    s.answer();
    expect(s.renders().map((r) => r.source)).toEqual(['a\n', 'a\nbc']);
    expect(s.busy).toEqual([true, true]);
  });

  it('places the diagnostics of a text where its lines are after the edits made meanwhile', () => {
    const s = setUp('one\ntwo <script>\n');
    s.client.render();
    s.edit(0, 'zero\n');
    s.answer([problem(2, 5, '<script> is not allowed')]);
    // Line 2 column 5 of the rendered text ("<script>") is now on line 3, at offset 13.
    expect(s.results[0]!.placed).toEqual([{ from: 13, to: 21, severity: 'error', message: '<script> is not allowed', source: undefined }]);
  });

  it('gives the check of the text as it is now, waiting for the worker when it is behind', async () => {
    vi.useFakeTimers();
    const s = setUp('a\n');
    s.client.render();
    s.answer([problem(1, 1, 'old')]);
    expect(s.client.behind).toBe(false);
    expect(await s.client.checked()).toEqual([problem(1, 1, 'old')]);
    s.edit(0, 'x');
    expect(s.client.behind).toBe(true);
    const checked = s.client.checked();
    s.answer([problem(1, 1, 'new')]);
    expect(await checked).toEqual([problem(1, 1, 'new')]);
    expect(s.client.diagnostics).toEqual([problem(1, 1, 'new')]);
  });

  it('does not count a check of an older text as the check of the text as it is now', async () => {
    const s = setUp('a\n');
    s.client.render();
    s.edit(0, 'x');
    let done = false;
    const checked = s.client.checked().then((d) => ((done = true), d));
    s.answer([problem(1, 1, 'of the old text')]);
    await Promise.resolve();
    expect(done).toBe(false);
    s.answer([]);
    expect(await checked).toEqual([]);
  });

  it('lets the editor go on without previews when the worker fails: the check is the service’s', async () => {
    const s = setUp('a\n');
    s.client.render();
    const checked = s.client.checked();
    s.fail();
    expect(s.broken()).toBe(true);
    expect(await checked).toEqual([]);
    expect(s.client.behind).toBe(false);
    s.client.render();
    expect(s.renders()).toHaveLength(1);
    expect(s.busy.at(-1)).toBe(false);
  });
});
