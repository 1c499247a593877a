/**
 * Hostile input to the proposal service, as a table: the class of attack, the payload, the request
 * (through the service's HTTP handlers, tests/support/hostile-wiki.ts), the status and what the
 * answer says. Every class of issue 9 and those covered before, each with variants: the rules
 * must catch the class, not the example. Rows answered 201 are pages the service accepts: the
 * acceptance test builds them and loads them in Chromium, where no injected script may run.
 */
import { wikiFiles } from './backend-fixtures.ts';
import { lines, PNG, type Mode } from './hostile-wiki.ts';

export interface Probe {
  /** The sign-in mode (default dev; `site`: dev with the site's origin configured). */
  mode?: Mode;
  method?: string;
  /** Path and query on the site (default `/api/proposals`), or a whole URL. */
  url?: string;
  /** Over the defaults of a same-origin JSON POST from the wiki's editor. */
  headers?: Record<string, string>;
  /** Fields over a valid edit of content/hr/leave.mdx; a string is sent as it is; null sends none. */
  body?: Record<string, unknown> | string | null;
  /** Requests sent first (a first submit, for a retry). */
  before?: Probe[];
}

/** What else must hold. */
export interface Also {
  /** An accepted page to load in Chromium once the accepted pages are built. */
  page?: string;
  /** A retry answered with the proposal made before: nothing new in the repository. */
  same?: boolean;
  /** What the commit must say besides: its author, its trailers (as git reads them), its message. */
  commit?: { author?: string; trailers?: string; message?: RegExp };
  /** Signing in: where the sealed state sends the browser back to. */
  returnTo?: string;
}

export interface Context {
  base: string;
  older: string;
  session(): string;
}

export type HostileCase = [klass: string, payload: string, probe: (c: Context) => Probe, status: number, says: RegExp, also?: Also];

const LEAVE = wikiFiles['content/hr/leave.mdx']!;
const changed = LEAVE.replace('20 days', '25 days');
/** Marks what an injected script would do; the browser test looks for it. */
const PWN = 'window.__pwned=1';

const edit = (content: string, extra: Record<string, unknown> = {}) => () => ({ body: { content, ...extra } });
const page = (path: string, content: string, extra: Record<string, unknown> = {}) => () => ({ body: { path, content, ...extra } });
const body = (fields: Record<string, unknown>) => () => ({ body: fields });
/** A new page with a title, holding `text`. */
const hostile = (name: string, text: string) => page(`content/hostile/${name}`, `---\ntitle: Hostile ${name}\n---\n\n${text}\n`);
const inMdx = (text: string) => page('content/hostile/refused.mdx', `---\ntitle: Refused\n---\n\n${text}\n`);
const inMd = (text: string) => page('content/hostile/refused.md', `---\ntitle: Refused\n---\n\n${text}\n`);
const withFrontmatter = (yaml: string) => page('content/hostile/fm.md', `---\n${yaml}\n---\n\nText.\n`);
const image = (path: string, base64 = PNG.toString('base64')) => ({ path, base64 });
const images = (...paths: string[]) => body({ images: paths.map((p) => image(p)) });
const headers = (h: Record<string, string>, mode: Mode = 'dev') => () => ({ mode, headers: h });
/** A header's UTF-8 bytes as HTTP carries them (one character per byte). */
const bytes = (text: string) => Buffer.from(text, 'utf8').toString('latin1');
const logoutTo = (returnTo: string, mode: Mode = 'dev') => () => ({ mode, url: `/api/auth/logout?returnTo=${returnTo}` });
const TOO_COMPLEX = /^This page is too complex to check: The check took longer than 3 s\. Nothing was changed\./;
const OUTSIDE = /is outside the wiki's content folder/;
const CONTROL = (field: string) => new RegExp(`${field}: the ${field} may not contain control characters`);
const ADDRESS = (other: string) => new RegExp(`would have the same address (/|/[^ ]+/) as ${other.replace(/[.]/g, '\\.')}; rename the page\\. Nothing was changed\\.$`);
const LOOKALIKE = /only by upper and lower case or by Unicode normalization: on Windows and macOS they are the same (file|folder); use the existing name/;
const THROUGH = /runs through the file .*, which a proposal cannot turn into a folder\. Nothing was changed\.$/;
const CREATED = /^\{"id":"[0-9a-f]{12}","url":/;

export const hostileCases: HostileCase[] = [
  // ---- paths outside what a proposal may change (covered before; more variants) -------------
  ['path traversal', 'content/../.github/workflows/x.yml', body({ path: 'content/../.github/workflows/x.yml' }), 400, /may not contain "\." or "\.\." segments/],
  ['path traversal', 'content/hr/../../src/x.md', body({ path: 'content/hr/../../src/x.md' }), 400, /"\." or "\.\."/],
  ['path traversal', 'content/./hr/x.md', body({ path: 'content/./hr/x.md' }), 400, /"\." or "\.\."/],
  ['path traversal', 'an absolute path', body({ path: '/etc/passwd' }), 400, /must be relative to the repository, not absolute/],
  ['path traversal', 'a drive letter', body({ path: 'C:/wiki/content/x.md' }), 400, /not absolute/],
  ['path traversal', 'backslashes', body({ path: 'content\\hr\\..\\..\\x.md' }), 400, /backslash/],
  ['path traversal', 'an empty segment', body({ path: 'content//x.md' }), 400, /has an empty segment/],
  ['path traversal', 'a hidden folder', body({ path: 'content/.github/x.md' }), 400, /may not touch hidden files or folders/],
  ['path traversal', 'a NUL in the path', body({ path: 'content/hr/x.md\u0000.png' }), 400, /control character/],
  ['path traversal', '%-encoded ..', body({ path: 'content/%2e%2e/x.md' }), 422, /contains "%", which changes what a web address means/],
  ['path traversal', 'outside the content folder', body({ path: 'src/pages/index.md' }), 403, OUTSIDE],
  ['path traversal', 'a folder that only starts like it', body({ path: 'contents/x.md' }), 403, OUTSIDE],
  ['path traversal', 'not a page', body({ path: 'content/hr/x.js' }), 403, /is not a wiki page/],
  ['path traversal', 'a template', body({ path: 'content/_templates/x.mdx' }), 403, /is not a wiki page/],
  ['path traversal', 'an image outside the content folder', images('public/x.png'), 403, OUTSIDE],
  ['path traversal', 'an image climbing out', images('content/../x.png'), 400, /"\." or "\.\."/],

  // ---- unsafe MDX and HTML (covered before; more variants) ----------------------------------
  ['unsafe MDX', 'import', inMdx('import fs from "node:fs"'), 422, /`import`\/`export` is not allowed/],
  ['unsafe MDX', 'export', inMdx('export const a = 1'), 422, /`import`\/`export` is not allowed/],
  ['unsafe MDX', 'an expression', inMdx('{process.env.SECRET}'), 422, /\{expressions\} are not allowed/],
  ['unsafe MDX', 'an expression attribute', inMdx('<Callout title={x}>\n\nHi\n\n</Callout>'), 422, /must be a literal string/],
  ['unsafe MDX', 'a spread attribute', inMdx('<kbd {...{onClick: 1}}>k</kbd>'), 422, /spread attributes/],
  ['unsafe MDX', 'a script element', inMdx(`<script>${PWN}</script>`), 422, /<script> is not allowed/],
  ['unsafe MDX', 'a script in other case', inMdx(`<ScRiPt>${PWN}</ScRiPt>`), 422, /unknown component <ScRiPt>/],
  ['unsafe MDX', 'an iframe', inMdx('<iframe src="https://evil.example" />'), 422, /<iframe> is not allowed/],
  ['unsafe MDX', 'an object', inMdx('<object data="https://evil.example/x.swf" />'), 422, /<object> is not allowed/],
  ['unsafe MDX', 'an event handler in camel case', inMdx(`<img src="x.png" alt="" onError="${PWN}" />`), 422, /event-handler attribute onerror/],
  ['unsafe MDX', 'a javascript: link', inMdx(`<a href="javascript:${PWN}">x</a>`), 422, /javascript: URLs are not allowed/],
  ['unsafe HTML in Markdown', 'a script', inMd(`<script>${PWN}</script>`), 422, /<script> is not allowed/],
  ['unsafe HTML in Markdown', 'svg onload', inMd(`<svg onload=${PWN}>`), 422, /<svg> is not allowed/],
  ['unsafe HTML in Markdown', 'details ontoggle', inMd(`<details open ontoggle=${PWN}>x</details>`), 422, /event-handler attribute ontoggle/],
  ['unsafe HTML in Markdown', 'mutation XSS through math', inMd(`<math><mtext><table><mglyph><style><img src=x onerror=${PWN}>`), 422, /<math> is not allowed/],
  ['unsafe HTML in Markdown', 'a form', inMd('<form action="https://evil.example"><input name=x></form>'), 422, /<form> is not allowed/],
  ['unsafe HTML in Markdown', 'a meta refresh', inMd('<meta http-equiv="refresh" content="0;url=https://evil.example">'), 422, /<meta> is not allowed/],
  ['unsafe HTML in Markdown', 'a base element', inMd('<base href="https://evil.example/">'), 422, /<base> is not allowed/],
  ['unsafe HTML in Markdown', 'a stylesheet', inMd('<link rel="stylesheet" href="https://evil.example/x.css">'), 422, /<link> is not allowed/],
  ['unsafe links', 'javascript: in mixed case', inMd(`[x](JaVaScRiPt:${PWN})`), 422, /javascript: URLs are not allowed/],
  ['unsafe links', 'javascript: behind an entity', inMd(`[x](&#106;avascript:${PWN})`), 422, /javascript: URLs are not allowed/],
  ['unsafe links', 'javascript: in a reference definition', inMd(`[x][r]\n\n[r]: javascript:${PWN}`), 422, /javascript: URLs are not allowed/],
  ['unsafe links', 'javascript: as an autolink', inMd(`<javascript:${PWN}>`), 422, /javascript: URLs are not allowed/],
  ['unsafe links', 'vbscript:', inMd('[x](vbscript:msgbox)'), 422, /vbscript: URLs are not allowed/],
  ['unsafe links', 'a data: page', inMd(`[x](data:text/html,<script>${PWN}</script>)`), 422, /data: URLs are not allowed/],

  // ---- 1. MDX comments (the regex was exponential) ------------------------------------------
  ['MDX comments', '{ /**/ × 30 x } (was 14 s)', inMdx(`{${'/**/ '.repeat(30)}x}`), 422, /\{expressions\} are not allowed/],
  ['MDX comments', '{ /**/ × 200 x }', inMdx(`{${'/**/ '.repeat(200)}x}`), 422, /\{expressions\} are not allowed/],
  ['MDX comments', 'code between comments', inMdx(`{/* a */ ${PWN} /* b */}`), 422, /\{expressions\} are not allowed/],
  ['MDX comments', 'code after a line comment', inMdx(`{// note\n${PWN}}`), 422, /\{expressions\} are not allowed/],

  // ---- 2. pages that take the checker its whole budget ---------------------------------------
  ['too complex to check', '*a × 50,000 in a .md body (was 72 s)', page('content/hostile/stars.md', '*a'.repeat(50_000)), 422, TOO_COMPLEX],
  ['too complex to check', '*a × 50,000 in an .mdx body', page('content/hostile/stars.mdx', '*a'.repeat(50_000)), 422, TOO_COMPLEX],
  ['too complex to check', '> × 100,000 (40,000 was 25 s)', page('content/hostile/quotes.md', '>'.repeat(100_000)), 422, TOO_COMPLEX],
  ['too complex to check', 'a list nested 600 deep (400 was 21 s)', page('content/hostile/nested.md', Array.from({ length: 600 }, (_, i) => `${' '.repeat(i * 2)}- a`).join('\n')), 422, TOO_COMPLEX],
  ['too complex to check', 'a merge over 2,000 shared blank lines (was 44 s)', (c) => ({ body: { path: 'content/hr/blanks.md', baseCommit: c.older, content: `z\n${'\n'.repeat(20_000)}end\n` } }), 422, TOO_COMPLEX],

  // ---- 3. a path through a file, or over a folder --------------------------------------------
  ['a path through a file', 'an image inside a page', images('content/hr/leave.mdx/z.png'), 422, THROUGH],
  ['a path through a file', 'an image deep inside a page', images('content/hr/leave.mdx/a/b/z.png'), 422, THROUGH],
  ['a path through a file', 'an image inside an image', images('content/hr/map.png/z.png'), 422, THROUGH],
  ['a path through a file', 'a page inside a page', page('content/hr/leave.mdx/sub.md', '# Sub\n'), 422, THROUGH],
  ['a path through a file', 'an image inside another of its images', images('content/hr/new.png', 'content/hr/new.png/z.png'), 422, THROUGH],
  ['a path through a file', 'a page in place of a folder', page('content/archive.mdx', '# Archive\n'), 422, /is a folder, which a proposal cannot replace with a file/],
  ['a path through a file', 'the same image twice', images('content/hr/twice.png', 'content/hr/twice.png'), 422, /is given twice in the proposal/],

  // ---- 6. what the build would refuse --------------------------------------------------------
  ['same address as a page', '.mdx beside .md', page('content/finance/expenses.mdx', '# Expenses\n'), 422, ADDRESS('content/finance/expenses.md')],
  ['same address as a page', 'x/index.md beside x.md', page('content/finance/expenses/index.md', '# Expenses\n'), 422, ADDRESS('content/finance/expenses.md')],
  ['same address as a page', 'x/README.md beside x.md', page('content/finance/expenses/README.md', '# Expenses\n'), 422, ADDRESS('content/finance/expenses.md')],
  ['same address as a page', 'README.md beside index.mdx', page('content/README.md', '# Home\n'), 422, ADDRESS('content/index.mdx')],
  ['same address as a page', 'x.md beside x/index.mdx', page('content/hr.md', '# HR\n'), 422, ADDRESS('content/hr/index.mdx')],
  ['same address as a page', 'a space for a dash', page('content/finance/my expenses.md', '# Mine\n'), 422, ADDRESS('content/finance/my-expenses.md')],
  ['same address as a page', 'another case and extension', page('content/finance/Expenses.mdx', '# Expenses\n'), 422, ADDRESS('content/finance/expenses.md')],
  ['names that break addresses', '%-escaped segment', page('content/hr/a%20b.md', '# A\n'), 422, /contains "%"/],
  ['names that break addresses', '# in a name', page('content/hr/a#b.md', '# A\n'), 422, /contains "#"/],
  ['names that break addresses', '? in a folder name', page('content/what?/a.md', '# A\n'), 422, /contains "\?"/],
  ['names that break addresses', '% in an image name', images('content/hr/100%.png'), 422, /The image "content\/hr\/100%\.png": the name "100%\.png" contains "%"/],
  ['names that break addresses', 'a reserved address', page('content/api/x.md', '# X\n'), 422, /"api" is a reserved address of the wiki/],
  ['frontmatter the build would refuse', '__proto__', withFrontmatter('title: T\n__proto__:\n  admin: true'), 422, /"__proto__" is not allowed/],
  ['frontmatter the build would refuse', '__proto__ in a flow map', withFrontmatter('title: T\nowner:\n  - { __proto__: x }'), 422, /"__proto__" is not allowed/],
  ['links the build would refuse', 'a malformed %-escape', inMd('[x](%E0%A4%A)'), 422, /has a malformed %-escape/],
  ['links the build would refuse', 'a malformed %-escape in an anchor', inMd('[x](#%E0)'), 422, /has a malformed %-escape/],
  ['links the build would refuse', 'a malformed %-escape in an image', inMd('![x](%ZZ.png)'), 422, /has a malformed %-escape/],

  // ---- 7. what git fsck or a checkout would refuse -------------------------------------------
  ['names that do not work everywhere', '<', page('content/hr/a<b.md', '# A\n'), 422, /contains "<", which Windows does not allow/],
  ['names that do not work everywhere', ':', page('content/hr/a:b.md', '# A\n'), 422, /contains ":", which Windows does not allow/],
  ['names that do not work everywhere', 'CON', page('content/hr/CON.md', '# A\n'), 422, /"CON" is a device name on Windows/],
  ['names that do not work everywhere', 'nul as a folder', page('content/nul/x.md', '# A\n'), 422, /"nul" is a device name on Windows/],
  ['names that do not work everywhere', 'COM1 as an image', images('content/hr/COM1.png'), 422, /"COM1" is a device name on Windows/],
  ['names that do not work everywhere', 'GIT~1', page('content/GIT~1/x.md', '# A\n'), 422, /looks like a Windows short name/],
  ['names that do not work everywhere', 'PROGRA~1', page('content/hr/PROGRA~1.md', '# A\n'), 422, /looks like a Windows short name/],
  ['names that do not work everywhere', 'a trailing dot', page('content/hr./x.md', '# A\n'), 422, /starts or ends with a space or a dot/],
  ['names that do not work everywhere', 'a trailing space', page('content/hr /x.md', '# A\n'), 422, /starts or ends with a space or a dot/],
  ['names that differ only by case', 'a folder', page('content/HR/new.md', '# New\n'), 422, LOOKALIKE],
  ['names that differ only by case', 'a page', page('content/hr/LEAVE.mdx', '# Leave\n'), 422, LOOKALIKE],
  ['names that differ only by case', 'an image', images('content/hr/Map.png'), 422, LOOKALIKE],
  ['names that differ only by normalization', 'é decomposed beside é composed', page('content/hr/cafe\u0301.md', '# Café\n'), 422, LOOKALIKE],
  ['names that differ only by case', 'two images of one proposal', images('content/hr/pic.png', 'content/hr/PIC.png'), 422, LOOKALIKE],
  ['control characters in the text', 'NUL in the summary', body({ summary: 'Fix\u0000' }), 400, CONTROL('summary')],
  ['control characters in the text', 'a line break in the summary', body({ summary: 'Fix\nCo-authored-by: CEO <ceo@galil.example>' }), 400, CONTROL('summary')],
  ['control characters in the text', 'a C1 control in the summary', body({ summary: 'Fix\u0085it' }), 400, CONTROL('summary')],
  ['control characters in the text', 'NUL in the reason', body({ reason: 'Because\u0000' }), 400, CONTROL('reason')],
  ['control characters in the text', 'a terminal escape in the reason', body({ reason: 'Because \u001b[31mred' }), 400, CONTROL('reason')],
  ['control characters in the text', 'NUL in the page', edit(`${changed}\u0000`), 400, /content: the page may not contain control characters other than tabs and line breaks \(found U\+0000 at line 20\)/],
  ['broken Unicode', 'half a surrogate pair in the summary', body({ summary: 'Fix \ud800' }), 400, /summary: the summary is not valid Unicode text/],
  ['broken Unicode', 'half a surrogate pair in the page', edit(`${changed}\udfff`), 400, /content: the page is not valid Unicode text/],
  ['forged trailers', 'a Co-authored-by summary', body({ summary: 'Co-authored-by: CEO <ceo@galil.example>' }), 201, CREATED, { commit: { trailers: 'Co-authored-by: Dev User <dev@galil.example>' } }],
  ['forged trailers', 'trailers at the end of the reason', body({ content: LEAVE.replace('20 days', '26 days'), reason: 'Agreed.\n\nSigned-off-by: CEO <ceo@galil.example>\nCo-authored-by: CFO <cfo@galil.example>' }), 201, CREATED, { commit: { trailers: 'Co-authored-by: Dev User <dev@galil.example>', message: /\n> Signed-off-by: CEO <ceo@galil\.example>\n> Co-authored-by: CFO/ } }],
  ['forged trailers', 'a reason that is only trailers', body({ content: LEAVE.replace('20 days', '27 days'), reason: 'Reviewed-by: Legal <legal@galil.example>' }), 201, CREATED, { commit: { trailers: 'Co-authored-by: Dev User <dev@galil.example>' } }],
  ['identity from the sign-in proxy', 'a Hebrew name in UTF-8', (c) => ({ mode: 'header', headers: { 'X-Forwarded-Email': 'yossi@galil.example', 'X-Forwarded-User': bytes('יוסי כהן') }, body: { content: LEAVE.replace('20 days', '28 days'), baseCommit: c.base } }), 201, CREATED, { commit: { author: 'יוסי כהן <yossi@galil.example>', trailers: 'Co-authored-by: יוסי כהן <yossi@galil.example>' } }],
  ['identity from the sign-in proxy', 'a name with angle brackets', (c) => ({ mode: 'header', headers: { 'X-Forwarded-Email': 'eve@galil.example', 'X-Forwarded-User': 'Eve <CEO>' }, body: { content: LEAVE.replace('20 days', '29 days'), baseCommit: c.base } }), 201, CREATED, { commit: { author: 'Eve CEO <eve@galil.example>', trailers: 'Co-authored-by: Eve CEO <eve@galil.example>' } }],
  ['identity from the sign-in proxy', 'a name that is not UTF-8', headers({ 'X-Forwarded-Email': 'x@galil.example', 'X-Forwarded-User': '\u00ff\u00fe\u00fd' }, 'header'), 401, /sent X-Forwarded-User in an encoding other than UTF-8/],
  ['identity from the sign-in proxy', 'an email that is not UTF-8', headers({ 'X-Forwarded-Email': 'x\u00c3@galil.example' }, 'header'), 401, /sent X-Forwarded-Email in an encoding other than UTF-8/],

  // ---- 8. the smaller ones -------------------------------------------------------------------
  ['YAML alias expansion', 'billion laughs', withFrontmatter(`a: &a [x,x,x,x,x,x,x,x]\nb: &b [${'*a,'.repeat(8)}*a]\nc: &c [${'*b,'.repeat(8)}*b]\nd: [${'*c,'.repeat(8)}*c]`), 422, /YAML aliases/],
  ['idempotency key reused', 'another page under the same key', () => ({ headers: { 'Idempotency-Key': 'hostile-key-0001' }, body: { content: LEAVE.replace('20 days', '30 days') }, before: [{ headers: { 'Idempotency-Key': 'hostile-key-0001' }, body: { content: LEAVE.replace('20 days', '31 days') } }] }), 422, /^This Idempotency-Key was already used for a different proposal \(\/proposals\/#[0-9a-f]{12}\), so this one was not made\. Nothing was changed/],
  ['idempotency key reused', 'another summary under the same key', () => ({ headers: { 'Idempotency-Key': 'hostile-key-0002' }, body: { summary: 'Other' }, before: [{ headers: { 'Idempotency-Key': 'hostile-key-0002' }, body: { content: LEAVE.replace('20 days', '32 days') } }] }), 422, /already used for a different proposal/],
  ['idempotency key reused', 'the same request again (a retry)', () => ({ headers: { 'Idempotency-Key': 'hostile-key-0003' }, body: { content: LEAVE.replace('20 days', '33 days') }, before: [{ headers: { 'Idempotency-Key': 'hostile-key-0003' }, body: { content: LEAVE.replace('20 days', '33 days') } }] }), 201, CREATED, { same: true }],
  ['unsafe srcset', 'javascript: in one candidate', inMd('<img src="a.png" alt="" srcset="a.png 1x, javascript:alert(1) 2x">'), 422, /javascript: URLs are not allowed \(srcSet/],
  ['images from other sites', 'an https image', inMd('![logo](https://tracker.example/p.gif)'), 422, /images from other sites are not allowed/],
  ['images from other sites', 'a protocol-relative image', inMd('<img src="//tracker.example/p.gif" alt="">'), 422, /images from other sites are not allowed/],
  ['images from other sites', 'an upper-case scheme', inMd('![x](HTTPS://tracker.example/p.gif)'), 422, /images from other sites are not allowed/],
  ['malformed session cookie', 'a bad %-escape', headers({ Cookie: 'pinkas_session=%E0%A4%A' }, 'github'), 401, /^Sign in with GitHub/],
  ['malformed session cookie', 'not base64', headers({ Cookie: 'pinkas_session=!!!.***.@@@' }, 'github'), 401, /^Sign in with GitHub/],
  ['malformed session cookie', 'too many parts', headers({ Cookie: `pinkas_session=${'a.'.repeat(1000)}` }, 'github'), 401, /^Sign in with GitHub/],
  ['malformed session cookie', 'a bad %-escape, asking who is signed in', () => ({ mode: 'github', method: 'GET', url: '/api/session', headers: { Cookie: 'pinkas_session=%' }, body: null }), 200, /"signedIn":false/],
  ['forged session', 'sealed with another secret', () => ({ mode: 'github', headers: { Cookie: 'pinkas_session=AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA.AAAA' } }), 401, /^Sign in with GitHub/],
  ['the list of proposals', 'limit=0', () => ({ method: 'GET', url: '/api/proposals?limit=0', body: null }), 400, /limit must be a whole number from 1 to 100/],
  ['the list of proposals', 'limit=many', () => ({ method: 'GET', url: '/api/proposals?limit=many', body: null }), 400, /limit must be a whole number/],
  ['the list of proposals', 'limit=10000000 (capped)', () => ({ method: 'GET', url: '/api/proposals?limit=10000000', body: null }), 200, /^\{"proposals":\[/],

  // ---- oversize and malformed requests (covered before; more variants) ----------------------
  ['oversize', 'a body over 8 MB', () => ({ body: JSON.stringify({ content: 'x'.repeat(8 * 1024 * 1024 + 1) }) }), 413, /too large/],
  ['oversize', 'a declared length over 8 MB', () => ({ headers: { 'Content-Length': String(8 * 1024 * 1024 + 1) } }), 413, /too large/],
  ['oversize', 'a page over 512 KB', edit(`${LEAVE}${'x'.repeat(512 * 1024)}`), 400, /the page may be at most 512 KB/],
  ['oversize', 'a summary over 200 characters', body({ summary: 'x'.repeat(201) }), 400, /the summary may be at most 200 characters/],
  ['oversize', 'six images', images(...[1, 2, 3, 4, 5, 6].map((n) => `content/hr/i${n}.png`)), 400, /at most 5 images per proposal/],
  ['oversize', 'an image over 5 MB', body({ images: [image('content/hr/big.png', Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)]).toString('base64'))] }), 400, /an image may be at most 5 MB/],
  ['oversize', 'an image just over 5 MB', body({ images: [image('content/hr/big.png', Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024 - PNG.length + 2)]).toString('base64'))] }), 413, /is larger than 5 MB/],
  ['images that are not what they say', 'an SVG named .png', body({ images: [image('content/hr/x.png', Buffer.from('<svg onload="alert(1)"/>').toString('base64'))] }), 415, /is not really a PNG image/],
  ['images that are not what they say', 'an SVG', body({ images: [image('content/hr/x.svg')] }), 415, /only \.png, \.jpg, \.jpeg, \.gif, \.webp images/],
  ['malformed requests', 'not JSON', () => ({ body: '{"path": ' }), 400, /not valid JSON/],
  ['malformed requests', 'an unknown field', body({ admin: true }), 400, /Unrecognized key/],
  ['malformed requests', 'a short commit id', body({ baseCommit: 'main' }), 400, /baseCommit must be the 40-character commit id/],
  ['malformed requests', 'an unknown commit', body({ baseCommit: 'f'.repeat(40) }), 409, /which the repository does not have/],
  ['malformed requests', 'a bad Idempotency-Key', headers({ 'Idempotency-Key': '../../x' }), 400, /Idempotency-Key header must be/],
  ['bad frontmatter', 'a date that is not one', edit(LEAVE.replace('review_by: 2027-01-01', 'review_by: someday')), 422, /review_by: expected a date as YYYY-MM-DD, got "someday"/],
  ['bad frontmatter', 'unclosed flow sequence', withFrontmatter('title: [unclosed'), 422, /invalid YAML in frontmatter/],
  ['bad frontmatter', 'a key twice', withFrontmatter('title: T\ntitle: U'), 422, /Map keys must be unique/],

  // ---- sign-in and sign-out, identity forgery, cross-site requests (5, 9 and before) --------
  ['identity forgery', 'identity headers in dev mode', headers({ 'X-Forwarded-Email': 'ceo@galil.example', 'X-Forwarded-User': 'ceo' }), 400, /not accepted: this service runs in dev sign-in mode/],
  ['identity forgery', 'no identity behind the proxy', headers({}, 'header'), 401, /not signed in: the sign-in proxy sent no X-Forwarded-Email/],
  ['identity forgery', 'not an email', headers({ 'X-Forwarded-Email': 'ceo' }, 'header'), 401, /invalid X-Forwarded-Email/],
  ['cross-site request', 'another origin', headers({ Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' }), 403, /Cross-site requests are refused \(Sec-Fetch-Site: cross-site\)/],
  ['cross-site request', 'another origin, no Sec-Fetch-Site', headers({ Origin: 'https://evil.example', 'Sec-Fetch-Site': '' }), 403, /Requests from https:\/\/evil\.example are refused/],
  ['cross-site request', 'a sibling subdomain', headers({ Origin: 'https://evil.galil.example', 'Sec-Fetch-Site': 'same-site' }), 403, /Sec-Fetch-Site: same-site/],
  ['cross-site request', 'Origin null (a sandboxed frame)', headers({ Origin: 'null', 'Sec-Fetch-Site': '' }), 403, /Requests from null are refused/],
  ['DNS rebinding', 'another name for this server, with the site configured', () => ({ mode: 'site', url: 'http://rebound.evil.example:4321/api/proposals', headers: { Origin: 'http://rebound.evil.example:4321' } }), 403, /Requests from http:\/\/rebound\.evil\.example:4321 are refused/],
  ['DNS rebinding', 'the site itself, with the site configured', (c) => ({ mode: 'site', body: { content: LEAVE.replace('20 days', '34 days'), baseCommit: c.base } }), 201, CREATED],
  ['open redirect', 'signing out with GET (an <img> in a page)', () => ({ method: 'GET', url: '/api/auth/logout?returnTo=/', body: null }), 405, /Sign out with a POST/],
  ['open redirect', 'a tab between slashes, encoded (the finding)', logoutTo('%2F%09%2Fevil.example'), 303, /^Location: \/$/],
  ['open redirect', 'a tab between slashes', logoutTo('/\t/evil.example'), 303, /^Location: \/$/],
  ['open redirect', 'a line break between slashes, encoded', logoutTo('/%0A/evil.example'), 303, /^Location: \/$/],
  ['open redirect', 'two slashes', logoutTo('//evil.example'), 303, /^Location: \/$/],
  ['open redirect', 'two slashes, encoded', logoutTo('/%2F%2Fevil.example'), 303, /^Location: \/$/],
  ['open redirect', 'two slashes, encoded twice', logoutTo('/%252F%252Fevil.example'), 303, /^Location: \/$/],
  ['open redirect', 'a backslash', logoutTo('/\\evil.example'), 303, /^Location: \/$/],
  ['open redirect', 'a backslash, encoded', logoutTo('/%5Cevil.example'), 303, /^Location: \/$/],
  ['open redirect', 'another site', logoutTo('https://evil.example/'), 303, /^Location: \/$/],
  ['open redirect', 'a javascript: address', logoutTo('javascript:alert(1)'), 303, /^Location: \/$/],
  ['open redirect', 'a header injected, encoded', logoutTo('/%0D%0ASet-Cookie:%20x=y'), 303, /^Location: \/$/],
  ['open redirect', 'a path of the site (kept)', logoutTo('%2Fhr%2Fleave%2F%3Ftab%3D1%23top'), 303, /^Location: \/hr\/leave\/\?tab=1#top$/],
  ['open redirect', 'a path that climbs back to the site (normalized)', logoutTo('/hr/../finance/'), 303, /^Location: \/finance\/$/],
  ['open redirect', 'signing in, then back to another site', () => ({ mode: 'github', method: 'GET', url: '/api/auth/login?returnTo=/%5C/evil.example', body: null }), 302, /^Location: https:\/\/github\.example\/login\/oauth\/authorize\?/, { returnTo: '/' }],
  ['cross-site request', 'signing out from another site', () => ({ url: '/api/auth/logout?returnTo=/', headers: { Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' } }), 403, /Cross-site requests are refused/],
  ['cross-site request', 'signing out from another name, with the site configured', () => ({ mode: 'site', url: 'http://rebound.evil.example/api/auth/logout', headers: { Origin: 'http://rebound.evil.example' } }), 403, /Requests from http:\/\/rebound\.evil\.example are refused/],

  // ---- accepted: pages with hostile-looking content that must render inert -------------------
  ['accepted, inert', 'an MDX comment alone', hostile('comment.mdx', `{/* ${PWN} */}\n\nText after a comment.`), 201, CREATED, { page: 'content/hostile/comment.mdx' }],
  ['accepted, inert', 'entity-encoded script', hostile('entities.md', `&lt;script&gt;${PWN}&lt;/script&gt;`), 201, CREATED, { page: 'content/hostile/entities.md' }],
  ['accepted, inert', 'script in code', hostile('code.md', `\`\`\`html\n<script>${PWN}</script>\n\`\`\`\n\nInline: \`<img src=x onerror=${PWN}>\``), 201, CREATED, { page: 'content/hostile/code.md' }],
  ['accepted, inert', 'script in title, description and tags', page('content/hostile/frontmatter.md', `---\ntitle: "</title><script>${PWN}</script>"\ndescription: "\\"><img src=x onerror=${PWN}>"\ntags: ["<script>${PWN}</script>"]\nowner: "<img src=x onerror=${PWN}>"\n---\n\nText.\n`), 201, CREATED, { page: 'content/hostile/frontmatter.md' }],
  ['accepted, inert', 'a link title breaking out', hostile('link-title.md', `[x](/hr/leave/ "\\"><img src=x onerror=${PWN}>")`), 201, CREATED, { page: 'content/hostile/link-title.md' }],
  ['accepted, inert', 'a wikilink to markup', hostile('wikilink.md', `[[<img src=x onerror=${PWN}>]]`), 201, CREATED, { page: 'content/hostile/wikilink.md' }],
  ['accepted, inert', 'a component title breaking out', hostile('callout.mdx', `<Callout title="&quot;><img src=x onerror=${PWN}>">\n\nHi\n\n</Callout>`), 201, CREATED, { page: 'content/hostile/callout.mdx' }],
  ['accepted, inert', 'an attribute breaking out', hostile('kbd.mdx', `<kbd title="x&quot; onmouseover=&quot;${PWN}" dangerouslySetInnerHTML="<img src=x onerror=${PWN}>">k</kbd>`), 201, CREATED, { page: 'content/hostile/kbd.mdx' }],
  ['accepted, inert', 'a tab inside javascript:', hostile('tab-scheme.mdx', `<a href="jav&#x09;ascript:${PWN}">x</a>`), 201, CREATED, { page: 'content/hostile/tab-scheme.mdx' }],
  ['accepted, inert', 'an encoded line break inside javascript:', hostile('encoded-scheme.md', `[x](java%0ascript:${PWN})`), 201, CREATED, { page: 'content/hostile/encoded-scheme.md' }],
  ['accepted, inert', 'an image alt breaking out', hostile('alt.md', `![" onerror="${PWN}](../hr/map.png)`), 201, CREATED, { page: 'content/hostile/alt.md' }],
  ['accepted, inert', 'a style with javascript:', hostile('style.md', `<img src="../hr/map.png" alt="" style="background:url(javascript:${PWN})">`), 201, CREATED, { page: 'content/hostile/style.md' }],
  ['accepted, inert', 'an HTML comment holding a script', hostile('html-comment.md', `<!-- <script>${PWN}</script> -->\nVisible.`), 201, CREATED, { page: 'content/hostile/html-comment.md' }],
  ['accepted, inert', 'headings named like object properties', hostile('proto-headings.md', '# __proto__\n\n## constructor\n\n### hasOwnProperty\n\n[up](#__proto__)'), 201, CREATED, { page: 'content/hostile/proto-headings.md' }],
  ['accepted, inert', 'bidi overrides in text', hostile('bidi.md', 'Text \u202Edesrever\u202C and \u2066isolated\u2069.'), 201, CREATED, { page: 'content/hostile/bidi.md' }],
  ['accepted, inert', 'frontmatter keys named like object properties', withFrontmatter('title: Keys\nconstructor: 1\nprototype: 2\ntoString: 3'), 201, CREATED, { page: 'content/hostile/fm.md' }],
  ['bounded line diff', 'a 3,000 → 10,000-line rewrite (was 35 s)', () => ({ mode: 'patient', body: { path: 'content/hr/long.md', content: `---\ntitle: Long procedure\n---\n\n${lines(10_000, 'Row')}\n` } }), 201, CREATED, { page: 'content/hr/long.md' }],
];

