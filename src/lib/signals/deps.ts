import type { IdentityConfig } from '../proposals/identity.ts';
import type { Store } from '../store/types.ts';
import type { PageIndex } from './manifest.ts';
import type { SignalLimits } from './rate-limit.ts';

/** What the readers' signals endpoints work with; src/server/signals.ts makes it from the environment. */
export interface SignalsDeps {
  store: Store;
  /** The pages as built (the build's manifest). */
  pages(): Promise<PageIndex>;
  /** The sign-in mode and its settings, the same as the proposal service's. */
  identity(): Promise<IdentityConfig>;
  /** Origins allowed to POST besides the request's own (the public site URL behind a proxy). */
  allowedOrigins?: string[];
  limits: SignalLimits;
  /** `dev` sign-in: the developer's groups (PINKAS_DEV_GROUPS). */
  devGroups?: string[];
  now?: () => Date;
}

export const clock = (deps: SignalsDeps): Date => deps.now?.() ?? new Date();
