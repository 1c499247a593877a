/** The readers' signals service's settings, from environment variables, validated in one place. */
import { z } from 'zod';
import { defaultSignalLimits, type SignalLimits } from './rate-limit.ts';

const unsetIfEmpty = (value: unknown) => (value === '' ? undefined : value);
const perMinute = (fallback: number) => z.preprocess(unsetIfEmpty, z.coerce.number().int().min(1).max(10_000_000).default(fallback));

const signalsEnv = z.object({
  PINKAS_SIGNALS_SEARCH_PER_MINUTE: perMinute(defaultSignalLimits.searchPerMinute),
  PINKAS_SIGNALS_FEEDBACK_PER_MINUTE: perMinute(defaultSignalLimits.feedbackPerMinute),
  PINKAS_ACKNOWLEDGEMENTS_PER_MINUTE: perMinute(defaultSignalLimits.acknowledgementsPerMinute),
  /** `dev` sign-in: the developer's groups, comma-separated. */
  PINKAS_DEV_GROUPS: z.preprocess(unsetIfEmpty, z.string().optional()),
  /** The build's page facts (default: pages.json beside the server entry). */
  PINKAS_PAGES_MANIFEST: z.preprocess(unsetIfEmpty, z.string().optional()),
  PINKAS_SITE: z.preprocess(unsetIfEmpty, z.url().optional()),
});

export interface SignalsConfig {
  limits: SignalLimits;
  /** Undefined when PINKAS_DEV_GROUPS is not set. */
  devGroups?: string[];
  manifestFile?: string;
  allowedOrigins: string[];
}

export function signalsConfig(env: Record<string, string | undefined>): SignalsConfig {
  const result = signalsEnv.safeParse(env);
  if (!result.success) {
    throw new Error(`Invalid readers' signals configuration:\n${result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  }
  const e = result.data;
  return {
    limits: { searchPerMinute: e.PINKAS_SIGNALS_SEARCH_PER_MINUTE, feedbackPerMinute: e.PINKAS_SIGNALS_FEEDBACK_PER_MINUTE, acknowledgementsPerMinute: e.PINKAS_ACKNOWLEDGEMENTS_PER_MINUTE },
    ...(e.PINKAS_DEV_GROUPS === undefined ? {} : { devGroups: e.PINKAS_DEV_GROUPS.split(',').map((g) => g.trim()).filter(Boolean) }),
    ...(e.PINKAS_PAGES_MANIFEST ? { manifestFile: e.PINKAS_PAGES_MANIFEST } : {}),
    allowedOrigins: e.PINKAS_SITE ? [new URL(e.PINKAS_SITE).origin] : [],
  };
}
