/**
 * npm run bench:proposals [-- --contributors 20 --each 10]
 *
 * A load script, not a test: 20 contributors × 10 proposals each, submitted concurrently through
 * the proposal service's HTTP handler, against the `local` backend (a temporary git repository
 * holding the sample wiki) and against the GitHub test double (GitHub's REST contract, checked
 * against its OpenAPI description) — once cleanly and once with the double injecting 502s,
 * secondary rate limits and connections dropped mid-proposal. Each contributor retries a failed
 * submit with the same Idempotency-Key, as the editor does. Afterwards every proposal is checked:
 * none lost, none duplicated, each branch one commit by its contributor changing only its page.
 * Prints p50/p95 latency per run.
 */
import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readContentFolder } from '../../src/lib/content/read-content.ts';
import { GitHubBackend, resilientOctokit } from '../../src/lib/proposals/github-backend.ts';
import { handleProposals, type HttpDeps } from '../../src/lib/proposals/http.ts';
import { LocalBackend } from '../../src/lib/proposals/local-backend.ts';
import { ProposalService } from '../../src/lib/proposals/service.ts';
import type { ProposalBackend } from '../../src/lib/proposals/types.ts';
import { startGitHubDouble, type GitHubDouble } from '../lib/github-double/index.ts';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
};
const CONTRIBUTORS = arg('contributors', 20);
const EACH = arg('each', 10);
const SITE = 'https://wiki.bench.example';

interface Repo {
  backend: ProposalBackend;
  head(): string;
  /** Every proposal branch, with its commits beyond the base and what they changed. */
  inspect(): { branch: string; commits: { author: string; files: string[] }[]; file(path: string): string | undefined }[];
  pulls?(): { head: string }[];
  violations?(): string[];
  close(): Promise<void>;
}

async function samplePages(): Promise<Map<string, string>> {
  const folder = await readContentFolder(path.resolve('content'));
  return new Map(folder.pages.map((p) => [`content/${p.path}`, p.text]));
}

async function localRepo(): Promise<Repo> {
  const dir = await mkdtemp(path.join(tmpdir(), 'pinkas-bench-'));
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28 }).trim();
  git('init', '-q', '-b', 'main');
  await cp(path.resolve('content'), path.join(dir, 'content'), { recursive: true });
  git('add', '-A');
  git('-c', 'user.name=Bench', '-c', 'user.email=bench@example.com', 'commit', '-q', '-m', 'The sample wiki');
  const backend = new LocalBackend({ dir, proposalUrl: (id) => `${SITE}/proposals/#${id}` });
  return {
    backend,
    head: () => git('rev-parse', 'main'),
    inspect: () =>
      git('for-each-ref', '--format=%(refname:short)', 'refs/heads/pinkas/')
        .split('\n')
        .filter(Boolean)
        .map((branch) => ({
          branch,
          commits: git('rev-list', `main..${branch}`)
            .split('\n')
            .filter(Boolean)
            .map((sha) => ({ author: git('show', '-s', '--format=%ae', sha), files: git('diff-tree', '--no-commit-id', '--name-only', '-r', sha).split('\n').filter(Boolean) })),
          file: (p: string) => git('show', `${branch}:${p}`),
        })),
    close: () => rm(dir, { recursive: true, force: true }),
  };
}

async function githubRepo(pages: Map<string, string>): Promise<Repo & { double: GitHubDouble }> {
  // The page owners are the repository's collaborators and teams, so reviews can be requested.
  const owners = [...new Set([...pages.values()].flatMap((text) => [...text.matchAll(/"@([\w-]+(?:\/[\w.-]+)?)"/g)].map((m) => m[1]!)))];
  const double = await startGitHubDouble({
    owner: 'galil',
    repo: 'wiki',
    files: Object.fromEntries(pages),
    users: { ghp_bench: { login: 'pinkas-service', name: 'Pinkas', email: 'pinkas@bench.example' } },
    collaborators: ['pinkas-service', ...owners.filter((o) => !o.includes('/'))],
    teams: owners.filter((o) => o.includes('/')).map((o) => o.split('/')[1]!),
  });
  const quiet = { debug() {}, info() {}, warn() {}, error() {} };
  // The double needs none of the pacing GitHub asks for (1 s between writes in production).
  const backend = new GitHubBackend({
    owner: 'galil',
    repo: 'wiki',
    octokit: resilientOctokit({ baseUrl: double.url, auth: 'ghp_bench', log: quiet }, { writeIntervalMs: 0, notificationIntervalMs: 0, retryBaseMs: 20 }),
  });
  const onMain = () => {
    const seen = new Set<string>();
    const stack = [double.refs()['refs/heads/main']!];
    while (stack.length) {
      const sha = stack.pop()!;
      if (!seen.has(sha)) {
        seen.add(sha);
        stack.push(...double.commit(sha).parents);
      }
    }
    return seen;
  };
  return {
    double,
    backend,
    head: () => double.refs()['refs/heads/main']!,
    inspect: () => {
      const base = onMain();
      return Object.entries(double.refs())
        .filter(([ref]) => ref.startsWith('refs/heads/pinkas/'))
        .map(([ref, tip]) => {
          const commits = [];
          for (let sha: string | undefined = tip; sha && !base.has(sha); sha = double.commit(sha).parents[0]) {
            const c = double.commit(sha);
            commits.push({ author: c.author.email, files: double.changedFiles(c.parents[0]!, sha).map((f) => f.path) });
          }
          const branch = ref.slice('refs/heads/'.length);
          return { branch, commits, file: (p: string) => double.fileAt(branch, p) };
        });
    },
    pulls: () => double.pulls(),
    violations: () => double.violations,
    close: () => double.close(),
  };
}

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))]!;

async function run(name: string, repo: Repo, pages: Map<string, string>) {
  const service = new ProposalService({ backend: repo.backend, contentPrefix: 'content', siteUrl: SITE, rateLimits: { perMinute: 10_000, perDay: 10_000 } });
  const deps: HttpDeps = { service, identity: { mode: 'header', devUser: { name: 'x', email: 'x@x.example' } } };
  const base = repo.head();
  const paths = [...pages.keys()].filter((p) => !/\/index\.mdx?$/.test(p));
  const latencies: number[] = [];
  const expected: { id: string; email: string; path: string; marker: string }[] = [];
  let retries = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONTRIBUTORS }, async (_, c) => {
      const email = `contributor${c}@bench.example`;
      for (let j = 0; j < EACH; j++) {
        const page = paths[(c * EACH + j) % paths.length]!;
        const marker = `Benchmark note ${c}-${j}.`;
        const body = JSON.stringify({ path: page, baseCommit: base, content: `${pages.get(page)!.trimEnd()}\n\n${marker}\n`, summary: `Note ${c}-${j}` });
        const key = `bench-${c}-${j}-attempt`;
        const t0 = performance.now();
        for (let attempt = 1; ; attempt++) {
          const response = await handleProposals(
            new Request(`${SITE}/api/proposals`, {
              method: 'POST',
              headers: { 'Content-Type': 'application/json', Origin: SITE, 'X-Forwarded-Email': email, 'X-Forwarded-User': `Contributor ${c}`, 'Idempotency-Key': key },
              body,
            }),
            deps,
          );
          if (response.status === 201) {
            const proposal = (await response.json()) as { id: string };
            expected.push({ id: proposal.id, email, path: page, marker });
            break;
          }
          const problem = await response.text();
          if (response.status < 500 || attempt >= 6) throw new Error(`${email} ${page}: ${response.status} ${problem}`);
          retries++;
          await new Promise((r) => setTimeout(r, 100 * attempt));
        }
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const total = performance.now() - started;

  // Check every proposal in the repository.
  const branches = repo.inspect();
  const problems: string[] = [];
  if (new Set(expected.map((e) => e.id)).size !== CONTRIBUTORS * EACH) problems.push('duplicate proposal ids');
  if (branches.length !== CONTRIBUTORS * EACH) problems.push(`${branches.length} branches for ${CONTRIBUTORS * EACH} proposals`);
  for (const e of expected) {
    const branch = branches.find((b) => b.branch.endsWith(`-${e.id}`));
    if (!branch) problems.push(`proposal ${e.id} has no branch`);
    else if (branch.commits.length !== 1) problems.push(`${branch.branch} has ${branch.commits.length} commits`);
    else if (branch.commits[0]!.author !== e.email) problems.push(`${branch.branch} is authored by ${branch.commits[0]!.author}`);
    else if (branch.commits[0]!.files.join() !== e.path) problems.push(`${branch.branch} changes ${branch.commits[0]!.files.join(', ')}`);
    else if (!branch.file(e.path)?.includes(e.marker)) problems.push(`${branch.branch} lacks its change`);
  }
  if (repo.head() !== base) problems.push('the base branch moved');
  if (repo.pulls) {
    const pulls = repo.pulls();
    if (pulls.length !== CONTRIBUTORS * EACH) problems.push(`${pulls.length} pull requests for ${CONTRIBUTORS * EACH} proposals`);
    if (new Set(pulls.map((p) => p.head)).size !== pulls.length) problems.push('two pull requests for one branch');
  }
  const violations = repo.violations?.() ?? [];
  if (violations.length) problems.push(`${violations.length} contract violations, e.g. ${violations[0]}`);

  console.log(`\n${name}`);
  console.log(`  ${expected.length} proposals by ${CONTRIBUTORS} contributors in ${(total / 1000).toFixed(1)} s; ${branches.length} branches${repo.pulls ? `, ${repo.pulls().length} pull requests` : ''}; client retries: ${retries}`);
  console.log(`  latency p50 ${percentile(latencies, 50).toFixed(0)} ms, p95 ${percentile(latencies, 95).toFixed(0)} ms, max ${Math.max(...latencies).toFixed(0)} ms`);
  console.log(problems.length ? `  PROBLEMS:\n    ${problems.slice(0, 10).join('\n    ')}` : '  every proposal checked: none lost, none duplicated, each one commit by its contributor changing only its page');
  return problems.length === 0;
}

console.log(`Pinkas proposal benchmark — node ${process.version}, ${new Date().toISOString()}`);
const pages = await samplePages();
let ok = true;

const local = await localRepo();
ok = (await run('local backend (isomorphic-git, temporary repository)', local, pages)) && ok;
await local.close();

const clean = await githubRepo(pages);
ok = (await run('github backend, test double, no faults', clean, pages)) && ok;
await clean.close();

const faulty = await githubRepo(pages);
// Faults spread over the run: GitHub answering 502, secondary rate limits, and connections dropped
// after GitHub did the work (the branch or pull request exists, the answer is lost).
faulty.double.failNext({ kind: '502', method: 'POST', path: /\/git\/trees$/, times: 25 });
faulty.double.failNext({ kind: '502', method: 'GET', path: /\/git\/ref\//, times: 15 });
faulty.double.failNext({ kind: 'secondary-rate-limit', method: 'POST', path: /\/git\/commits$/, times: 15, retryAfter: 0 });
faulty.double.failNext({ kind: 'secondary-rate-limit', method: 'POST', path: /\/pulls$/, times: 10, retryAfter: 0 });
faulty.double.failNext({ kind: 'drop-after-apply', method: 'POST', path: /\/git\/refs$/, times: 15 });
faulty.double.failNext({ kind: 'drop-after-apply', method: 'POST', path: /\/pulls$/, times: 15 });
ok = (await run('github backend, test double, with 502s, secondary rate limits and dropped connections', faulty, pages)) && ok;
const dropped = faulty.double.log.filter((l) => l.status === 'dropped').length;
const failed = faulty.double.log.filter((l) => l.status === 502 || l.status === 403).length;
console.log(`  faults served: ${failed} failed answers (502 / 403), ${dropped} dropped connections`);
await faulty.close();

process.exit(ok ? 0 : 1);
