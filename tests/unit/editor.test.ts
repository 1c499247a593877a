/**
 * The editor's logic that needs no browser: diffs, drafts, the service's answers, image names
 * and limits, the page picker's search, and the toolbar's text edits.
 */
import { EditorState, type TransactionSpec } from '@codemirror/state';
import type { EditorView } from '@codemirror/view';
import { describe, expect, it } from 'vitest';
import { fingerprint, newIdempotencyKey, outcomeOf, signInUrl, type ProposalBody } from '../../src/editor/api.ts';
import { calloutBlock, insertBlock, insertImage, insertLink, insertWikilink, tableBlock, toggleLines, toggleWrap } from '../../src/editor/commands.ts';
import { diffStats, lineDiff } from '../../src/editor/diff.ts';
import { DraftStore, draftKey, type Draft } from '../../src/editor/drafts.ts';
import { imageFolder, imageName, imageProblem } from '../../src/editor/images.ts';
import { matchPages, wikilinkTarget } from '../../src/editor/page-picker.ts';
import { embedJson, type PageEntry } from '../../src/editor/types.ts';
import { proposalLimits as limits } from '../../src/lib/proposals/wire.ts';

describe('the review diff', () => {
  it('shows hunks with line numbers and the changed words of a changed line', () => {
    const before = 'a\nb\nThe old text here\nc\nd\ne\nf\ng\nh\n';
    const after = 'a\nb\nThe new text here\nc\nd\ne\nf\ng\nh\nadded\n';
    const hunks = lineDiff(before, after, 1);
    expect(hunks.map((h) => h.header)).toEqual(['@@ -2,3 +2,3 @@', '@@ -9,1 +9,2 @@']);
    expect(hunks[0]!.rows.map((r) => [r.type, r.old, r.new])).toEqual([['context', 2, 2], ['remove', 3, undefined], ['add', undefined, 3], ['context', 4, 4]]);
    expect(hunks[0]!.rows[2]!.parts).toEqual([{ text: 'The ', changed: false }, { text: 'new', changed: true }, { text: ' text here', changed: false }]);
    expect(hunks[1]!.rows.at(-1)).toEqual({ type: 'add', old: undefined, new: 10, parts: [{ text: 'added', changed: false }] });
  });

  it('counts lines added and removed, and ignores Windows line ends', () => {
    expect(diffStats('a\nb\n', 'a\nb\n\nc')).toEqual({ added: 2, removed: 0 });
    expect(diffStats('a\nb\nc\n', 'a\nc\n')).toEqual({ added: 0, removed: 1 });
    expect(diffStats('a\r\nb\r\n', 'a\nb\n')).toEqual({ added: 0, removed: 0 });
    expect(lineDiff('same', 'same')).toEqual([]);
  });
});

function memoryStorage(quota = Infinity) {
  const map = new Map<string, string>();
  return {
    map,
    get length() {
      return map.size;
    },
    key: (i: number) => [...map.keys()][i] ?? null,
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => {
      const size = [...map.entries()].filter(([key]) => key !== k).reduce((n, [key, value]) => n + key.length + value.length, 0);
      if (size + k.length + v.length > quota) throw new DOMException('full', 'QuotaExceededError');
      map.set(k, v);
    },
    removeItem: (k: string) => void map.delete(k),
  };
}

const draft = (repoPath: string, baseCommit: string, savedAt: number, content = 'x'): Draft => ({
  v: 1, repoPath, baseCommit, isNew: false, page: { contentPath: repoPath.slice(8), slug: 's', format: 'mdx', lang: 'en', title: 'T' },
  original: '', content, summary: '', reason: '', images: [], savedAt,
});

describe('drafts', () => {
  it('keeps one draft per page and base commit, newest first', () => {
    const storage = memoryStorage();
    const store = new DraftStore(storage);
    expect(store.save(draft('content/a.mdx', 'c1', 1))).toBe(true);
    expect(store.save(draft('content/a.mdx', 'c2', 3))).toBe(true);
    expect(store.save(draft('content/b.mdx', 'c1', 2))).toBe(true);
    expect(store.save(draft('content/a.mdx', 'c1', 4, 'again'))).toBe(true);
    expect(store.find('content/a.mdx').map((d) => [d.baseCommit, d.content])).toEqual([['c1', 'again'], ['c2', 'x']]);
    expect(storage.map.has(draftKey('content/a.mdx', 'c1'))).toBe(true);
    store.remove('content/a.mdx', 'c2');
    expect(store.find('content/a.mdx')).toHaveLength(1);
    store.remove('content/a.mdx');
    expect(store.all().map((d) => d.repoPath)).toEqual(['content/b.mdx']);
  });

  it('makes room by dropping the oldest draft of another page when the storage is full', () => {
    const storage = memoryStorage(1200);
    const store = new DraftStore(storage);
    store.save(draft('content/old.mdx', 'c', 1, 'o'.repeat(300)));
    store.save(draft('content/mid.mdx', 'c', 2, 'm'.repeat(300)));
    expect(store.save(draft('content/new.mdx', 'c', 3, 'n'.repeat(300)))).toBe(true);
    expect(store.all().map((d) => d.repoPath)).toEqual(['content/new.mdx', 'content/mid.mdx']);
    expect(store.save(draft('content/huge.mdx', 'c', 4, 'h'.repeat(5000)))).toBe(false);
  });

  it('ignores what is not a draft, drops drafts untouched for three months, and works without storage', () => {
    const storage = memoryStorage();
    storage.setItem('pinkas-draft:broken', '{');
    storage.setItem('pinkas-theme', 'dark');
    const store = new DraftStore(storage);
    store.save(draft('content/a.mdx', 'c', Date.now() - 100 * 86_400_000));
    store.save(draft('content/b.mdx', 'c', Date.now()));
    store.prune();
    expect(store.all().map((d) => d.repoPath)).toEqual(['content/b.mdx']);
    expect(storage.getItem('pinkas-theme')).toBe('dark');
    const none = new DraftStore(undefined);
    expect(none.save(draft('content/a.mdx', 'c', 1))).toBe(false);
    expect(none.all()).toEqual([]);
  });
});

describe('the proposal service’s answers', () => {
  it('turns each status into what the editor shows', () => {
    const proposal = { id: 'abc', url: '/proposals/#abc', branch: 'pinkas/x-abc', reviewers: [], mergedWithNewerChanges: false };
    expect(outcomeOf(201, proposal)).toEqual({ kind: 'created', proposal });
    expect(outcomeOf(422, { error: 'The page has 1 problem', details: [{ line: 7, column: 3, field: 'html', message: '<script> is not allowed' }] })).toEqual({
      kind: 'invalid', message: 'The page has 1 problem', problems: [{ line: 7, column: 3, message: '<script> is not allowed' }],
    });
    expect(outcomeOf(422, { error: 'The proposal changes nothing', details: { field: 'content' } })).toEqual({ kind: 'invalid', message: 'The proposal changes nothing', problems: [] });
    expect(outcomeOf(409, { error: 'Changed', details: { conflict: true, head: 'h', theirs: 'T', yours: 'Y', conflicts: [] } })).toEqual({ kind: 'conflict', message: 'Changed', head: 'h', theirs: 'T', yours: 'Y' });
    expect(outcomeOf(409, { error: 'Unknown base', details: { baseCommit: 'x' } })).toEqual({ kind: 'error', status: 409, message: 'Unknown base' });
    expect(outcomeOf(401, { error: 'Sign in', details: { login: '/api/auth/login' } })).toEqual({ kind: 'signin', message: 'Sign in', loginUrl: '/api/auth/login' });
    expect(outcomeOf(429, { error: 'Too many', details: { retryAfter: 30 } })).toEqual({ kind: 'error', status: 429, message: 'Too many', retryAfter: 30 });
    expect(outcomeOf(502, undefined)).toEqual({ kind: 'error', status: 502, message: 'HTTP 502' });
  });

  it('makes idempotency keys the service accepts, and tells a retry from a changed proposal', () => {
    const key = newIdempotencyKey();
    expect(key).toMatch(/^[A-Za-z0-9._:-]{8,128}$/);
    expect(newIdempotencyKey()).not.toBe(key);
    const body: ProposalBody = { path: 'content/a.mdx', baseCommit: 'c'.repeat(40), content: 'Hello', summary: 'Fix' };
    expect(fingerprint({ ...body })).toBe(fingerprint(body));
    expect(fingerprint({ ...body, content: 'Hello!' })).not.toBe(fingerprint(body));
    expect(fingerprint({ ...body, baseCommit: 'd'.repeat(40) })).not.toBe(fingerprint(body));
    expect(fingerprint({ ...body, images: [{ path: 'content/images/a.png', base64: 'AAAA' }] })).not.toBe(fingerprint(body));
    expect(signInUrl('/api/auth/login', '/edit/hr/leave/')).toBe('/api/auth/login?returnTo=%2Fedit%2Fhr%2Fleave%2F');
  });
});

describe('images', () => {
  it('names images safely, never over an existing file', () => {
    const taken = new Set(['form.png', 'form-2.png']);
    expect(imageName('Form.PNG', 'image/png', (n) => taken.has(n))).toBe('form-3.png');
    expect(imageName('image.png', 'image/png', () => false)).toBe('image.png');
    expect(imageName('', 'image/jpeg', () => false)).toBe('image.jpg');
    expect(imageName('תרשים פינוי.webp', 'image/webp', () => false)).toBe('image.webp');
    expect(imageName('../../etc/passwd.gif', 'image/gif', () => false)).toBe('etc-passwd.gif');
    expect(imageFolder('hr/leave.mdx')).toBe('hr/images');
    expect(imageFolder('index.md')).toBe('images');
  });

  it('refuses what the service would refuse', () => {
    const blob = (size: number) => ({ blob: { size } as Blob });
    expect(imageProblem({ name: 'a.svg', type: 'image/svg+xml', size: 10 }, [], limits, 100)?.key).toBe('editor.imageType');
    expect(imageProblem({ name: 'a.png', type: 'image/png', size: 6 * 1024 * 1024 }, [], limits, 100)?.key).toBe('editor.imageTooLarge');
    expect(imageProblem({ name: 'a.png', type: 'image/png', size: 10 }, [1, 2, 3, 4, 5].map(() => blob(10)), limits, 100)?.key).toBe('editor.imageTooMany');
    expect(imageProblem({ name: 'a.png', type: 'image/png', size: 4 * 1024 * 1024 }, [blob(4 * 1024 * 1024)], limits, 100)?.key).toBe('editor.imageTotal');
    expect(imageProblem({ name: 'a.jpeg', type: 'image/jpeg', size: 4 * 1024 * 1024 }, [], limits, 100)).toBeUndefined();
  });
});

describe('the page picker', () => {
  const pages: PageEntry[] = [
    { slug: 'hr/annual-leave', title: 'Annual leave', lang: 'en', path: 'hr/annual-leave.mdx' },
    { slug: 'hr/annual-leave-israel', title: 'חופשה שנתית', lang: 'he', path: 'hr/annual-leave-israel.mdx', aliases: ['/leave-il/'] },
    { slug: 'finance/overview', title: 'Overview', lang: 'en', path: 'finance/overview.mdx' },
    { slug: 'hr/overview', title: 'Overview', lang: 'en', path: 'hr/overview.mdx' },
    { slug: 'hr/sick-leave', title: 'Sick leave', lang: 'en', path: 'hr/sick-leave.mdx' },
  ];
  it('finds pages by words of the title or the address, best first', () => {
    expect(matchPages(pages, 'leave').map((p) => p.slug)).toEqual(['hr/sick-leave', 'hr/annual-leave', 'hr/annual-leave-israel']);
    expect(matchPages(pages, 'annual leave isr').map((p) => p.slug)).toEqual(['hr/annual-leave-israel']);
    expect(matchPages(pages, 'חופשה').map((p) => p.slug)).toEqual(['hr/annual-leave-israel']);
    expect(matchPages(pages, 'leave-il').map((p) => p.slug)).toEqual(['hr/annual-leave-israel']);
    expect(matchPages(pages, '')).toHaveLength(5);
  });

  it('links by title when the title leads there, else by path', () => {
    expect(wikilinkTarget(pages[0]!, pages, 'it/vpn')).toBe('Annual leave');
    expect(wikilinkTarget(pages[3]!, pages, 'hr/leave')).toBe('Overview');
    expect(wikilinkTarget(pages[3]!, pages, 'it/vpn')).toBe('hr/overview');
    expect(wikilinkTarget({ slug: 'a/b', title: 'Either/or', lang: 'en' }, pages, 'x')).toBe('a/b');
  });
});

/** Just enough of an EditorView for the commands: a state and a dispatch. */
function fakeView(doc: string, anchor: number, head = anchor) {
  const view = {
    state: EditorState.create({ doc, selection: { anchor, head } }),
    dispatch(...specs: TransactionSpec[]) {
      view.state = view.state.update(...specs).state;
    },
    focus() {},
  };
  return view as unknown as EditorView & { state: EditorState };
}
const selected = (v: EditorView) => v.state.sliceDoc(v.state.selection.main.from, v.state.selection.main.to);

describe('the toolbar’s edits', () => {
  it('wraps and unwraps bold and italic, with a placeholder when nothing is selected', () => {
    const v = fakeView('Call the desk now', 5, 13);
    toggleWrap(v, '**', 'bold text');
    expect(v.state.doc.toString()).toBe('Call **the desk** now');
    expect(selected(v)).toBe('the desk');
    toggleWrap(v, '**', 'bold text');
    expect(v.state.doc.toString()).toBe('Call the desk now');
    const empty = fakeView('A ', 2);
    toggleWrap(empty, '_', 'italic text');
    expect(empty.state.doc.toString()).toBe('A _italic text_');
    expect(selected(empty)).toBe('italic text');
    const spaced = fakeView('one two three', 3, 8);
    toggleWrap(spaced, '**', 'b');
    expect(spaced.state.doc.toString()).toBe('one **two** three');
  });

  it('turns lines into headings and lists, and back', () => {
    const v = fakeView('first\nsecond\n- third', 0, 19);
    toggleLines(v, 'number', 'Item');
    expect(v.state.doc.toString()).toBe('1. first\n2. second\n3. third');
    toggleLines(v, 'number', 'Item');
    expect(v.state.doc.toString()).toBe('first\nsecond\nthird');
    const h = fakeView('### Title', 2);
    toggleLines(h, 'h2', 'Heading');
    expect(h.state.doc.toString()).toBe('## Title');
    const blank = fakeView('a\n\nb', 2);
    toggleLines(blank, 'bullet', 'Item');
    expect(blank.state.doc.toString()).toBe('a\n- Item\nb');
    expect(selected(blank)).toBe('Item');
  });

  it('inserts links, wikilinks, tables, callouts and images with blank lines around blocks', () => {
    const link = fakeView('see the form', 4, 12);
    insertLink(link, 'link text');
    expect(link.state.doc.toString()).toBe('see [the form](https://)');
    expect(selected(link)).toBe('https://');
    const url = fakeView('https://example.com', 0, 19);
    insertLink(url, 'link text');
    expect(url.state.doc.toString()).toBe('[link text](https://example.com)');
    const wiki = fakeView('read the rules', 5, 14);
    insertWikilink(wiki, 'Travel expenses');
    expect(wiki.state.doc.toString()).toBe('read [[Travel expenses|the rules]]');
    const table = fakeView('Intro\nNext', 2);
    const t = tableBlock((n) => `Column ${n}`);
    insertBlock(table, t.text, t.select);
    expect(table.state.doc.toString()).toBe('Intro\n\n| Column 1 | Column 2 |\n| --- | --- |\n|  |  |\n\nNext');
    expect(selected(table)).toBe('Column 1');
    const callout = fakeView('Intro\n\n', 7);
    const c = calloutBlock('md', 'Text of the note.');
    insertBlock(callout, c.text, c.select);
    expect(callout.state.doc.toString()).toBe('Intro\n\n> [!NOTE]\n> Text of the note.');
    expect(selected(callout)).toBe('Text of the note.');
    const mdx = fakeView('## Steps\n', 9);
    insertImage(mdx, 'mdx', './images/a.png', 'Describe the image');
    expect(mdx.state.doc.toString()).toBe('## Steps\n\n<Figure src="./images/a.png" alt="Describe the image" />');
    expect(selected(mdx)).toBe('Describe the image');
    const md = fakeView('Map: ', 5);
    insertImage(md, 'md', './images/map.png', 'Map');
    expect(md.state.doc.toString()).toBe('Map: ![Map](./images/map.png)');
  });
});

it('embeds JSON that cannot end its script element', () => {
  const json = embedJson({ source: '</script><script>alert(1)</script>\u2028' });
  expect(json).not.toContain('<');
  expect(JSON.parse(json)).toEqual({ source: '</script><script>alert(1)</script>\u2028' });
});
