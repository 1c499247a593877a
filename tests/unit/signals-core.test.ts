/**
 * The pieces of the readers' signals service: how a query is counted, how a page is named, which
 * revision an acknowledgement must have (minor changes read from a real git repository), and the
 * roster an admin imports.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { gitBlobId, minorCommits } from '../../src/lib/signals/git-facts.ts';
import { groupsOf } from '../../src/lib/signals/groups.ts';
import { buildManifest, countsFrom, PageIndex } from '../../src/lib/signals/manifest.ts';
import { normalizeQuery } from '../../src/lib/signals/query.ts';
import { parseRoster, RosterError } from '../../src/lib/signals/roster.ts';
import { tempRepo } from '../support/git-repo.ts';
import { samplePages } from '../support/signals-fixtures.ts';

describe('a search query as counted', () => {
  it('is the words the search analysis sees: case, spacing and punctuation do not make another query', () => {
    expect(normalizeQuery('  Parking   PERMIT?! ')).toBe('parking permit');
    expect(normalizeQuery("Employee's handbook")).toBe('employees handbook');
  });

  it('reads Hebrew without niqqud and keeps its final letters readable', () => {
    expect(normalizeQuery('מַרְתּוֹן')).toBe('מרתון');
    expect(normalizeQuery('מרתון')).toBe(normalizeQuery('מַרְתּוֹן'));
    expect(normalizeQuery('ת"א')).toBe('תא');
  });

  it('is empty without a word, and cut at a word to 200 characters', () => {
    expect(normalizeQuery('?!')).toBe('');
    const long = normalizeQuery(Array.from({ length: 60 }, (_, i) => `word${i}`).join(' '));
    expect(long.length).toBeLessThanOrEqual(200);
    expect(long.endsWith(' ')).toBe(false);
    expect(long.split(' ').every((w) => /^word\d+$/.test(w))).toBe(true);
  });
});

describe('naming a page', () => {
  const index = new PageIndex(buildManifest({ base: '/wiki/', pages: samplePages, minorCommits: new Set() }));
  it.each(['/hr/leave/', 'hr/leave', '/wiki/hr/leave/', 'hr/leave.mdx', 'content/hr/leave.mdx', '/hr/leave/?from=search#booking'])('finds the page from %s', (name) => {
    expect(index.find(name)?.address).toBe('/hr/leave/');
  });
  it('finds the home page and pages with Hebrew addresses, and nothing else', () => {
    expect(index.find('/')?.title).toBe('Home');
    expect(index.find('/wiki/')?.title).toBe('Home');
    expect(index.find('/hr/leave.md')).toBeUndefined();
    expect(index.find('/hr/')).toBeUndefined();
    expect(index.find('%E0%A4%A')).toBeUndefined();
  });
});

describe('which acknowledgements count', () => {
  const revisions = (...ids: string[]) => ids.map((commit) => ({ commit }));
  it('counts from the newest revision not marked minor; the first revision always counts', () => {
    expect(countsFrom(revisions('c3', 'c2', 'c1'), new Set())).toBe(3);
    expect(countsFrom(revisions('c3', 'c2', 'c1'), new Set(['c3']))).toBe(2);
    expect(countsFrom(revisions('c3', 'c2', 'c1'), new Set(['c3', 'c2', 'c1']))).toBe(1);
    expect(countsFrom(revisions('c3', 'c2', 'c1'), new Set(['c2']))).toBe(3);
    expect(countsFrom([], new Set())).toBe(0);
  });

  let repo: Awaited<ReturnType<typeof tempRepo>> | undefined;
  afterEach(() => repo?.remove());

  it('reads the commits marked "Pinkas-Minor: yes" from git, in any case, and hashes content as git does', async () => {
    repo = await tempRepo();
    await repo.write('content/a.md', '# A\n');
    const first = repo.commit('A page', 'Dana <dana@example.com>', '2026-01-01T00:00:00Z');
    await repo.write('content/a.md', '# A.\n');
    const typo = repo.commit('Typo\n\nPinkas-Minor: yes', 'Dana <dana@example.com>', '2026-01-02T00:00:00Z');
    await repo.write('content/a.md', '# A!\n');
    const shouting = repo.commit('Another typo\n\npinkas-minor: YES', 'Dana <dana@example.com>', '2026-01-03T00:00:00Z');
    await repo.write('content/a.md', '# A?\n');
    repo.commit('Not minor\n\nPinkas-Minor: no', 'Dana <dana@example.com>', '2026-01-04T00:00:00Z');
    expect(await minorCommits(`${repo.dir}/content`)).toEqual(new Set([typo, shouting]));
    expect(first).toMatch(/^[0-9a-f]{40}$/);
    expect(gitBlobId(Buffer.from('# A?\n'))).toBe(repo.git('hash-object', 'content/a.md'));
  });

  it('finds no minor commits outside a git repository', async () => {
    expect(await minorCommits('/')).toEqual(new Set());
  });
});

describe('groups', () => {
  const withGroups = (value: string) => new Request('https://wiki.example/api/reading', { headers: { 'X-Forwarded-Groups': value } });
  it('are read from X-Forwarded-Groups in header mode only, in lower case', () => {
    expect(groupsOf(withGroups('Warehouse, drivers,,warehouse'), 'header')).toEqual(['drivers', 'warehouse']);
    expect(groupsOf(withGroups('admins'), 'dev', ['Dev Team'])).toEqual(['dev team']);
    expect(groupsOf(withGroups('admins'), 'github')).toBeUndefined();
  });

  it('are not said when the proxy sends no groups header, so that the groups already known stand', () => {
    expect(groupsOf(new Request('https://wiki.example/'), 'header')).toBeUndefined();
    expect(groupsOf(withGroups(''), 'header')).toEqual([]);
    expect(groupsOf(withGroups('admins'), 'dev')).toBeUndefined();
  });
});

describe('the roster an admin imports', () => {
  it('reads email, name and groups in any column order, groups separated by ; or in a quoted cell by commas', () => {
    expect(parseRoster('Name,Email,Groups\nDana Levi,Dana@Galil.example,Warehouse;drivers\n"Cohen, Avi",avi@galil.example,"hr, managers"\n,ruth@galil.example,\n')).toEqual([
      { email: 'dana@galil.example', name: 'Dana Levi', groups: ['drivers', 'warehouse'] },
      { email: 'avi@galil.example', name: 'Cohen, Avi', groups: ['hr', 'managers'] },
      { email: 'ruth@galil.example', name: 'ruth', groups: [] },
    ]);
  });

  it('says which line is wrong', () => {
    expect(() => parseRoster('email,name\nnot-an-address,Someone\n')).toThrow(new RosterError('Line 2: "not-an-address" is not an e-mail address.'));
    expect(() => parseRoster('mail,who\nx@y.z,X\n')).toThrow(/must name the columns email, name and groups/);
    expect(() => parseRoster('email,name\n"unclosed,x\n')).toThrow(/not valid CSV/);
  });
});
