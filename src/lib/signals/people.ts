/**
 * People are learned as they sign in: whenever a signed-in request reaches the readers' signals
 * service, the person (e-mail, name, groups) is written to the store — at most once in ten minutes
 * per person and process unless their groups changed, so reading a page costs no write.
 */
import type { Identity } from '../proposals/types.ts';
import type { Store } from '../store/types.ts';

const REFRESH_MS = 10 * 60 * 1000;
const REMEMBERED = 10_000;

export class PeopleLearner {
  readonly #seen = new Map<string, { key: string; at: number }>();

  /** `groups` undefined: not said by the sign-in, so the groups already known stand. */
  async learn(store: Store, identity: Identity, groups: string[] | undefined, now: Date): Promise<void> {
    const email = identity.email.toLowerCase();
    const key = `${identity.name}\n${groups?.join(',') ?? '(unsaid)'}`;
    const last = this.#seen.get(email);
    if (last && last.key === key && now.getTime() - last.at < REFRESH_MS) return;
    await store.upsertPerson({ email, name: identity.name, groups, seenAt: now });
    if (this.#seen.size >= REMEMBERED) this.#seen.clear();
    this.#seen.set(email, { key, at: now.getTime() });
  }
}
