/**
 * The typed bindings of markup: each script finds its elements once, a missing or different one is
 * an error that names it, and each binding matches the markup it is for.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { bindElements, type ElementRoot, type ElementSpec } from '../../src/dom/elements.ts';
import { newPageSpec } from '../../src/editor/new-page.ts';
import { bindEditorShell, editorShellSpec } from '../../src/editor/shell.ts';
import { resultsPageSpec } from '../../src/search/results-page.ts';

/** A root holding one element (by its selector) for each `selector → tag`. */
function fakeRoot(elements: Record<string, string>): ElementRoot & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    querySelector(selector) {
      asked.push(selector);
      const tag = elements[selector];
      return tag ? ({ tagName: tag.toUpperCase(), selector } as unknown as Element) : null;
    },
  };
}

/** Every element of a spec, as the markup should have it. */
const complete = (spec: ElementSpec) => Object.fromEntries(Object.values(spec).map(([selector, tag]) => [selector, tag]));

describe('binding the elements of markup', () => {
  const spec = { summary: ['[data-ed="summary"]', 'input'], form: ['[data-ed="form"]', 'form'] } as const satisfies ElementSpec;

  it('finds every element once, by name', () => {
    const root = fakeRoot(complete(spec));
    const el = bindElements(root, spec, 'The test markup');
    expect(Object.keys(el)).toEqual(['summary', 'form']);
    expect((el.summary as unknown as { selector: string }).selector).toBe('[data-ed="summary"]');
    expect(root.asked).toEqual(['[data-ed="summary"]', '[data-ed="form"]']);
  });

  it('names the element that is missing', () => {
    const root = fakeRoot({ '[data-ed="form"]': 'form' });
    expect(() => bindElements(root, spec, 'The test markup')).toThrow('The test markup has no [data-ed="summary"]');
  });

  it('names an element that is not the tag the script expects, and every problem at once', () => {
    expect(() => bindElements(fakeRoot({ '[data-ed="summary"]': 'textarea', '[data-ed="form"]': 'form' }), spec, 'The test markup')).toThrow(
      'The test markup has [data-ed="summary"] as a <textarea>, not a <input>',
    );
    expect(() => bindElements(fakeRoot({ '[data-ed="summary"]': 'textarea' }), spec, 'The test markup')).toThrow(
      'The test markup has [data-ed="summary"] as a <textarea>, not a <input>; no [data-ed="form"]',
    );
  });

  it('says whose markup the editor shell is missing', () => {
    const elements = complete(editorShellSpec);
    delete elements['[data-ed="review-diff"]'];
    expect(() => bindEditorShell(fakeRoot(elements))).toThrow(`The editor's markup has no [data-ed="review-diff"]`);
    expect(Object.keys(bindEditorShell(fakeRoot(complete(editorShellSpec))))).toHaveLength(Object.keys(editorShellSpec).length);
  });
});

/** The tag of each element of the Astro markup that has `attribute` (`data-ed="name"` or a bare `data-new-name`). */
function markupElements(markup: string, attribute: RegExp): Map<string, string> {
  const found = new Map<string, string>();
  for (const tag of markup.matchAll(/<([a-z][a-z0-9]*)\b[^>]*>/g)) {
    const match = tag[0].match(attribute);
    if (match) found.set(match[1]!, tag[1]!);
  }
  return found;
}

describe('each binding matches its markup', () => {
  it('binds every data-ed element of EditorShell.astro (and its properties form), with its tag, and nothing the shell does not have', async () => {
    const shell = await Promise.all(['src/components/EditorShell.astro', 'src/components/PropertiesForm.astro'].map((f) => readFile(f, 'utf8')));
    const markup = markupElements(shell.join('\n'), /\sdata-ed="([^"]+)"/);
    const bound = new Map(Object.values(editorShellSpec).map(([selector, tag]) => [selector.match(/data-ed="([^"]+)"/)![1]!, tag]));
    expect(bound).toEqual(markup);
  });

  it('binds every data-new element of /new/, with its tag, and the editor shell’s root', async () => {
    const markup = markupElements(await readFile('src/pages/new/[...lang].astro', 'utf8'), /\sdata-new-([a-z-]+)(?=[\s/>])/);
    const { editor, ...rest } = newPageSpec;
    const bound = new Map(Object.values(rest).map(([selector, tag]) => [selector.match(/^\[data-new-([a-z-]+)\]$/)![1]!, tag]));
    expect(bound).toEqual(markup);
    expect(editor).toEqual(['[data-editor]', 'div']);
    expect(await readFile('src/components/EditorShell.astro', 'utf8')).toMatch(/<div class="editor" data-editor /);
  });

  it('binds the search page’s elements with their tags', async () => {
    const source = await readFile('src/pages/search/index.astro', 'utf8');
    for (const [selector, tag] of Object.values(resultsPageSpec)) {
      const name = selector.slice(1);
      const attribute = selector.startsWith('#') ? `id="${name}"` : `class="(?:[^"]* )?${name}(?: [^"]*)?"`;
      expect(source, selector).toMatch(new RegExp(`<${tag}\\s[^>]*${attribute}`));
    }
  });
});
