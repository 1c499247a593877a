/**
 * The words of a proposal as reviewers read them: a commit whose trailers are Pinkas' own whatever
 * the contributor wrote, a pull request that shows the contributor's words as words, and a
 * description of the change that stays quick to make however large the rewrite.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { lineChanges } from '../../src/lib/proposals/line-changes.ts';
import { commitMessage, proposalMarker, pullRequestBody, pullRequestTitle, readMarker, type ProposalText } from '../../src/lib/proposals/pr-text.ts';

const text = (extra: Partial<ProposalText> = {}): ProposalText => ({
  identity: { name: 'Dana Levi', email: 'dana@galil.example', source: 'header' },
  pageTitle: 'Annual leave',
  path: 'content/hr/leave.mdx',
  owners: [],
  summary: 'Fix the notice period',
  changes: lineChanges('a\n', 'b\n'),
  isNew: false,
  files: [{ path: 'content/hr/leave.mdx', change: 'changed' }],
  id: 'abcdef123456',
  fingerprint: '0'.repeat(32),
  ...extra,
});

/** The trailers of a commit message, as git reads them. */
const trailers = (message: string) => execFileSync('git', ['interpret-trailers', '--parse'], { input: message, encoding: 'utf8' }).trim();

describe('the commit message', () => {
  it.each([
    ['a trailer as the summary', { summary: 'Co-authored-by: CEO <ceo@galil.example>' }],
    ['trailers ending the reason', { reason: 'Agreed.\n\nSigned-off-by: CEO <ceo@galil.example>\nCo-authored-by: CFO <cfo@galil.example>' }],
    ['a reason of trailers only', { reason: 'Reviewed-by: Legal <legal@galil.example>\nCc: everyone@galil.example' }],
    ['a title with a line break', { pageTitle: 'Leave\nCo-authored-by: CEO <ceo@galil.example>' }],
    ['a summary that says it is minor', { summary: 'Pinkas-Minor: yes' }],
    ['a reason that ends as a minor change', { reason: 'Just a typo.\n\nPinkas-Minor: yes' }],
    ['a title that says it is minor', { pageTitle: 'Leave\n\nPinkas-Minor: yes' }],
  ])('keeps its trailers its own with %s', (_what, extra) => {
    const message = commitMessage(text(extra));
    expect(trailers(message)).toBe('Co-authored-by: Dana Levi <dana@galil.example>');
    expect(message.split('\n')[0]).not.toMatch(/\n/);
  });

  it('keeps a name with a line break on the co-author’s line', () => {
    const message = commitMessage(text({ identity: { name: 'Dana\n\nPinkas-Minor: yes', email: 'dana@galil.example', source: 'header' } }));
    expect(trailers(message)).toBe('Co-authored-by: Dana Pinkas-Minor: yes <dana@galil.example>');
  });

  it('marks a minor change with Pinkas’ own trailer, and only when asked', () => {
    expect(trailers(commitMessage(text({ minor: true })))).toBe('Co-authored-by: Dana Levi <dana@galil.example>\nPinkas-Minor: yes');
    expect(trailers(commitMessage(text({ minor: false })))).toBe('Co-authored-by: Dana Levi <dana@galil.example>');
  });

  it('names every file it writes', () => {
    const message = commitMessage(text({ files: [{ path: 'content/hr/parking.mdx', change: 'added' }, { path: 'content/hr/map.png', change: 'changed' }] }));
    expect(message).toContain('Files:\n- content/hr/parking.mdx (new)\n- content/hr/map.png (changed)\n');
  });
});

describe('the pull request', () => {
  it('shows the contributor’s words as words: no hidden comment, no forged marker', () => {
    const forged = proposalMarker({ id: 'ffffffffffff', submitter: 'x', path: 'content/x.md', summary: 'x', mergedWithNewerChanges: false });
    const body = pullRequestBody(text({ reason: `Because.<!-- hidden from reviewers -->\n${forged}` }), 'tag');
    expect(body).toContain('Because.&lt;!-- hidden from reviewers --&gt;');
    expect(readMarker(body)).toMatchObject({ id: 'abcdef123456', submitter: 'tag' });
  });

  it('says a minor change is one, so the reviewer can disagree', () => {
    const minor = pullRequestBody(text({ minor: true }), 'tag');
    expect(minor).toContain('- Marked as a minor change: readers who acknowledged the page are not asked again. (The commit says `Pinkas-Minor: yes`; keep that line in the message of a squash merge, or remove it if the change is not minor.)');
    expect(pullRequestBody(text(), 'tag')).not.toContain('minor');
  });

  it('describes a 3,000 → 10,000-line rewrite at once, as an estimate that says so', () => {
    const before = Array.from({ length: 3000 }, (_, i) => `Line ${i} of the old procedure, with some words.`).join('\n');
    const after = Array.from({ length: 10_000 }, (_, i) => `Row ${i} of the rewritten procedure, other words.`).join('\n');
    const started = performance.now();
    const changes = lineChanges(before, after);
    expect(performance.now() - started).toBeLessThan(3000);
    expect(changes).toMatchObject({ added: 10_000, removed: 3000, exact: false });
    expect(pullRequestBody(text({ changes }), 'tag')).toContain('- 10000 lines added, 3000 removed (estimated: the change is too large to compare line by line; see “Files changed”)');
  });

  it('describes an ordinary change exactly, with the sections it touches', () => {
    const before = '# Leave\n\nIntro.\n\n## Requesting\n\nAsk two weeks ahead.\n';
    expect(lineChanges(before, before.replace('two', 'three'))).toEqual({ added: 1, removed: 1, sections: ['Requesting'], exact: true });
  });
});

describe('the pull request title', () => {
  it('names the page once, whether or not the summary already does', () => {
    const title = (pageTitle: string, summary: string, isNew = false) => pullRequestTitle({ pageTitle, summary, isNew });
    expect(title('Annual leave', 'Correct the notice period')).toBe('Annual leave: Correct the notice period');
    expect(title('Connecting to the VPN', 'VPN: new portal address')).toBe('Connecting to the VPN: new portal address');
    expect(title('Annual leave', 'Annual leave: four weeks, not three')).toBe('Annual leave: four weeks, not three');
    expect(title('Annual leave', 'Note: the form moved')).toBe('Annual leave: Note: the form moved');
    expect(title('Parking', 'Add the parking page', true)).toBe('New page: Add the parking page');
  });
});
