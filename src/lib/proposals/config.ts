/**
 * The proposal service's settings, from environment variables, validated in one place. Secrets
 * (tokens, keys, client secret, session secret) are read here on the server and never reach the
 * browser bundle.
 *
 * The settings are a union by backend (PINKAS_BACKEND) and by sign-in mode (PINKAS_IDENTITY):
 * once one of those is known, the variables it needs are known to be there.
 */
import { z } from 'zod';

const userSpec = /^\s*(.+?)\s*<([^<>\s]+@[^<>\s]+)>\s*$/;

/** A variable the chosen `mode` (e.g. `PINKAS_BACKEND=github`) cannot do without. */
const needed = (mode: string, name: string) => z.string({ error: (issue) => (issue.input === undefined ? `${mode} needs ${name}` : undefined) });
const neededMessage = /^(PINKAS_\w+=\w+) needs (PINKAS_\w+)$/;

const commonEnv = z.object({
  /** dev mode's user, "Name <email>" (default: the repository's git user, else a placeholder). */
  PINKAS_DEV_USER: z.string().regex(userSpec, 'PINKAS_DEV_USER must look like "Dana Levi <dana@example.com>"').optional(),
  /** The branch proposals are based on (default: local, the branch checked out; github, the repository's default branch). */
  PINKAS_BASE_BRANCH: z.string().optional(),
  /** GitHub's REST API, for the github backend and the github sign-in mode. */
  PINKAS_GITHUB_API_URL: z.url().default('https://api.github.com'),
  PINKAS_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(10),
  PINKAS_RATE_LIMIT_PER_DAY: z.coerce.number().int().positive().default(200),
  PINKAS_SITE: z.url().optional(),
});

const localEnv = z.object({
  PINKAS_BACKEND: z.literal('local').default('local'),
  /** The repository (default: the one that contains the content folder). */
  PINKAS_REPO_DIR: z.string().optional(),
});

/** How the github backend signs in to GitHub: as a GitHub App installation (preferred), or with a token. */
export type GitHubAuth = { kind: 'app'; appId: string; privateKey: string; installationId: string } | { kind: 'token'; token: string };

const appVariables = ['PINKAS_GITHUB_APP_ID', 'PINKAS_GITHUB_APP_PRIVATE_KEY', 'PINKAS_GITHUB_INSTALLATION_ID'] as const;
type Credentials = Partial<Record<(typeof appVariables)[number] | 'PINKAS_GITHUB_TOKEN', string>>;

function githubAuth(env: Credentials): GitHubAuth | undefined {
  const { PINKAS_GITHUB_APP_ID: appId, PINKAS_GITHUB_APP_PRIVATE_KEY: privateKey, PINKAS_GITHUB_INSTALLATION_ID: installationId, PINKAS_GITHUB_TOKEN: token } = env;
  if (appId && privateKey && installationId) return { kind: 'app', appId, privateKey, installationId };
  return token ? { kind: 'token', token } : undefined;
}

function credentialsProblem(env: Credentials): string {
  return `PINKAS_BACKEND=github needs a GitHub App (missing ${appVariables.filter((n) => !env[n]).join(', ')}) or PINKAS_GITHUB_TOKEN`;
}

const githubEnv = z
  .object({
    PINKAS_BACKEND: z.literal('github'),
    PINKAS_GITHUB_REPO: needed('PINKAS_BACKEND=github', 'PINKAS_GITHUB_REPO').regex(/^[\w.-]+\/[\w.-]+$/, 'PINKAS_GITHUB_REPO must be "owner/name"'),
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
    /** The repository-relative content folder (the local backend computes it). */
    PINKAS_CONTENT_PATH: z.string().default('content'),
  })
  // Checked even when another variable is wrong too, so that every problem is named at once.
  .refine((env) => githubAuth(env) !== undefined, { when: () => true, error: (issue) => credentialsProblem(issue.input as Credentials) })
  .transform((env, ctx) => {
    const { PINKAS_GITHUB_TOKEN: _t, PINKAS_GITHUB_APP_ID: _a, PINKAS_GITHUB_APP_PRIVATE_KEY: _k, PINKAS_GITHUB_INSTALLATION_ID: _i, ...rest } = env;
    const auth = githubAuth(env);
    if (auth) return { ...rest, githubAuth: auth };
    ctx.issues.push({ code: 'custom', message: credentialsProblem(env), input: env });
    return z.NEVER;
  });

const devIdentityEnv = z.object({ PINKAS_IDENTITY: z.literal('dev').default('dev') });
const headerIdentityEnv = z.object({ PINKAS_IDENTITY: z.literal('header') });
const githubIdentityEnv = z.object({
  PINKAS_IDENTITY: z.literal('github'),
  /** The OAuth web flow: the GitHub App's client id and secret. */
  PINKAS_GITHUB_CLIENT_ID: needed('PINKAS_IDENTITY=github', 'PINKAS_GITHUB_CLIENT_ID'),
  PINKAS_GITHUB_CLIENT_SECRET: needed('PINKAS_IDENTITY=github', 'PINKAS_GITHUB_CLIENT_SECRET'),
  PINKAS_GITHUB_OAUTH_URL: z.url().default('https://github.com'),
  PINKAS_SESSION_SECRET: needed('PINKAS_IDENTITY=github', 'PINKAS_SESSION_SECRET').min(32, 'PINKAS_SESSION_SECRET must be at least 32 characters'),
});

export const serviceEnvSchema = commonEnv
  .and(z.discriminatedUnion('PINKAS_BACKEND', [localEnv, githubEnv], { error: 'PINKAS_BACKEND must be "local" or "github"' }))
  .and(z.discriminatedUnion('PINKAS_IDENTITY', [devIdentityEnv, headerIdentityEnv, githubIdentityEnv], { error: 'PINKAS_IDENTITY must be "dev", "header" or "github"' }));

export type ServiceEnv = z.output<typeof serviceEnvSchema>;
export type GitHubBackendEnv = Extract<ServiceEnv, { PINKAS_BACKEND: 'github' }>;
export type GitHubIdentityEnv = Extract<ServiceEnv, { PINKAS_IDENTITY: 'github' }>;

/** One line per problem; the variables one mode is missing are named together. */
function problems(issues: z.core.$ZodIssue[]): string[] {
  const lines = new Map<string, string[]>();
  for (const issue of issues) {
    const [, mode, name] = neededMessage.exec(issue.message) ?? [];
    if (mode && name) lines.set(`${mode} needs`, [...(lines.get(`${mode} needs`) ?? []), name]);
    else lines.set(issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message, []);
  }
  return [...lines].map(([line, names]) => (names.length ? `${line} ${names.join(', ')}` : line));
}

export function parseServiceEnv(env: Record<string, string | undefined>): ServiceEnv {
  const result = serviceEnvSchema.safeParse(env);
  if (!result.success) throw new Error(`The proposal service is misconfigured:\n${problems(result.error.issues).map((p) => `  ${p}`).join('\n')}`);
  return result.data;
}

export function parseUser(spec: string): { name: string; email: string } {
  const m = userSpec.exec(spec);
  if (!m) throw new Error(`"${spec}" is not "Name <email>"`);
  return { name: m[1]!, email: m[2]! };
}
