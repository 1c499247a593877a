/**
 * A small wiki as the readers' signals service sees it (the build's page facts), and the service's
 * dependencies over a given store, for the HTTP tests of src/lib/signals/.
 */
import type { IdentityConfig } from '../../src/lib/proposals/identity.ts';
import type { SignalsDeps } from '../../src/lib/signals/deps.ts';
import { buildManifest, PageIndex, type PageInput } from '../../src/lib/signals/manifest.ts';
import { defaultSignalLimits, type SignalLimits } from '../../src/lib/signals/rate-limit.ts';
import type { Store } from '../../src/lib/store/types.ts';

export const SITE = 'https://wiki.galil.example';
export const FORKLIFT_HASH = 'a'.repeat(40);

const commits = (...ids: string[]) => ids.map((commit) => ({ commit }));

export const samplePages: PageInput[] = [
  { slug: '', title: 'Home', lang: 'en', path: 'index.md', repoPath: 'content/index.md', acknowledge: [], revisions: commits('c1') },
  { slug: 'hr/leave', title: 'Annual leave', lang: 'en', path: 'hr/leave.mdx', repoPath: 'content/hr/leave.mdx', acknowledge: [], revisions: commits('c2', 'c1'), contentHash: 'b'.repeat(40) },
  // Revision 3 (c5) is a typo fix marked minor: acknowledgements of revision 2 still count.
  { slug: 'safety/forklift', title: 'Forklift safety', lang: 'en', path: 'safety/forklift.md', repoPath: 'content/safety/forklift.md', acknowledge: ['Warehouse'], revisions: commits('c5', 'c3', 'c1'), contentHash: FORKLIFT_HASH },
  { slug: 'safety/fire', title: 'פינוי בשריפה', lang: 'he', path: 'safety/fire.md', acknowledge: ['all'], revisions: commits('c4'), contentHash: 'c'.repeat(40) },
  { slug: 'safety', title: 'Safety', lang: 'en', path: '', acknowledge: [], revisions: [] },
];

export const sampleIndex = () => new PageIndex(buildManifest({ base: '/', pages: samplePages, minorCommits: new Set(['c5']) }));

export const devIdentity: IdentityConfig = { mode: 'dev', devUser: { name: 'Dev User', email: 'dev@galil.example' } };
export const headerIdentity: IdentityConfig = { mode: 'header', devUser: devIdentity.devUser };

export function signalsDeps(store: Store, options: { identity?: IdentityConfig; limits?: Partial<SignalLimits>; index?: PageIndex; now?: () => Date } = {}): SignalsDeps {
  const index = options.index ?? sampleIndex();
  return {
    store,
    pages: async () => index,
    identity: async () => options.identity ?? headerIdentity,
    allowedOrigins: [],
    limits: { ...defaultSignalLimits, ...options.limits },
    ...(options.now ? { now: options.now } : {}),
  };
}

/** A same-origin request from the wiki's own pages, as a browser sends it. */
export function request(path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}): Request {
  const method = init.method ?? (init.body === undefined ? 'GET' : 'POST');
  return new Request(`${SITE}${path}`, {
    method,
    headers: {
      ...(method === 'POST' ? { 'Content-Type': 'application/json', Origin: SITE, 'Sec-Fetch-Site': 'same-origin' } : {}),
      ...init.headers,
    },
    ...(init.body === undefined ? {} : { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) }),
  });
}

/** The sign-in proxy's headers for one person (header mode). */
export function signedInAs(email: string, groups: string[] = [], name?: string): Record<string, string> {
  return { 'X-Forwarded-Email': email, ...(name ? { 'X-Forwarded-User': name } : {}), ...(groups.length ? { 'X-Forwarded-Groups': groups.join(',') } : {}) };
}
