/**
 * The build's parser (satteri, native) and the editor's (remark-parse) read every page the same
 * way: the very same mdast, positions included, for every page of the sample wiki, the 18F
 * handbook, the generated benchmark corpus, the fixtures, the hostile payloads and a list of edge
 * cases — through the pipeline's own processors, after the page is prepared as the build prepares
 * it. Where they might differ (MDX expressions, `import`/`export`, one-line JSX with text, syntax
 * errors), the build hands the page to remark-parse.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contributionPolicy } from '../../src/lib/content/policy.ts';
import { preparePage } from '../../src/lib/content/prepare.ts';
import { LinkIndex } from '../../src/lib/links/link-index.ts';
import { nativeParserAvailable, nativeTree, remarkNativeParse } from '../../src/lib/markdown/native-parse.ts';
import { createPipeline } from '../../src/lib/markdown/render.ts';
import { urlScheme } from '../../src/lib/urls.ts';
import { generateCorpus } from '../../scripts/lib/corpus.ts';
import { handbook18F } from '../support/corpora.ts';
import { hostileCases, type Context } from '../support/hostile-cases.ts';

const context = { index: new LinkIndex([]), urls: urlScheme('/') };
const reference = createPipeline(context);
const native = createPipeline(context, { parser: remarkNativeParse });
const profile = { displayDir: 'content', defaultLang: 'en', policy: contributionPolicy() };

interface Sample {
  name: string;
  text: string;
}

/** A tree as JSON with its keys in order (the two parsers write a node's fields in different orders). */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

/** The tree each parser gives for a page, as JSON, and whether satteri's was used. */
function parseBoth(sample: Sample) {
  const prepared = () => preparePage(sample.name, sample.text, profile);
  const page = prepared();
  const parse = (pipeline: typeof reference) => {
    try {
      return canonical(pipeline[page.format].parse(prepared().file));
    } catch (error) {
      return `error: ${(error as Error).message}`;
    }
  };
  return { expected: parse(reference), actual: parse(native), nativeUsed: nativeTree(String(page.file.value), page.format === 'mdx') !== undefined };
}

async function filesUnder(dir: string): Promise<Sample[]> {
  const out: Sample[] = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.mdx?$/.test(entry.name)) continue;
    const file = path.join(entry.parentPath, entry.name);
    out.push({ name: path.relative(dir, file), text: await readFile(file, 'utf8') });
  }
  return out;
}

function expectSameTrees(samples: Sample[]) {
  let nativeUsed = 0;
  const differ: string[] = [];
  for (const sample of samples) {
    const result = parseBoth(sample);
    if (result.actual !== result.expected) {
      let at = 0;
      while (result.actual[at] === result.expected[at]) at++;
      differ.push(`${sample.name}: remark-parse …${result.expected.slice(Math.max(0, at - 80), at + 80)}… satteri …${result.actual.slice(Math.max(0, at - 80), at + 80)}…`);
    }
    if (result.nativeUsed) nativeUsed++;
  }
  expect(differ).toEqual([]);
  return nativeUsed;
}

it('the native parser loads on the machines Pinkas is built on (Linux, x64)', () => {
  if (process.platform === 'linux' && process.arch === 'x64') expect(nativeParserAvailable()).toBe(true);
  else expect(typeof nativeParserAvailable()).toBe('boolean');
});

describe('the same tree as remark-parse, on whole wikis', () => {
  let corpusDir: string;
  beforeAll(async () => {
    corpusDir = await mkdtemp(path.join(os.tmpdir(), 'pinkas-native-'));
    await generateCorpus({ dir: corpusDir, pages: 300, seed: 7 });
  });
  afterAll(() => rm(corpusDir, { recursive: true, force: true }));

  it('the sample wiki: every page, and satteri reads nearly all of them', async () => {
    const pages = await filesUnder('content');
    expect(pages.length).toBeGreaterThan(40);
    expect(expectSameTrees(pages)).toBeGreaterThan(pages.length * 0.9);
  });

  it.skipIf(!handbook18F)('the 18F handbook (Eleventy Markdown, raw HTML, Liquid tags translated)', async () => {
    const pages = await filesUnder(handbook18F!);
    expect(pages.length).toBeGreaterThan(200);
    // Pages with HTML or autolinks are remark-parse's; the others, satteri's.
    expect(expectSameTrees(pages)).toBeGreaterThan(pages.length * 0.7);
  });

  it('the generated benchmark corpus (MDX components, tables, steps, wikilinks, Hebrew)', async () => {
    const pages = await filesUnder(corpusDir);
    expect(pages.length).toBeGreaterThan(300);
    expect(expectSameTrees(pages)).toBe(pages.length);
  });

  it('the Markdown fixtures of the pipeline', async () => {
    const pages = await filesUnder('tests/fixtures/markdown');
    expect(pages.length).toBeGreaterThan(10);
    expectSameTrees(pages);
  });

  it('the pages of the hostile payloads', () => {
    const c = { base: 'a'.repeat(40), older: 'b'.repeat(40), session: () => '' } as unknown as Context;
    const pages: Sample[] = [];
    for (const [klass, payload, probe] of hostileCases) {
      // Pages made to take remark-parse tens of seconds: the service stops them before any parser runs.
      if (klass === 'too complex to check') continue;
      const body = probe(c).body;
      if (body && typeof body === 'object' && typeof body.content === 'string') {
        const file = typeof body.path === 'string' ? body.path.replace(/^content\//, '') : 'hr/leave.mdx';
        pages.push({ name: /\.mdx?$/.test(file) ? file : 'page.md', text: body.content }, { name: `${klass} ${payload}.md`.replace(/[^\w .-]/g, '_'), text: body.content });
      }
    }
    expect(pages.length).toBeGreaterThan(40);
    expectSameTrees(pages);
  });
});

/** Edge cases of CommonMark, GFM and MDX, each as `.md` and as `.mdx`. */
const edgeCases: string[] = [
  '',
  '   \n\n\t\n',
  '# Title #\n\nSetext\n===\n\nAnother\n---\n\n---\n',
  '> quote\nlazy continuation\n> > nested\n\n- a\n  - b\n    1. c\n\n  d\n\n* [ ] task\n* [x] done\n',
  '| a | b |\n|:--|--:|\n| `x \\| y` | **b** |\n| only one |\n',
  'Footnote[^1] and [ref][r].\n\n[^1]: The note.\n    More of it.\n\n[r]: https://example.com "Title"\n',
  'www.example.com, https://example.com/path?q=1). mail@example.com, <https://auto.link>, http://x.y.',
  '&amp; &copy; &#35; &#x1F600; &bogus; \\* \\_ \\\\',
  'line with two spaces  \nhard break\\\nbackslash break',
  '```js title="x"\ncode\n```\n\n~~~\ntilde\n~~~\n\n    indented\n\n``inline `code` here``',
  '<details>\n<summary>More</summary>\n\nInside **bold**.\n\n</details>\n\n<!-- a comment -->\n\n<span>inline</span> html',
  '![alt *text*](img.png "t") [link](</a b> \'t\') [[Wiki link]] [[a|b]] ~~strike~~ ~one~',
  'CRLF\r\nlines\r\n\r\n- item\r\n- item\r\n',
  '<Callout type="note"\r\n  title="CRLF inside a tag">\r\n\r\nText.\r\n\r\n</Callout>\r\n\rA lone CR\r<Note kind=\'x\'>\r\rY\r\r</Note>\r',
  '<Callout\n  type="note"\n  title=\'multi-line\'\n  open\n>\n\nText.\n\n</Callout>\n\n> <Note title="in a quote">\n>\n> Quoted.\n>\n> </Note>\n',
  '\uFEFFBOM at the start, tabs\tinside, 😀 astral 𝒜 and עברית עם ניקוד שָׁלוֹם.',
  '*emphasis **strong** _under_* __a__ ***both*** * not emphasis *',
  '1) one\n2) two\n\n10. ten\n11. eleven\n\n- \n  empty first line item\n',
  'Term\n: not a definition list in GFM\n\n+++\nnot frontmatter\n+++\n',
  '<Callout type="note">\n\nBlock **content**.\n\n</Callout>\n\n<Steps>\n1. One\n2. Two\n</Steps>\n',
  '<Note>Hi</Note>\n\n<Warning title="Careful">Text on one line</Warning>\n',
  '<Widget />\n\n<A /> <B />\n\n<Callout>\n  - nested list\n</Callout>\n',
  'Text with <Badge>inline</Badge> JSX and a <Tip />.\n',
  'import x from "y"\n\nexport const a = 1\n\nHello {name} {/* comment */}\n',
  '<Widget foo={1} bar="two" {...rest} />\n',
  '<Unclosed>\n\nNo end tag.\n',
  'a < b and c > d, 3 {braces} in text',
  '<div>\n*raw html block*\n</div>\n\n<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n',
  `${'> '.repeat(40)}deep quote\n\n${Array.from({ length: 30 }, (_, i) => `${'  '.repeat(i)}- level ${i}`).join('\n')}\n`,
  `${'word '.repeat(5000)}\n`,
];

describe('the same tree as remark-parse, on edge cases', () => {
  it.each(edgeCases.map((text, i) => [i, text] as const))('case %i, as .md and as .mdx', (i, text) => {
    for (const name of [`edge-${i}.md`, `edge-${i}.mdx`]) {
      const { expected, actual } = parseBoth({ name, text });
      expect(actual, name).toBe(expected);
    }
  });

  it('hands MDX expressions, ESM and one-line JSX with text to remark-parse, and reads the rest itself', () => {
    const used = (text: string) => nativeTree(text, true) !== undefined;
    expect(used('import x from "y"\n')).toBe(false);
    expect(used('Hello {name}\n')).toBe(false);
    expect(used('<Widget foo={1} />\n')).toBe(false);
    expect(used('<Note>Hi</Note>\n')).toBe(false);
    expect(used('<Unclosed>\n\nNo end tag.\n')).toBe(false);
    expect(used('<Callout type="note">\n\nBlock.\n\n</Callout>\n')).toBe(nativeParserAvailable());
    expect(used('Text with <Badge>inline</Badge> JSX.\n')).toBe(nativeParserAvailable());
  });
});
