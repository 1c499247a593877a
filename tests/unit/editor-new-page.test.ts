import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { checkPage } from '../../src/lib/content/check.ts';
import { parseFrontmatter } from '../../src/lib/content/frontmatter.ts';
import { fileNameFor, fileNameProblem, looksHebrew, pageFromTemplate, removeYamlKey, setYamlKey } from '../../src/lib/content/new-page.ts';

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
