import { describe, expect, it } from 'vitest';
import { breadcrumbs, buildNavTree, navView, readingOrder, type NavPage } from '../../src/lib/nav/tree.ts';

const page = (slug: string, title: string, extra: Partial<NavPage> = {}): NavPage => ({ slug, title, status: 'active', lang: 'en', ...extra });

const pages = [
  page('hr', 'Human resources', { order: 2 }),
  page('hr/sick-leave', 'Sick leave'),
  page('hr/annual-leave', 'Annual leave'),
  page('hr/leave/parental', 'Parental leave'),
  page('hr/leave', 'Leave'),
  page('finance', 'Finance', { order: 1 }),
  page('finance/travel', 'Travel expenses', { order: 1 }),
  page('finance/travel-2024', 'Travel expenses 2024', { status: 'superseded' }),
  page('finance/cards', 'Corporate cards'),
  page('finance/fax', 'Fax', { status: 'retired' }),
  page('safety/fire', 'שריפה', { lang: 'he' }),
  page('safety', 'Safety'),
];

describe('navigation tree', () => {
  const tree = buildNavTree(pages, 'Home');

  it('nests pages under their folder and sorts by order, then title', () => {
    expect(tree.children.map((n) => n.slug)).toEqual(['finance', 'hr', 'safety']);
    expect(tree.children[0]!.children.map((n) => n.title)).toEqual(['Travel expenses', 'Corporate cards']);
    expect(tree.children[1]!.children.map((n) => n.title)).toEqual(['Annual leave', 'Leave', 'Sick leave']);
    expect(tree.children[1]!.children[1]!.children.map((n) => n.slug)).toEqual(['hr/leave/parental']);
  });

  it('leaves superseded and retired pages out', () => {
    const slugs = readingOrder(tree).map((n) => n.slug);
    expect(slugs).not.toContain('finance/travel-2024');
    expect(slugs).not.toContain('finance/fax');
  });

  it('gives the reading order for previous/next, depth first', () => {
    expect(readingOrder(tree).map((n) => n.slug)).toEqual([
      'finance', 'finance/travel', 'finance/cards',
      'hr', 'hr/annual-leave', 'hr/leave', 'hr/leave/parental', 'hr/sick-leave',
      'safety', 'safety/fire',
    ]);
  });

  it('attaches a page whose folder has no page of its own to the nearest ancestor', () => {
    const t = buildNavTree([page('a', 'A'), page('a/b/c', 'C')]);
    expect(t.children[0]!.children.map((n) => n.slug)).toEqual(['a/b/c']);
  });

  it('opens only the folders on the way to the current page', () => {
    const view = navView(tree, 'hr/leave/parental');
    expect(view.map((v) => [v.node.slug, v.expanded])).toEqual([['finance', false], ['hr', true], ['safety', false]]);
    const hr = view[1]!;
    expect(hr.children.map((v) => [v.node.slug, v.expanded, v.current])).toEqual([
      ['hr/annual-leave', false, false],
      ['hr/leave', true, false],
      ['hr/sick-leave', false, false],
    ]);
    expect(hr.children[1]!.children.map((v) => [v.node.slug, v.current])).toEqual([['hr/leave/parental', true]]);
  });

  it('cuts a long folder to a window around the current page, so pages do not grow with the wiki', () => {
    const many = [page('big', 'Big'), ...Array.from({ length: 500 }, (_, i) => page(`big/p${String(i).padStart(3, '0')}`, `Page ${String(i).padStart(3, '0')}`))];
    const view = navView(buildNavTree(many), 'big/p250', 40);
    const big = view[0]!;
    expect(big.children).toHaveLength(40);
    expect(big.hidden).toBe(460);
    expect(big.children.some((v) => v.current && v.node.slug === 'big/p250')).toBe(true);
  });

  it('builds breadcrumbs from the folders above a page, titled', () => {
    const titles = new Map(pages.map((p) => [p.slug, p.title]));
    expect(breadcrumbs('hr/leave/parental', (s) => titles.get(s))).toEqual([
      { slug: 'hr', title: 'Human resources' },
      { slug: 'hr/leave', title: 'Leave' },
    ]);
  });
});
