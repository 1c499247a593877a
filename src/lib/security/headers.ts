/**
 * The security headers of every response the wiki sends — pages, static files, the search index,
 * the proposal service — computed here, once, for the Node server (src/server/entry.ts) and for
 * static hosts (the `_headers` file and the nginx snippet the build writes).
 *
 * The policy is the same for every path: static hosts cannot be trusted to combine overlapping
 * rules of one header (Cloudflare joins them into two policies, which are both enforced).
 */

/** What the policy depends on, found in the build (src/lib/security/inline-scripts.ts). */
export interface SecurityPolicyInput {
  /** Hashes (`sha256-…`) of Pinkas' own inline scripts in the built pages. */
  scriptHashes: readonly string[];
  /** Origins (`https://imgs.example`) of images that reviewed pages show from other sites. */
  imageOrigins: readonly string[];
}

/** One response header. */
export interface Header {
  name: string;
  value: string;
}

/**
 * The Content-Security-Policy. Scripts: the site's own files and the hashed inline scripts, so an
 * injected `<script>` or event handler does not run. Styles allow inline `<style>`: CodeMirror
 * (style-mod) writes its theme into a `<style>` element whose text grows as the editor mounts, so
 * it cannot be hashed, and a static page cannot carry a per-response nonce; what injected CSS
 * could send elsewhere is bounded by `img-src`, `font-src` and `connect-src`, which stay on the
 * site. Images also allow `data:` (inline icons) and `blob:` (the editor's preview of an image
 * not yet proposed).
 */
export function contentSecurityPolicy(input: SecurityPolicyInput): string {
  const directives: [string, string[]][] = [
    ['default-src', ["'self'"]],
    ['script-src', ["'self'", ...unique(input.scriptHashes).map((hash) => `'${hash}'`)]],
    ['style-src', ["'self'", "'unsafe-inline'"]],
    ['img-src', ["'self'", 'data:', 'blob:', ...unique(input.imageOrigins)]],
    ['font-src', ["'self'"]],
    // The search index, the editor's page list and the proposal service are all on the site.
    ['connect-src', ["'self'"]],
    // The search worker and the editor's preview worker are built files of the site.
    ['worker-src', ["'self'"]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'self'"]],
    ['form-action', ["'self'"]],
    ['frame-ancestors', ["'none'"]],
  ];
  return directives.map(([name, sources]) => `${name} ${sources.join(' ')}`).join('; ');
}

/** Every header the wiki adds to every response, in a stable order. */
export function securityHeaders(input: SecurityPolicyInput): Header[] {
  return [
    { name: 'Content-Security-Policy', value: contentSecurityPolicy(input) },
    { name: 'X-Content-Type-Options', value: 'nosniff' },
    // The wiki's addresses are nobody else's business; same-origin requests (the editor's calls
    // to the proposal service) keep their Referer and Origin.
    { name: 'Referrer-Policy', value: 'same-origin' },
    // For browsers that predate `frame-ancestors`.
    { name: 'X-Frame-Options', value: 'DENY' },
  ];
}

/**
 * The `_headers` file of Netlify and Cloudflare Pages: one rule for every path, below `base`
 * (the path the site is served under, e.g. `/handbook/`).
 */
export function headersFile(headers: readonly Header[], base = '/'): string {
  const lines = ['# Written by the build (Pinkas): the headers of every page and file.', `${base}*`];
  for (const { name, value } of headers) lines.push(`  ${name}: ${value}`);
  return `${lines.join('\n')}\n`;
}

/**
 * The same headers as nginx directives, for `include` in the `server` (or `location`) block that
 * serves `dist/client/`. `always` adds them to error responses (the 404 page) too.
 */
export function nginxHeaders(headers: readonly Header[]): string {
  const lines = ['# Written by the build (Pinkas): include in the server block that serves dist/client/.'];
  for (const { name, value } of headers) lines.push(`add_header ${name} "${value.replace(/["\\]/g, '\\$&')}" always;`);
  return `${lines.join('\n')}\n`;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}
