/**
 * The properties form's reading and writing of frontmatter: a change touches only its key's text,
 * so the author's comments, order and quoting survive; a YAML that cannot be read is left alone.
 */
import { describe, expect, it } from 'vitest';
import { frontmatterEnd, readProperties, setProperty, type SourceChange } from '../../src/lib/content/frontmatter-edit.ts';

const apply = (source: string, change: SourceChange | undefined) => (change ? source.slice(0, change.from) + change.insert + source.slice(change.to) : source);
const keys = ['title', 'owner', 'status', 'effective', 'review_by', 'tags', 'lang'];
const order = keys;

const page = [
  '---',
  'title: Annual leave # shown in the navigation',
  '# Owners review the page once a year.',
  'owner: "@dana-levi"',
  'tags: [leave, hr]',
  'effective: 2026-01-01',
  'review_by: 2027-01-31',
  'custom: { kept: true }',
  '---',
  '',
  '# Annual leave',
  '',
].join('\n');

describe('reading the properties of a page', () => {
  it('reads texts and lists, and says which keys the form cannot show', () => {
    expect(readProperties(page, [...keys, 'custom'])).toEqual({
      ok: true,
      values: { title: 'Annual leave', owner: '@dana-levi', tags: ['leave', 'hr'], effective: '2026-01-01', review_by: '2027-01-31', status: undefined, lang: undefined },
      unreadable: ['custom'],
    });
  });

  it('reads a page without frontmatter as having no properties, and broken YAML as unreadable', () => {
    expect(readProperties('# Just text\n', keys)).toEqual({ ok: true, values: {}, unreadable: [] });
    expect(readProperties('---\ntitle: [unclosed\n---\n', keys)).toEqual({ ok: false });
    expect(frontmatterEnd(page)).toBe(page.indexOf('\n# Annual leave'));
  });
});

describe('changing one property', () => {
  it('changes only the line of that key, keeping comments, order and the rest', () => {
    const next = apply(page, setProperty(page, 'review_by', '2027-06-30', { keyOrder: order }));
    expect(next).toBe(page.replace('review_by: 2027-01-31', 'review_by: 2027-06-30'));
    const retitled = apply(page, setProperty(page, 'title', 'Annual leave: how many days', { keyOrder: order }));
    expect(retitled).toBe(page.replace('title: Annual leave #', 'title: "Annual leave: how many days" #'));
  });

  it('writes lists in the style the page uses, and one owner as a single value', () => {
    expect(apply(page, setProperty(page, 'tags', ['leave', 'hr', 'חופשה']))).toBe(page.replace('tags: [leave, hr]', 'tags: [leave, hr, חופשה]'));
    expect(apply(page, setProperty(page, 'owner', ['@dana-levi', '@galil/hr-team']))).toBe(page.replace('owner: "@dana-levi"', 'owner: ["@dana-levi", "@galil/hr-team"]'));
    expect(setProperty(page, 'owner', ['@dana-levi'])).toBeUndefined();
    const block = '---\ntags:\n  - a\n  - b\ntitle: T\n---\n';
    expect(apply(block, setProperty(block, 'tags', ['a', 'c']))).toBe('---\ntags:\n  - a\n  - c\ntitle: T\n---\n');
  });

  it('adds a missing key after the keys that come before it, and removes a key set to nothing', () => {
    const withStatus = apply(page, setProperty(page, 'status', 'active', { keyOrder: order }));
    expect(withStatus).toBe(page.replace('owner: "@dana-levi"\n', 'owner: "@dana-levi"\nstatus: active\n'));
    const withLang = apply(page, setProperty(page, 'lang', 'he', { keyOrder: order }));
    expect(withLang).toBe(page.replace('tags: [leave, hr]\n', 'tags: [leave, hr]\nlang: he\n'));
    expect(apply(page, setProperty(page, 'review_by', ''))).toBe(page.replace('review_by: 2027-01-31\n', ''));
    expect(apply(page, setProperty(page, 'title', undefined))).toBe(page.replace('title: Annual leave # shown in the navigation\n', ''));
    expect(setProperty(page, 'status', undefined)).toBeUndefined();
  });

  it('fills an empty key in place, and gives a page without frontmatter one', () => {
    const template = '---\ntitle: "New page"\ndescription: ""\nowner:\neffective: ""\n---\n\nText\n';
    expect(apply(template, setProperty(template, 'owner', '@noa'))).toBe(template.replace('owner:\n', 'owner: "@noa"\n'));
    expect(apply(template, setProperty(template, 'effective', '2026-11-23'))).toBe(template.replace('effective: ""', 'effective: 2026-11-23'));
    expect(apply('Text\n', setProperty('Text\n', 'status', 'draft'))).toBe('---\nstatus: draft\n---\n\nText\n');
    expect(apply('---\n---\n\nText\n', setProperty('---\n---\n\nText\n', 'lang', 'he'))).toBe('---\nlang: he\n---\n\nText\n');
  });

  it('keeps Windows line ends, and leaves YAML it cannot read alone', () => {
    const crlf = '---\r\ntitle: T\r\n---\r\nText\r\n';
    expect(apply(crlf, setProperty(crlf, 'tags', ['a'], { keyOrder: order }))).toBe('---\r\ntitle: T\r\ntags: [a]\r\n---\r\nText\r\n');
    expect(setProperty('---\ntitle: [unclosed\n---\n', 'status', 'draft')).toBeUndefined();
  });
});
