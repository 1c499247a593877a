/**
 * The groups of the person making a request, by sign-in mode: in `header` mode the sign-in proxy
 * sends them in `X-Forwarded-Groups` (comma-separated, as oauth2-proxy does); in `dev` mode they are
 * the configured PINKAS_DEV_GROUPS; GitHub sign-in has none (such a wiki's audiences are `all`).
 * Like the identity headers, the groups header is believed only in `header` mode. `undefined`
 * means "not said" (no header, no PINKAS_DEV_GROUPS): the groups already known (a roster) stand.
 */
import type { IdentityMode } from '../proposals/wire.ts';
import { normalizeGroups } from './audience.ts';

const MAX_GROUPS = 500;
const MAX_GROUP = 200;

export function parseGroups(text: string | null | undefined): string[] {
  if (!text) return [];
  const names = text
    .split(',')
    .map((g) => g.trim())
    .filter((g) => g && g.length <= MAX_GROUP && !/[\u0000-\u001f\u007f]/.test(g));
  return normalizeGroups(names).slice(0, MAX_GROUPS);
}

export function groupsOf(request: Request, mode: IdentityMode, devGroups?: readonly string[]): string[] | undefined {
  switch (mode) {
    case 'header': {
      const header = request.headers.get('x-forwarded-groups');
      return header === null ? undefined : parseGroups(header);
    }
    case 'dev':
      return devGroups === undefined ? undefined : normalizeGroups(devGroups);
    case 'github':
      return undefined;
  }
}
