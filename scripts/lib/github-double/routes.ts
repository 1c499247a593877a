/**
 * The REST endpoints the double implements, keyed by `METHOD /path/template` as written in GitHub's
 * OpenAPI description. Each takes a parsed, already authenticated request and returns a reply; domain
 * errors are thrown as ApiError.
 */
import { GitError, modeType, type GitMode, type Person, type TreeChange } from './git-model.ts';
import { newToken, type AppOptions, type Principal, type UserRecord } from './auth.ts';
import type { Views } from './representations.ts';
import { ApiError, notFound, nowIso, unprocessable, type PullRecord, type RepoState } from './state.ts';

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Bytes to send instead of `body` when the client asked for a raw media type. */
  raw?: Buffer;
  /** Set for responses GitHub gives on any route (401, rate limits, …): validated as basic-error. */
  generic?: boolean;
}

export interface RouteContext {
  state: RepoState;
  views: Views;
  params: Record<string, string>;
  query: URLSearchParams;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  principal: Principal;
  app: AppOptions | undefined;
  /** Logins that may be requested as reviewers (undefined: any known user). */
  collaborators: Set<string> | undefined;
  /** Tokens issued to installations. */
  installationTokens: Map<string, { installationId: number; expiresAt: number }>;
}

type Route = (ctx: RouteContext) => Reply;

/** The git identity of whoever is calling. */
export function identityOf(principal: Principal): UserRecord {
  if (principal.kind === 'user') return principal.user;
  if (principal.kind === 'installation') return principal.bot;
  throw new ApiError(401, { message: 'A JSON web token could not be decoded' }, true);
}

function person(input: { name?: string; email?: string; date?: string } | undefined, fallback: Person, field: string): Person {
  if (!input) return fallback;
  if (!input.name || !input.email) throw unprocessable(`Invalid request.\n\n"name" and "email" are required in ${field}.`);
  return { name: input.name, email: input.email, date: input.date ?? fallback.date };
}

function userIdentity(user: UserRecord): Person {
  return { name: user.name ?? user.login, email: user.email, date: nowIso() };
}

const TYPE_OF_MODE: Record<string, string> = { '100644': 'blob', '100755': 'blob', '120000': 'blob', '040000': 'tree', '160000': 'commit' };

function refName(param: string): string {
  return param.startsWith('refs/') ? param : `refs/${param}`;
}

function commitOrThrow(state: RepoState, ref: string): string {
  const sha = state.resolveCommitish(ref);
  if (!sha) throw new ApiError(404, { message: `No commit found for the ref ${ref}` }, true);
  return sha;
}

function canPush(principal: Principal) {
  return principal.kind === 'installation'
    ? { admin: false, maintain: false, push: true, triage: true, pull: true }
    : { admin: true, maintain: true, push: true, triage: true, pull: true };
}

export const routes: Record<string, Route> = {
  'GET /repos/{owner}/{repo}': ({ views, principal }) => ({ status: 200, body: views.repository(canPush(principal), true) }),

  // ---- git database --------------------------------------------------------------------------

  'GET /repos/{owner}/{repo}/git/ref/{ref}': ({ state, views, params }) => {
    const ref = refName(params.ref!);
    const sha = state.refs.get(ref);
    if (!sha) throw notFound();
    return { status: 200, body: views.gitRef(ref, sha) };
  },

  'GET /repos/{owner}/{repo}/git/commits/{commit_sha}': ({ state, views, params }) => {
    const sha = params.commit_sha!.toLowerCase();
    if (!state.git.has(sha, 'commit')) throw notFound();
    return { status: 200, body: views.gitCommit(state.commit(sha)) };
  },

  'GET /repos/{owner}/{repo}/git/blobs/{file_sha}': ({ state, views, params }) => {
    const sha = params.file_sha!.toLowerCase();
    if (!state.git.has(sha, 'blob')) throw notFound();
    const data = state.git.readBlob(sha);
    return {
      status: 200,
      body: {
        sha,
        node_id: Buffer.from(`04:Blob${sha}`).toString('base64'),
        size: data.length,
        url: views.blob(sha).url,
        content: data.toString('base64').replace(/.{60}/g, '$&\n') + '\n',
        encoding: 'base64',
      },
      raw: data,
    };
  },

  'GET /repos/{owner}/{repo}/git/trees/{tree_sha}': ({ state, views, params, query }) => {
    const ref = params.tree_sha!;
    let sha = state.git.has(ref, 'tree') ? ref : undefined;
    if (!sha) {
      const commit = state.resolveCommitish(ref);
      if (commit) sha = state.commit(commit).tree;
    }
    if (!sha) throw notFound();
    const recursive = query.has('recursive') && !['0', 'false', ''].includes(query.get('recursive')!);
    return { status: 200, body: views.tree(sha, recursive) };
  },

  'POST /repos/{owner}/{repo}/git/blobs': ({ state, views, body }) => {
    const encoding = body.encoding ?? 'utf-8';
    let data: Buffer;
    if (encoding === 'utf-8' || encoding === 'utf8') data = Buffer.from(body.content, 'utf8');
    else if (encoding === 'base64') {
      const text = String(body.content).replace(/\s+/g, '');
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) throw unprocessable('Invalid request.\n\ncontent is not valid Base64.');
      data = Buffer.from(text, 'base64');
    } else throw unprocessable(`Invalid request.\n\nencoding ${JSON.stringify(encoding)} is not one of utf-8, base64.`);
    const blob = views.blob(state.git.writeBlob(data));
    return { status: 201, body: blob, headers: { location: blob.url } };
  },

  'POST /repos/{owner}/{repo}/git/trees': ({ state, views, body }) => {
    const base: string | undefined = body.base_tree;
    if (base !== undefined && !state.git.has(base, 'tree')) throw unprocessable('Invalid request.\n\nbase_tree is not a valid tree oid.');
    const changes: TreeChange[] = [];
    (body.tree as { path?: string; mode?: string; type?: string; sha?: string | null; content?: string }[]).forEach((entry, i) => {
      const where = `tree.${i}`;
      if (!entry.path || entry.path.startsWith('/') || entry.path.endsWith('/') || entry.path.split('/').some((p) => !p || p === '.' || p === '..')) {
        throw unprocessable(`Invalid request.\n\n${where}.path ${JSON.stringify(entry.path ?? null)} is not a valid path.`);
      }
      if (!entry.mode || !entry.type) throw unprocessable(`Invalid request.\n\n${where}: "mode" and "type" are required.`);
      if (TYPE_OF_MODE[entry.mode] !== entry.type) throw unprocessable(`Invalid request.\n\n${where}: mode ${entry.mode} does not match type ${entry.type}.`);
      if ('sha' in entry && 'content' in entry) throw unprocessable(`Invalid request.\n\n${where}: use either tree.sha or content, not both.`);
      const mode = (entry.mode === '040000' ? '40000' : entry.mode) as GitMode;
      let sha: string | null;
      if (entry.content !== undefined) {
        if (entry.type !== 'blob') throw unprocessable(`Invalid request.\n\n${where}: content can only be given for a blob.`);
        sha = state.git.writeBlob(entry.content);
      } else if (entry.sha === null) {
        sha = null;
      } else if (typeof entry.sha === 'string') {
        sha = entry.sha.toLowerCase();
        if (entry.type !== 'commit' && !state.git.has(sha, modeType(mode))) {
          throw unprocessable(`Invalid request.\n\n${where}: tree.sha ${entry.sha} is not a valid ${entry.type}.`);
        }
      } else {
        throw unprocessable(`Invalid request.\n\n${where}: must supply either tree.sha or content.`);
      }
      changes.push({ path: entry.path, mode, sha });
    });
    let sha: string;
    try {
      sha = state.git.updateTree(base, changes);
    } catch (e) {
      if (e instanceof GitError) throw unprocessable('GitRPC::BadObjectState');
      throw e;
    }
    const tree = views.tree(sha);
    return { status: 201, body: tree, headers: { location: tree.url } };
  },

  'POST /repos/{owner}/{repo}/git/commits': ({ state, views, body, principal }) => {
    if (!state.git.has(String(body.tree).toLowerCase(), 'tree')) throw unprocessable('Tree SHA does not exist');
    const parents = ((body.parents ?? []) as string[]).map((p) => p.toLowerCase());
    for (const p of parents) if (!state.git.has(p, 'commit')) throw unprocessable('Parent SHA does not exist or is not a commit object');
    // As documented: the author defaults to the authenticated user, the committer to the author.
    const author = person(body.author, userIdentity(identityOf(principal)), 'author');
    const committer = body.committer ? person(body.committer, { ...author, date: nowIso() }, 'committer') : author;
    let sha: string;
    try {
      sha = state.git.writeCommit({ tree: String(body.tree).toLowerCase(), parents, author, committer, message: body.message, signature: body.signature });
    } catch (e) {
      if (e instanceof GitError) throw unprocessable(`Invalid request.\n\n${e.message}`);
      throw e;
    }
    const commit = views.gitCommit(state.commit(sha));
    return { status: 201, body: commit, headers: { location: commit.url } };
  },

  'POST /repos/{owner}/{repo}/git/refs': ({ state, views, body }) => {
    const ref: string = body.ref;
    if (!/^refs\/[^/]+\/.+/.test(ref) || /\.\.|[~^:?*[\\\s]|\/$|\.lock$|@\{/.test(ref)) {
      throw unprocessable(`${ref} is not a valid ref name.`);
    }
    const sha = String(body.sha).toLowerCase();
    if (!state.git.has(sha)) throw unprocessable('Object does not exist');
    if (state.refs.has(ref)) throw unprocessable('Reference already exists');
    if (ref.startsWith('refs/heads/') && !state.git.has(sha, 'commit')) throw unprocessable('Object is not a commit');
    state.setRef(ref, sha);
    const out = views.gitRef(ref, sha);
    return { status: 201, body: out, headers: { location: out.url } };
  },

  'PATCH /repos/{owner}/{repo}/git/refs/{ref}': ({ state, views, params, body }) => {
    const ref = refName(params.ref!);
    const current = state.refs.get(ref);
    if (!current) throw unprocessable('Reference does not exist');
    const sha = String(body.sha).toLowerCase();
    if (!state.git.has(sha, 'commit')) throw unprocessable('Object does not exist');
    if (!body.force && !state.git.isAncestor(current, sha)) throw unprocessable('Update is not a fast forward');
    state.setRef(ref, sha);
    return { status: 200, body: views.gitRef(ref, sha) };
  },

  'DELETE /repos/{owner}/{repo}/git/refs/{ref}': ({ state, params }) => {
    const ref = refName(params.ref!);
    if (!state.refs.has(ref)) throw unprocessable('Reference does not exist');
    if (ref === `refs/heads/${state.defaultBranch}`) throw unprocessable('Cannot delete the default branch');
    state.refs.delete(ref);
    return { status: 204 };
  },

  // ---- contents --------------------------------------------------------------------------------

  'GET /repos/{owner}/{repo}/contents/{path}': ({ state, views, params, query }) => {
    const ref = query.get('ref') ?? state.defaultBranch;
    const commit = commitOrThrow(state, ref);
    const path = params.path!.replace(/^\/+|\/+$/g, '');
    const entry = state.git.lookup(state.commit(commit).tree, path);
    if (!entry) throw notFound();
    if (entry.mode === '40000') {
      const listing = state.git.readTree(entry.sha).map((e) => views.content(e, path ? `${path}/${e.name}` : e.name, ref, false));
      return { status: 200, body: listing };
    }
    const body = views.content(entry, path, ref, true);
    return { status: 200, body, raw: entry.mode === '160000' ? undefined : state.git.readBlob(entry.sha) };
  },

  // ---- pull requests ---------------------------------------------------------------------------

  'GET /repos/{owner}/{repo}/pulls': ({ state, views, query }) => {
    const filter = query.get('state') ?? 'open';
    const head = query.get('head');
    const base = query.get('base');
    const sort = query.get('sort') ?? 'created';
    const direction = query.get('direction') ?? (sort === 'created' ? 'desc' : 'asc');
    const perPage = Math.min(Math.max(Number(query.get('per_page') ?? 30), 1), 100);
    const page = Math.max(Number(query.get('page') ?? 1), 1);
    let pulls = [...state.pulls.values()].filter((pr) => filter === 'all' || pr.state === filter);
    if (head) {
      const [user, branch] = head.includes(':') ? head.split(/:(.*)/s) : [head, undefined];
      pulls = pulls.filter((pr) => user!.toLowerCase() === state.owner.toLowerCase() && (branch === undefined || pr.headRef === branch));
    }
    if (base) pulls = pulls.filter((pr) => pr.baseRef === base);
    const key = (pr: PullRecord) => (sort === 'updated' ? pr.updatedAt : pr.createdAt);
    pulls.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.number - b.number));
    if (direction === 'desc') pulls.reverse();
    const last = Math.max(Math.ceil(pulls.length / perPage), 1);
    const pageOf = pulls.slice((page - 1) * perPage, page * perPage);
    const link = (n: number, rel: string) => {
      const q = new URLSearchParams(query);
      q.set('per_page', String(perPage));
      q.set('page', String(n));
      return `<${views.repoApi}/pulls?${q}>; rel="${rel}"`;
    };
    const links = [
      ...(page > 1 ? [link(page - 1, 'prev')] : []),
      ...(page < last ? [link(page + 1, 'next'), link(last, 'last')] : []),
      ...(page > 1 ? [link(1, 'first')] : []),
    ];
    const headers: Record<string, string> = links.length ? { link: links.join(', ') } : {};
    return { status: 200, body: pageOf.map((pr) => views.pullSimple(pr)), headers };
  },

  'POST /repos/{owner}/{repo}/pulls': ({ state, views, body, principal }) => {
    const invalid = (field: string) => unprocessable('Validation Failed', [{ resource: 'PullRequest', field, code: 'invalid' }]);
    if (body.issue !== undefined) throw unprocessable('Validation Failed', [{ resource: 'PullRequest', field: 'issue', code: 'custom', message: 'converting issues is not supported by the double' }]);
    if (!body.title) throw unprocessable('Validation Failed', [{ resource: 'PullRequest', field: 'title', code: 'missing_field' }]);
    let headRef: string = body.head;
    if (headRef.includes(':')) {
      const [owner, branch] = headRef.split(/:(.*)/s);
      if (owner!.toLowerCase() !== state.owner.toLowerCase()) throw invalid('head');
      headRef = branch!;
    }
    const headSha = state.branchSha(headRef);
    if (!headSha) throw invalid('head');
    const baseSha = state.branchSha(body.base);
    if (!baseSha) throw invalid('base');
    const duplicate = [...state.pulls.values()].find((pr) => pr.state === 'open' && pr.headRef === headRef && pr.baseRef === body.base);
    if (duplicate) {
      throw unprocessable('Validation Failed', [{ resource: 'PullRequest', code: 'custom', message: `A pull request already exists for ${state.owner}:${headRef}.` }]);
    }
    if (state.git.commitsBetween(baseSha, headSha).length === 0) {
      throw unprocessable('Validation Failed', [{ resource: 'PullRequest', code: 'custom', message: `No commits between ${body.base} and ${headRef}` }]);
    }
    const now = nowIso();
    const pr: PullRecord = {
      number: state.takeNumber(),
      id: state.id(),
      title: body.title,
      body: body.body ?? null,
      user: identityOf(principal),
      headRef,
      headSha,
      baseRef: body.base,
      state: 'open',
      draft: body.draft ?? false,
      maintainerCanModify: body.maintainer_can_modify ?? false,
      createdAt: now,
      updatedAt: now,
      closedAt: null,
      mergedAt: null,
      mergeCommitSha: null,
      mergedBy: null,
      labels: [],
      requestedReviewers: [],
      requestedTeams: [],
    };
    state.pulls.set(pr.number, pr);
    const out = views.pullFull(pr);
    return { status: 201, body: out, headers: { location: out.url } };
  },

  'GET /repos/{owner}/{repo}/pulls/{pull_number}': ({ state, views, params }) => ({ status: 200, body: views.pullFull(state.pull(Number(params.pull_number))) }),

  'PATCH /repos/{owner}/{repo}/pulls/{pull_number}': ({ state, views, params, body }) => {
    const pr = state.pull(Number(params.pull_number));
    if (body.base !== undefined) {
      if (!state.branchSha(body.base)) throw unprocessable('Validation Failed', [{ resource: 'PullRequest', field: 'base', code: 'invalid' }]);
      pr.baseRef = body.base;
    }
    if (body.title !== undefined) pr.title = body.title;
    if (body.body !== undefined) pr.body = body.body;
    if (body.state !== undefined && pr.mergedAt === null) {
      if (body.state === 'open' && pr.state === 'closed') {
        const duplicate = [...state.pulls.values()].some((o) => o !== pr && o.state === 'open' && o.headRef === pr.headRef && o.baseRef === pr.baseRef);
        if (duplicate) throw unprocessable('Validation Failed', [{ resource: 'PullRequest', code: 'custom', message: `A pull request already exists for ${state.owner}:${pr.headRef}.` }]);
        pr.headSha = state.branchSha(pr.headRef) ?? pr.headSha;
        pr.closedAt = null;
      }
      if (body.state === 'closed' && pr.state === 'open') pr.closedAt = nowIso();
      pr.state = body.state;
    }
    pr.updatedAt = nowIso();
    return { status: 200, body: views.pullFull(pr) };
  },

  // ---- issues (which list pull requests too) ----------------------------------------------------

  'GET /repos/{owner}/{repo}/issues': ({ state, views, query }) => {
    const filter = query.get('state') ?? 'open';
    // Every label named must be on the issue (GitHub's `labels` filter), compared without case.
    const wanted = (query.get('labels') ?? '').split(',').map((l) => l.trim().toLowerCase()).filter(Boolean);
    const sort = query.get('sort') ?? 'created';
    if (sort !== 'created') throw unprocessable(`The double sorts issues by creation only, not by ${sort}.`);
    const direction = query.get('direction') ?? 'desc';
    const perPage = Math.min(Math.max(Number(query.get('per_page') ?? 30), 1), 100);
    const page = Math.max(Number(query.get('page') ?? 1), 1);
    const items = [
      ...[...state.pulls.values()].map((pull) => ({ kind: 'pull' as const, pull, number: pull.number, state: pull.state, labels: pull.labels, createdAt: pull.createdAt })),
      ...[...state.issues.values()].map((issue) => ({ kind: 'issue' as const, issue, number: issue.number, state: 'open' as const, labels: issue.labels, createdAt: issue.createdAt })),
    ]
      .filter((item) => filter === 'all' || item.state === filter)
      .filter((item) => wanted.every((label) => item.labels.some((l) => l.toLowerCase() === label)))
      .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.number - b.number));
    if (direction === 'desc') items.reverse();
    const last = Math.max(Math.ceil(items.length / perPage), 1);
    const link = (n: number, rel: string) => {
      const q = new URLSearchParams(query);
      q.set('per_page', String(perPage));
      q.set('page', String(n));
      return `<${views.repoApi}/issues?${q}>; rel="${rel}"`;
    };
    const links = [...(page > 1 ? [link(page - 1, 'prev'), link(1, 'first')] : []), ...(page < last ? [link(page + 1, 'next'), link(last, 'last')] : [])];
    const body = items.slice((page - 1) * perPage, page * perPage).map((item) => views.issue(item));
    return { status: 200, body, ...(links.length ? { headers: { link: links.join(', ') } } : {}) };
  },

  'POST /repos/{owner}/{repo}/issues/{issue_number}/labels': ({ state, views, params, body }) => {
    const labels = state.labelsOf(Number(params.issue_number));
    for (const item of (body?.labels ?? []) as (string | { name: string })[]) {
      const label = state.label(typeof item === 'string' ? item : item.name);
      if (!labels.some((l) => l.toLowerCase() === label.name.toLowerCase())) labels.push(label.name);
    }
    const target = state.pulls.get(Number(params.issue_number));
    if (target) target.updatedAt = nowIso();
    return { status: 200, body: labels.map((name) => views.label(state.label(name))) };
  },

  'POST /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers': ({ state, views, params, body, collaborators }) => {
    const pr = state.pull(Number(params.pull_number));
    const reviewers = (body?.reviewers ?? []) as string[];
    const teams = (body?.team_reviewers ?? []) as string[];
    if (reviewers.length === 0 && teams.length === 0) {
      throw unprocessable('Invalid request.\n\nNo subschema in "anyOf" matched.\n"reviewers" wasn\'t supplied.\n"team_reviewers" wasn\'t supplied.');
    }
    if (reviewers.some((login) => login.toLowerCase() === pr.user.login.toLowerCase())) {
      throw unprocessable('Review cannot be requested from pull request author.');
    }
    const notCollaborator = reviewers.some((login) => (collaborators ? !collaborators.has(login.toLowerCase()) : !state.knownUser(login)));
    const badTeam = teams.some((slug) => !state.teams.has(slug.toLowerCase())) || (teams.length > 0 && state.ownerUser.type !== 'Organization');
    if (notCollaborator || badTeam) {
      throw unprocessable(
        `Reviews may only be requested from collaborators. One or more of the users or teams you specified is not a collaborator of the ${state.owner}/${state.name} repository.`,
      );
    }
    for (const login of reviewers) {
      const user = state.user(login);
      if (!pr.requestedReviewers.some((l) => l.toLowerCase() === user.login.toLowerCase())) pr.requestedReviewers.push(user.login);
    }
    for (const slug of teams) {
      const team = state.team(slug);
      if (!pr.requestedTeams.includes(team.slug)) pr.requestedTeams.push(team.slug);
    }
    pr.updatedAt = nowIso();
    return { status: 201, body: views.pullSimple(pr) };
  },

  // ---- users -----------------------------------------------------------------------------------

  'GET /user': ({ views, principal }) => {
    if (principal.kind !== 'user') throw new ApiError(403, { message: 'Resource not accessible by integration' });
    return { status: 200, body: views.privateUser(principal.user) };
  },

  'GET /user/emails': ({ principal }) => {
    if (principal.kind !== 'user') throw new ApiError(403, { message: 'Resource not accessible by integration' });
    return { status: 200, body: [{ email: principal.user.email, primary: true, verified: true, visibility: 'private' }] };
  },

  // ---- GitHub App ------------------------------------------------------------------------------

  'POST /app/installations/{installation_id}/access_tokens': ({ params, app, installationTokens }) => {
    const id = Number(params.installation_id);
    if (!app || !(app.installations ?? [1]).includes(id)) throw notFound();
    const token = newToken('ghs');
    const expiresAt = Date.now() + 3600_000;
    installationTokens.set(token, { installationId: id, expiresAt });
    return {
      status: 201,
      body: {
        token,
        expires_at: new Date(expiresAt).toISOString().replace(/\.\d{3}Z$/, 'Z'),
        permissions: app.permissions ?? { contents: 'write', pull_requests: 'write', issues: 'write', metadata: 'read' },
        repository_selection: 'all',
      },
    };
  },
};

/** Routes that take the App's JWT rather than a user or installation token. */
export const APP_ROUTES = new Set(['POST /app/installations/{installation_id}/access_tokens']);
