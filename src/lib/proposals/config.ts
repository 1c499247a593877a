/**
 * The proposal service's settings, from environment variables, validated in one place. Secrets
 * (tokens, keys, client secret, session secret) are read here on the server and never reach the
 * browser bundle.
 */
import { z } from 'zod';

const userSpec = /^\s*(.+?)\s*<([^<>\s]+@[^<>\s]+)>\s*$/;

export const serviceEnvSchema = z.object({
  PINKAS_BACKEND: z.enum(['local', 'github']).default('local'),
  PINKAS_IDENTITY: z.enum(['dev', 'header', 'github']).default('dev'),
  /** dev mode's user, "Name <email>" (default: the repository's git user, else a placeholder). */
  PINKAS_DEV_USER: z.string().regex(userSpec, 'PINKAS_DEV_USER must look like "Dana Levi <dana@example.com>"').optional(),
  /** local backend: the repository (default: the one that contains the content folder). */
  PINKAS_REPO_DIR: z.string().optional(),
  PINKAS_BASE_BRANCH: z.string().optional(),
  /** github backend */
  PINKAS_GITHUB_REPO: z.string().regex(/^[\w.-]+\/[\w.-]+$/, 'PINKAS_GITHUB_REPO must be "owner/name"').optional(),
  PINKAS_GITHUB_API_URL: z.url().default('https://api.github.com'),
  PINKAS_GITHUB_TOKEN: z.string().optional(),
  PINKAS_GITHUB_APP_ID: z.string().optional(),
  PINKAS_GITHUB_APP_PRIVATE_KEY: z.string().optional(),
  PINKAS_GITHUB_INSTALLATION_ID: z.string().optional(),
  /** The commits' committer, "Name <email>" (default: the App's bot, or the token's user). */
  PINKAS_GITHUB_COMMITTER: z.string().regex(userSpec, 'PINKAS_GITHUB_COMMITTER must look like "Pinkas <pinkas@example.com>"').optional(),
  /**
   * Milliseconds between two writes to GitHub (GitHub asks for 1 s; 0 against a test double); the
   * writes that notify people (pull request, review request) are spaced three times as much.
   */
  PINKAS_GITHUB_WRITE_INTERVAL_MS: z.coerce.number().int().min(0).default(1000),
  /** github identity (OAuth web flow) */
  PINKAS_GITHUB_CLIENT_ID: z.string().optional(),
  PINKAS_GITHUB_CLIENT_SECRET: z.string().optional(),
  PINKAS_GITHUB_OAUTH_URL: z.url().default('https://github.com'),
  PINKAS_SESSION_SECRET: z.string().min(32, 'PINKAS_SESSION_SECRET must be at least 32 characters').optional(),
  PINKAS_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(10),
  PINKAS_RATE_LIMIT_PER_DAY: z.coerce.number().int().positive().default(200),
  /** The repository-relative content folder, for the github backend (local: computed). */
  PINKAS_CONTENT_PATH: z.string().optional(),
  PINKAS_SITE: z.url().optional(),
});

export type ServiceEnv = z.output<typeof serviceEnvSchema>;

export function parseServiceEnv(env: Record<string, string | undefined>): ServiceEnv {
  const result = serviceEnvSchema.safeParse(env);
  if (!result.success) {
    throw new Error(`The proposal service is misconfigured:\n${result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  }
  const e = result.data;
  const missing = (names: string[]) => names.filter((n) => !e[n as keyof ServiceEnv]);
  const problems: string[] = [];
  if (e.PINKAS_BACKEND === 'github') {
    if (!e.PINKAS_GITHUB_REPO) problems.push('PINKAS_BACKEND=github needs PINKAS_GITHUB_REPO');
    const app = missing(['PINKAS_GITHUB_APP_ID', 'PINKAS_GITHUB_APP_PRIVATE_KEY', 'PINKAS_GITHUB_INSTALLATION_ID']);
    if (app.length && !e.PINKAS_GITHUB_TOKEN) problems.push(`PINKAS_BACKEND=github needs a GitHub App (missing ${app.join(', ')}) or PINKAS_GITHUB_TOKEN`);
  }
  if (e.PINKAS_IDENTITY === 'github') {
    const oauth = missing(['PINKAS_GITHUB_CLIENT_ID', 'PINKAS_GITHUB_CLIENT_SECRET', 'PINKAS_SESSION_SECRET']);
    if (oauth.length) problems.push(`PINKAS_IDENTITY=github needs ${oauth.join(', ')}`);
  }
  if (problems.length) throw new Error(`The proposal service is misconfigured:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  return e;
}

export function parseUser(spec: string): { name: string; email: string } {
  const m = userSpec.exec(spec);
  if (!m) throw new Error(`"${spec}" is not "Name <email>"`);
  return { name: m[1]!, email: m[2]! };
}
