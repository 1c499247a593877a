import { readdir, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { checkPage } from '../../src/lib/content/check.ts';
import { parseFrontmatter } from '../../src/lib/content/frontmatter.ts';
import { canReopen, choiceProblem, existingPage, localDay, needsEnglishName, newEditorPage, plannedAddress, prefill, referrerSlug, reopenParams, templatesFor } from '../../src/editor/new-page-form.ts';
import { fileNameFor, fileNameProblem, looksHebrew, pageFromTemplate, removeYamlKey, setYamlKey, yearAfter } from '../../src/lib/content/new-page.ts';

describe('a new page from a template', () => {
  it('drops the template key, fills in the title and keeps everything else as written', async () => {
    const template = await readFile('content/_templates/how-to.mdx', 'utf8');
    const page = pageFromTemplate(template, { title: 'Forklift charging' });
    expect(page).toMatch(/^---\ntitle: "Forklift charging"\ndescription: ""\nowner: ""\ntags: \[\]\neffective: ""\nreview_by: ""\n---\n\nOne sentence/);
    expect(page).not.toContain('template:');
    expect(page.slice(page.indexOf('\n---\n'))).toBe(template.slice(template.indexOf('\n---\n')));
    expect(parseFrontmatter(page, 'x.mdx').data.title).toBe('Forklift charging');
  });

  it('writes the language when it is not the wiki’s, and quotes any title safely', () => {
    const page = pageFromTemplate('---\ntitle: ""\ntemplate:\n  title: T\n---\n\nBody\n', { title: 'נוהל: "עבודה" בגובה #1', lang: 'he', defaultLang: 'en' });
    expect(page).toBe('---\ntitle: "נוהל: \\"עבודה\\" בגובה #1"\nlang: he\n---\n\nBody\n');
    expect(parseFrontmatter(page, 'x.mdx').data).toEqual({ title: 'נוהל: "עבודה" בגובה #1', lang: 'he' });
    expect(checkPage(page, 'content/safety/x.mdx', 'safety/x.mdx')).toEqual([]);
  });

  it('starts every template of the wiki, English and Hebrew, with no problems: dated today, reviewed a year later', async () => {
    const files = (await readdir('content/_templates')).filter((f) => f.endsWith('.mdx'));
    expect(files).toEqual(expect.arrayContaining(['procedure.mdx', 'procedure-he.mdx', 'how-to-he.mdx']));
    for (const file of files) {
      const page = pageFromTemplate(await readFile(`content/_templates/${file}`, 'utf8'), { title: 'A new page', today: '2026-11-23' });
      expect(checkPage(page, `content/safety/${file}`, `safety/${file}`), file).toEqual([]);
      expect(parseFrontmatter(page, file).data, file).toMatchObject({ title: 'A new page', effective: '2026-11-23', review_by: '2027-11-23' });
      expect(page, file).not.toMatch(/: ""$/m);
    }
    const hebrew = pageFromTemplate(await readFile('content/_templates/procedure-he.mdx', 'utf8'), { title: 'נוהל עבודה בגובה', lang: 'he', defaultLang: 'en', today: '2026-11-23' });
    expect(hebrew).toMatch(/^---\ntitle: "נוהל עבודה בגובה"\nlang: he\ntags: \[\]\neffective: 2026-11-23\nreview_by: 2027-11-23\n---\n\nמשפט או שניים/);
  });

  it('counts a year from a day, and today from the contributor’s clock', () => {
    expect(yearAfter('2026-11-23')).toBe('2027-11-23');
    expect(yearAfter('2028-02-29')).toBe('2029-02-28');
    expect(localDay(new Date(2026, 0, 5, 23, 30))).toBe('2026-01-05');
  });

  it('makes a page of a template without frontmatter, and of nothing', () => {
    expect(pageFromTemplate('# Heading\n', { title: 'A' })).toBe('---\ntitle: "A"\n---\n\n# Heading\n');
    expect(pageFromTemplate('---\n---\n\n', { title: 'A' })).toBe('---\ntitle: "A"\n---\n\n');
  });

  it('removes a key with its nested mapping or list, and nothing else', () => {
    expect(removeYamlKey('a: 1\ntemplate:\n  title: T\n\n  description: D\nb: 2', 'template')).toBe('a: 1\nb: 2');
    expect(removeYamlKey('tags:\n- a\n- b\n\nowner: x', 'tags')).toBe('\nowner: x');
    expect(removeYamlKey('templates: 1\ntemplate: 2', 'template')).toBe('templates: 1');
    expect(setYamlKey('a: 1\ntitle: >\n  folded\nb: 2', 'title', 'New')).toBe('a: 1\ntitle: "New"\nb: 2');
  });
});

describe('file names for titles', () => {
  it('gives ASCII slugs, and nothing for a Hebrew title', () => {
    expect(fileNameFor('Parking at the Boston office')).toBe('parking-at-the-boston-office');
    expect(fileNameFor('  Café & Crème: 2027 rules! ')).toBe('cafe-and-creme-2027-rules');
    expect(fileNameFor('נוהל עבודה בגובה')).toBe('');
    expect(fileNameFor('VPN (גישה מרחוק)')).toBe('vpn');
    expect(fileNameFor('x'.repeat(100))).toHaveLength(80);
  });

  it('says what is wrong with a file name', () => {
    expect(fileNameProblem('forklift-charging')).toBeUndefined();
    expect(fileNameProblem('')).toBe('empty');
    expect(fileNameProblem('Forklift')).toBe('invalid');
    expect(fileNameProblem('a--b')).toBe('invalid');
    expect(fileNameProblem('../x')).toBe('invalid');
    expect(fileNameProblem('index')).toBe('reserved');
  });

  it('tells a Hebrew title from an English one', () => {
    expect(looksHebrew('נוהל עבודה בגובה')).toBe(true);
    expect(looksHebrew('נוהל VPN')).toBe(true);
    expect(looksHebrew('VPN setup for new laptops (מחשבים)')).toBe(false);
    expect(looksHebrew('Parking')).toBe(false);
  });
});

const site = {
  sections: [{ folder: 'safety', title: 'Safety' }, { folder: 'hr', title: 'HR' }],
  contentPrefix: 'content/',
  baseCommit: 'c1',
  defaultLang: 'en',
  lang: 'en',
  routes: { en: '/new/', he: '/new/he/' },
  base: '/',
  limits: { pageBytes: 1, imageBytes: 1, images: 1, bodyBytes: 1, summary: 1, reason: 1, imageExtensions: ['.png'] },
};

describe('the /new/ form', () => {
  it('takes the section of the page the contributor came from, unless the address names one', () => {
    expect(prefill(new URLSearchParams('title=Parking&from=hr/annual-leave'), site)).toMatchObject({ section: 'hr' });
    expect(prefill(new URLSearchParams('title=Parking&path=safety/parking&from=hr/annual-leave'), site)).toMatchObject({ section: 'safety' });
    expect(prefill(new URLSearchParams('title=Parking&from=finance/per-diem'), site)).toMatchObject({ section: '' });
    expect(prefill(new URLSearchParams('title=Parking'), { ...site, lang: 'he' })).toMatchObject({ lang: 'he' });
  });

  it('reads the page the contributor came from out of the referrer', () => {
    const origin = 'https://wiki.example';
    expect(referrerSlug('https://wiki.example/hr/annual-leave-israel/', origin, '/')).toBe('hr/annual-leave-israel');
    expect(referrerSlug('https://wiki.example/docs/edit/hr/leave/', origin, '/docs/')).toBe('hr/leave');
    expect(referrerSlug('https://wiki.example/', origin, '/')).toBe('');
    expect(referrerSlug('https://wiki.example/new/?title=x', origin, '/')).toBeUndefined();
    expect(referrerSlug('https://elsewhere.example/hr/', origin, '/')).toBeUndefined();
    expect(referrerSlug('', origin, '/')).toBeUndefined();
  });

  it('lists the templates of the page’s language first', () => {
    const templates = [{ name: 'how-to', lang: 'en' }, { name: 'procedure', lang: 'en' }, { name: 'procedure-he', lang: 'he' }];
    expect(templatesFor(templates, 'he').map((t) => t.name)).toEqual(['procedure-he', 'how-to', 'procedure']);
    expect(templatesFor(templates, 'en').map((t) => t.name)).toEqual(['how-to', 'procedure', 'procedure-he']);
  });

  it('takes a red link’s title from the address, and derives the file name and language from it', () => {
    expect(prefill(new URLSearchParams('title=Forklift%20charging'), site)).toEqual({ title: 'Forklift charging', section: '', name: 'forklift-charging', nameEdited: false, lang: 'en', langEdited: false, template: null, reopen: false });
    expect(prefill(new URLSearchParams(`title=${encodeURIComponent('נוהל עבודה בגובה')}`), site)).toMatchObject({ name: '', lang: 'he', langEdited: false });
    expect(needsEnglishName('נוהל עבודה בגובה')).toBe(true);
    expect(needsEnglishName('Forklift')).toBe(false);
    expect(needsEnglishName('')).toBe(false);
  });

  it('takes the section and file name of a relative red link (`?path=`), and ignores a section the wiki does not have', () => {
    expect(prefill(new URLSearchParams('path=/safety/Working At Height.mdx&title=Height'), site)).toMatchObject({ section: 'safety', name: 'working-at-height', nameEdited: true });
    expect(prefill(new URLSearchParams('path=nowhere/x'), site)).toMatchObject({ section: '', name: 'x' });
  });

  it('reopens a reloaded editor from its address, when the choice in it is complete', () => {
    const choice = { title: ' Forklift charging ', section: 'safety', name: 'forklift-charging', lang: 'en' };
    const address = reopenParams(choice, 'how-to');
    expect(address.toString()).toBe('title=Forklift+charging&section=safety&name=forklift-charging&lang=en&template=how-to&open=1');
    const again = prefill(address, site);
    expect(again).toEqual({ title: 'Forklift charging', section: 'safety', name: 'forklift-charging', nameEdited: true, lang: 'en', langEdited: true, template: 'how-to', reopen: true });
    expect(canReopen(again, site)).toBe(true);
    expect(canReopen({ ...again, name: 'Bad Name' }, site)).toBe(false);
    expect(canReopen(again, { ...site, baseCommit: null })).toBe(false);
    expect(canReopen(prefill(new URLSearchParams('title=A&section=safety&name=a'), site), site)).toBe(false);
  });

  it('says what to fix first, at its field', () => {
    const ok = { title: 'Forklift charging', section: 'safety', name: 'forklift-charging', lang: 'en' };
    expect(choiceProblem(ok)).toBeUndefined();
    expect(choiceProblem({ ...ok, title: ' ', section: '' })).toEqual({ field: 'title', message: 'new.titleMissing' });
    expect(choiceProblem({ ...ok, section: '' })).toEqual({ field: 'section', message: 'new.sectionMissing' });
    expect(choiceProblem({ ...ok, name: '' })).toEqual({ field: 'name', message: 'new.fileNameMissing' });
    expect(choiceProblem({ ...ok, name: 'index' })).toEqual({ field: 'name', message: 'new.fileNameInvalid' });
  });

  it('tells where the page will be, once the file name is valid', () => {
    expect(plannedAddress(site, { section: 'safety', name: 'forklift-charging' }, 'md')).toEqual({ path: 'content/safety/forklift-charging.md', url: '/safety/forklift-charging/' });
    expect(plannedAddress(site, { section: 'safety', name: 'Forklift' }, 'mdx')).toBeUndefined();
    expect(plannedAddress({ ...site, contentPrefix: null }, { section: 'safety', name: 'forklift' }, 'mdx')).toBeUndefined();
  });

  it('finds a page that exists at the same address or file, whatever the case or extension', () => {
    const pages = [{ slug: 'safety/lab-safety', title: 'Lab safety', lang: 'en', path: 'safety/lab-safety.md' }];
    expect(existingPage(pages, 'safety/lab-safety.mdx')?.slug).toBe('safety/lab-safety');
    expect(existingPage(pages, 'Safety/Lab-Safety.mdx')?.slug).toBe('safety/lab-safety');
    expect(existingPage(pages, 'safety/forklift.mdx')).toBeUndefined();
  });

  it('opens the editor on the template with the title and language filled in', () => {
    const template = { name: 'how-to', title: 'How-to', format: 'md' as const, lang: 'en', source: '---\ntitle: ""\ntemplate:\n  title: How-to\n---\n\n## Steps\n' };
    const page = newEditorPage(site, { title: ' נוהל ', section: 'safety', name: 'height', lang: 'he' }, template, '2026-11-23');
    expect(page).toMatchObject({ mode: 'new', repoPath: 'content/safety/height.md', contentPath: 'safety/height.md', slug: 'safety/height', baseCommit: 'c1', title: 'נוהל', lang: 'he', format: 'md' });
    expect(page.source).toBe('---\ntitle: "נוהל"\nlang: he\neffective: 2026-11-23\nreview_by: 2027-11-23\n---\n\n## Steps\n');
    expect(newEditorPage(site, { title: 'Blank', section: 'hr', name: 'blank', lang: 'en' }, undefined, '2028-02-29')).toMatchObject({ format: 'mdx', source: '---\ntitle: "Blank"\neffective: 2028-02-29\nreview_by: 2029-02-28\n---\n\n' });
  });
});
