/**
 * GitHub CODEOWNERS: which owners a path has. The last matching line wins, as on GitHub. Patterns:
 * `*` (any run of characters but /), `**` (any folders), a leading `/` (anchored at the root), a
 * trailing `/` (a folder and all below it); a pattern without a `/` matches at any depth.
 */
export function codeOwners(codeowners: string, path: string): string[] {
  let owners: string[] = [];
  for (const raw of codeowners.split('\n')) {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (!line) continue;
    const [pattern = '', ...who] = line.split(/\s+/);
    if (patternToRegExp(pattern).test(path)) owners = who;
  }
  return owners;
}

function patternToRegExp(pattern: string): RegExp {
  const anchored = pattern.startsWith('/') || pattern.slice(0, -1).includes('/');
  let p = pattern.replace(/^\//, '');
  const folder = p.endsWith('/');
  if (folder) p = p.slice(0, -1);
  const body = p
    .split(/(\*\*\/?|\*|\?)/)
    .map((part) => (part === '**/' || part === '**' ? '(?:.*/)?' : part === '*' ? '[^/]*' : part === '?' ? '[^/]' : part.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${anchored ? '' : '(?:.*/)?'}${body}(?:/.*)?$`);
}

/** Splits `@user` and `@org/team` owners into GitHub reviewers; other owners (emails, names) are not requestable. */
export function reviewersFrom(owners: string[], exceptLogin?: string): { users: string[]; teams: string[] } {
  const users = new Set<string>();
  const teams = new Set<string>();
  for (const owner of owners) {
    const m = /^@([A-Za-z0-9-]+)(?:\/([A-Za-z0-9_.-]+))?$/.exec(owner.trim());
    if (!m) continue;
    if (m[2]) teams.add(m[2]);
    else if (m[1]!.toLowerCase() !== exceptLogin?.toLowerCase()) users.add(m[1]!);
  }
  return { users: [...users], teams: [...teams] };
}
