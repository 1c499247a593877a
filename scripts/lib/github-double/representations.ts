/**
 * The JSON GitHub answers with, built from the double's state: users, repositories, git objects,
 * contents, labels and pull requests, with the URLs pointing back at the double.
 */
import { diffLines } from 'diff';
import { modeType, type Commit, type TreeEntry } from './git-model.ts';
import type { UserRecord } from './auth.ts';
import type { IssueRecord, LabelRecord, PullRecord, RepoState, TeamRecord } from './state.ts';

const HTML = 'https://github.com';

const nodeId = (kind: string, id: number) => Buffer.from(`0${kind.length}:${kind}${id}`).toString('base64');
const seg = (s: string) => encodeURIComponent(s);
const pathUrl = (path: string) => path.split('/').map(seg).join('/');

export class Views {
  /** The double's base URL, set once the server listens. */
  api: string;
  readonly state: RepoState;
  /** The most entries a recursive tree answer holds before it is `truncated` (GitHub: 100,000). */
  readonly treeEntryLimit: number;

  // (No parameter properties: the benchmarks run this file with Node's type stripping.)
  constructor(api: string, state: RepoState, treeEntryLimit = 100_000) {
    this.api = api;
    this.state = state;
    this.treeEntryLimit = treeEntryLimit;
  }

  get repoApi(): string {
    return `${this.api}/repos/${seg(this.state.owner)}/${seg(this.state.name)}`;
  }

  get repoHtml(): string {
    return `${HTML}/${seg(this.state.owner)}/${seg(this.state.name)}`;
  }

  simpleUser(u: UserRecord) {
    const url = `${this.api}/users/${seg(u.login)}`;
    return {
      login: u.login,
      id: u.id,
      node_id: nodeId(u.type === 'Bot' ? 'Bot' : u.type === 'Organization' ? 'Organization' : 'User', u.id),
      avatar_url: `https://avatars.githubusercontent.com/u/${u.id}?v=4`,
      gravatar_id: '',
      url,
      html_url: `${HTML}/${u.type === 'Bot' ? 'apps/' + seg(u.login.replace(/\[bot\]$/, '')) : seg(u.login)}`,
      followers_url: `${url}/followers`,
      following_url: `${url}/following{/other_user}`,
      gists_url: `${url}/gists{/gist_id}`,
      starred_url: `${url}/starred{/owner}{/repo}`,
      subscriptions_url: `${url}/subscriptions`,
      organizations_url: `${url}/orgs`,
      repos_url: `${url}/repos`,
      events_url: `${url}/events{/privacy}`,
      received_events_url: `${url}/received_events`,
      type: u.type,
      user_view_type: 'public',
      site_admin: false,
    };
  }

  /** GET /user for the token's own user. */
  privateUser(u: UserRecord) {
    return {
      ...this.simpleUser(u),
      name: u.name,
      company: null,
      blog: '',
      location: null,
      email: u.email,
      notification_email: u.email,
      hireable: null,
      bio: null,
      twitter_username: null,
      public_repos: 0,
      public_gists: 0,
      followers: 0,
      following: 0,
      created_at: this.state.createdAt,
      updated_at: this.state.createdAt,
      private_gists: 0,
      total_private_repos: 1,
      owned_private_repos: 0,
      disk_usage: 0,
      collaborators: 0,
      two_factor_authentication: true,
      plan: { name: 'free', space: 976562499, collaborators: 0, private_repos: 10000 },
    };
  }

  /** The `repository` schema (in pull requests); `full` adds what GET /repos/{owner}/{repo} returns. */
  repository(permissions?: { admin: boolean; maintain: boolean; push: boolean; triage: boolean; pull: boolean }, full = false) {
    const s = this.state;
    const api = this.repoApi;
    const openIssues = [...s.pulls.values()].filter((p) => p.state === 'open').length;
    const base = {
      id: s.repoId,
      node_id: nodeId('Repository', s.repoId),
      name: s.name,
      full_name: `${s.owner}/${s.name}`,
      owner: this.simpleUser(s.ownerUser),
      private: true,
      html_url: this.repoHtml,
      description: null,
      fork: false,
      url: api,
      archive_url: `${api}/{archive_format}{/ref}`,
      assignees_url: `${api}/assignees{/user}`,
      blobs_url: `${api}/git/blobs{/sha}`,
      branches_url: `${api}/branches{/branch}`,
      collaborators_url: `${api}/collaborators{/collaborator}`,
      comments_url: `${api}/comments{/number}`,
      commits_url: `${api}/commits{/sha}`,
      compare_url: `${api}/compare/{base}...{head}`,
      contents_url: `${api}/contents/{+path}`,
      contributors_url: `${api}/contributors`,
      deployments_url: `${api}/deployments`,
      downloads_url: `${api}/downloads`,
      events_url: `${api}/events`,
      forks_url: `${api}/forks`,
      git_commits_url: `${api}/git/commits{/sha}`,
      git_refs_url: `${api}/git/refs{/sha}`,
      git_tags_url: `${api}/git/tags{/sha}`,
      git_url: `git://github.com/${s.owner}/${s.name}.git`,
      issue_comment_url: `${api}/issues/comments{/number}`,
      issue_events_url: `${api}/issues/events{/number}`,
      issues_url: `${api}/issues{/number}`,
      keys_url: `${api}/keys{/key_id}`,
      labels_url: `${api}/labels{/name}`,
      languages_url: `${api}/languages`,
      merges_url: `${api}/merges`,
      milestones_url: `${api}/milestones{/number}`,
      notifications_url: `${api}/notifications{?since,all,participating}`,
      pulls_url: `${api}/pulls{/number}`,
      releases_url: `${api}/releases{/id}`,
      ssh_url: `git@github.com:${s.owner}/${s.name}.git`,
      stargazers_url: `${api}/stargazers`,
      statuses_url: `${api}/statuses/{sha}`,
      subscribers_url: `${api}/subscribers`,
      subscription_url: `${api}/subscription`,
      tags_url: `${api}/tags`,
      teams_url: `${api}/teams`,
      trees_url: `${api}/git/trees{/sha}`,
      clone_url: `${this.repoHtml}.git`,
      mirror_url: null,
      hooks_url: `${api}/hooks`,
      svn_url: this.repoHtml,
      homepage: null,
      language: 'MDX',
      forks_count: 0,
      stargazers_count: 0,
      watchers_count: 0,
      size: 0,
      default_branch: s.defaultBranch,
      open_issues_count: openIssues,
      is_template: false,
      topics: [],
      has_issues: true,
      has_projects: false,
      has_wiki: false,
      has_pages: false,
      has_downloads: true,
      has_discussions: false,
      archived: false,
      disabled: false,
      visibility: 'private',
      pushed_at: s.pushedAt,
      created_at: s.createdAt,
      updated_at: s.pushedAt,
      allow_forking: false,
      web_commit_signoff_required: false,
      forks: 0,
      open_issues: openIssues,
      watchers: 0,
      license: null,
      ...(permissions ? { permissions } : {}),
    };
    if (!full) return base;
    return {
      ...base,
      allow_rebase_merge: true,
      allow_squash_merge: true,
      allow_merge_commit: true,
      allow_auto_merge: false,
      delete_branch_on_merge: false,
      allow_update_branch: false,
      use_squash_pr_title_as_default: false,
      squash_merge_commit_title: 'COMMIT_OR_PR_TITLE',
      squash_merge_commit_message: 'COMMIT_MESSAGES',
      merge_commit_title: 'MERGE_MESSAGE',
      merge_commit_message: 'PR_TITLE',
      temp_clone_token: null,
      subscribers_count: 0,
      network_count: 0,
      ...(s.ownerUser.type === 'Organization' ? { organization: this.simpleUser(s.ownerUser) } : {}),
    };
  }

  blob(sha: string) {
    return { url: `${this.repoApi}/git/blobs/${sha}`, sha };
  }

  treeEntry(e: TreeEntry, path = e.name) {
    const type = modeType(e.mode);
    return {
      path,
      mode: e.mode === '40000' ? '040000' : e.mode,
      type,
      sha: e.sha,
      ...(type === 'blob' ? { size: this.state.git.readBlob(e.sha).length } : {}),
      ...(type !== 'commit' ? { url: `${this.repoApi}/git/${type}s/${e.sha}` } : {}),
    };
  }

  tree(sha: string, recursive = false) {
    const entries: ReturnType<Views['treeEntry']>[] = [];
    const walk = (treeSha: string, prefix: string) => {
      for (const e of this.state.git.readTree(treeSha)) {
        const path = prefix + e.name;
        entries.push(this.treeEntry(e, path));
        if (recursive && e.mode === '40000') walk(e.sha, `${path}/`);
      }
    };
    walk(sha, '');
    const truncated = recursive && entries.length > this.treeEntryLimit;
    return { sha, url: `${this.repoApi}/git/trees/${sha}`, tree: truncated ? entries.slice(0, this.treeEntryLimit) : entries, truncated };
  }

  gitCommit(c: Commit) {
    return {
      sha: c.sha,
      node_id: nodeId('Commit', parseInt(c.sha.slice(0, 8), 16)),
      url: `${this.repoApi}/git/commits/${c.sha}`,
      html_url: `${this.repoHtml}/commit/${c.sha}`,
      author: { name: c.author.name, email: c.author.email, date: c.author.date },
      committer: { name: c.committer.name, email: c.committer.email, date: c.committer.date },
      message: c.message,
      tree: { sha: c.tree, url: `${this.repoApi}/git/trees/${c.tree}` },
      parents: c.parents.map((p) => ({ sha: p, url: `${this.repoApi}/git/commits/${p}`, html_url: `${this.repoHtml}/commit/${p}` })),
      // The double knows no keys: a signed commit is reported as signed by an unknown key.
      verification: c.signature
        ? { verified: false, reason: 'unknown_key', signature: c.signature, payload: c.signedPayload ?? null, verified_at: null }
        : { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null },
    };
  }

  gitRef(ref: string, sha: string) {
    const type = this.state.git.get(sha)?.type ?? 'commit';
    return {
      ref,
      node_id: nodeId('Ref', parseInt(sha.slice(0, 8), 16)),
      url: `${this.repoApi}/git/${pathUrl(ref)}`,
      object: { type, sha, url: `${this.repoApi}/git/${type}s/${sha}` },
    };
  }

  /** One entry of GET contents: a file (with content), a directory entry, a symlink or a submodule. */
  content(entry: TreeEntry, path: string, ref: string, withContent: boolean) {
    const type = entry.mode === '40000' ? 'dir' : entry.mode === '120000' ? 'symlink' : entry.mode === '160000' ? 'submodule' : 'file';
    const url = `${this.repoApi}/contents/${pathUrl(path)}?ref=${seg(ref)}`;
    const gitUrl = type === 'submodule' ? null : `${this.repoApi}/git/${type === 'dir' ? 'trees' : 'blobs'}/${entry.sha}`;
    const htmlUrl = type === 'submodule' ? null : `${this.repoHtml}/${type === 'dir' ? 'tree' : 'blob'}/${seg(ref)}/${pathUrl(path)}`;
    const data = type === 'file' || type === 'symlink' ? this.state.git.readBlob(entry.sha) : undefined;
    return {
      type,
      size: data?.length ?? 0,
      name: path.split('/').pop()!,
      path,
      sha: entry.sha,
      url,
      git_url: gitUrl,
      html_url: htmlUrl,
      download_url: type === 'file' || type === 'symlink' ? `https://raw.githubusercontent.com/${seg(this.state.owner)}/${seg(this.state.name)}/${seg(ref)}/${pathUrl(path)}` : null,
      _links: { self: url, git: gitUrl, html: htmlUrl },
      ...(withContent && type === 'file'
        ? { content: data!.toString('base64').replace(/.{60}/g, '$&\n') + '\n', encoding: 'base64' }
        : {}),
      ...(withContent && type === 'symlink' ? { target: data!.toString('utf8') } : {}),
      ...(withContent && type === 'submodule' ? { submodule_git_url: `${HTML}/submodule.git` } : {}),
    };
  }

  label(l: LabelRecord) {
    return {
      id: l.id,
      node_id: nodeId('Label', l.id),
      url: `${this.repoApi}/labels/${seg(l.name)}`,
      name: l.name,
      description: l.description,
      color: l.color,
      default: false,
    };
  }

  team(t: TeamRecord) {
    const org = `${this.api}/orgs/${seg(this.state.owner)}`;
    return {
      id: t.id,
      node_id: nodeId('Team', t.id),
      url: `${org}/teams/${seg(t.slug)}`,
      html_url: `${HTML}/orgs/${seg(this.state.owner)}/teams/${seg(t.slug)}`,
      name: t.name,
      slug: t.slug,
      description: null,
      privacy: 'closed',
      notification_setting: 'notifications_enabled',
      permission: 'pull',
      members_url: `${org}/teams/${seg(t.slug)}/members{/member}`,
      repositories_url: `${org}/teams/${seg(t.slug)}/repos`,
      type: 'organization',
      organization_id: this.state.ownerUser.id,
      parent: null,
    };
  }

  private authorAssociation(u: UserRecord): string {
    if (u.type === 'Bot') return 'NONE';
    if (u.login.toLowerCase() === this.state.owner.toLowerCase()) return 'OWNER';
    return this.state.ownerUser.type === 'Organization' ? 'MEMBER' : 'COLLABORATOR';
  }

  /** The `pull-request-simple` schema (lists, requested reviewers). */
  pullSimple(pr: PullRecord) {
    const s = this.state;
    const api = `${this.repoApi}/pulls/${pr.number}`;
    const issue = `${this.repoApi}/issues/${pr.number}`;
    const html = `${this.repoHtml}/pull/${pr.number}`;
    const baseSha = s.branchSha(pr.baseRef) ?? pr.headSha;
    const branch = (ref: string, sha: string) => ({
      label: `${s.owner}:${ref}`,
      ref,
      sha,
      user: this.simpleUser(s.ownerUser),
      repo: this.repository(),
    });
    return {
      url: api,
      id: pr.id,
      node_id: nodeId('PullRequest', pr.id),
      html_url: html,
      diff_url: `${html}.diff`,
      patch_url: `${html}.patch`,
      issue_url: issue,
      commits_url: `${api}/commits`,
      review_comments_url: `${api}/comments`,
      review_comment_url: `${this.repoApi}/pulls/comments{/number}`,
      comments_url: `${issue}/comments`,
      statuses_url: `${this.repoApi}/statuses/${pr.headSha}`,
      number: pr.number,
      state: pr.state,
      locked: false,
      title: pr.title,
      user: this.simpleUser(pr.user),
      body: pr.body,
      labels: pr.labels.map((name) => this.label(s.label(name))),
      milestone: null,
      active_lock_reason: null,
      created_at: pr.createdAt,
      updated_at: pr.updatedAt,
      closed_at: pr.closedAt,
      merged_at: pr.mergedAt,
      merge_commit_sha: pr.mergeCommitSha,
      assignee: null,
      assignees: [],
      requested_reviewers: pr.requestedReviewers.map((login) => this.simpleUser(s.user(login))),
      requested_teams: pr.requestedTeams.map((slug) => this.team(s.team(slug))),
      head: branch(pr.headRef, pr.headSha),
      base: branch(pr.baseRef, baseSha),
      _links: {
        self: { href: api },
        html: { href: html },
        issue: { href: issue },
        comments: { href: `${issue}/comments` },
        review_comments: { href: `${api}/comments` },
        review_comment: { href: `${this.repoApi}/pulls/comments{/number}` },
        commits: { href: `${api}/commits` },
        statuses: { href: `${this.repoApi}/statuses/${pr.headSha}` },
      },
      author_association: this.authorAssociation(pr.user),
      auto_merge: null,
      draft: pr.draft,
    };
  }

  /** The `issue` schema (issue lists): a plain issue, or a pull request as the issues API lists it. */
  issue(item: { kind: 'issue'; issue: IssueRecord } | { kind: 'pull'; pull: PullRecord }) {
    const s = this.state;
    const pr = item.kind === 'pull' ? item.pull : undefined;
    const plain = item.kind === 'issue' ? item.issue : undefined;
    const number = pr?.number ?? plain!.number;
    const url = `${this.repoApi}/issues/${number}`;
    const html = pr ? `${this.repoHtml}/pull/${number}` : `${this.repoHtml}/issues/${number}`;
    const user = pr?.user ?? s.ownerUser;
    const createdAt = pr?.createdAt ?? plain!.createdAt;
    return {
      id: pr?.id ?? plain!.id,
      node_id: nodeId(pr ? 'PullRequest' : 'Issue', pr?.id ?? plain!.id),
      url,
      repository_url: this.repoApi,
      labels_url: `${url}/labels{/name}`,
      comments_url: `${url}/comments`,
      events_url: `${url}/events`,
      html_url: html,
      number,
      state: pr?.state ?? 'open',
      state_reason: null,
      title: pr?.title ?? plain!.title,
      body: pr?.body ?? null,
      user: this.simpleUser(user),
      labels: (pr?.labels ?? plain!.labels).map((name) => this.label(s.label(name))),
      assignee: null,
      assignees: [],
      milestone: null,
      locked: false,
      active_lock_reason: null,
      comments: 0,
      ...(pr ? { pull_request: { url: `${this.repoApi}/pulls/${number}`, html_url: html, diff_url: `${html}.diff`, patch_url: `${html}.patch`, merged_at: pr.mergedAt } } : {}),
      closed_at: pr?.closedAt ?? null,
      created_at: createdAt,
      updated_at: pr?.updatedAt ?? createdAt,
      ...(pr ? { draft: pr.draft } : {}),
      author_association: this.authorAssociation(user),
    };
  }

  /** The `pull-request` schema (GET / POST / PATCH of one pull request). */
  pullFull(pr: PullRecord) {
    const s = this.state;
    const base = s.branchSha(pr.baseRef);
    let commits = 0;
    let additions = 0;
    let deletions = 0;
    let changed = 0;
    const mergeBase = base && s.git.mergeBase(base, pr.headSha);
    if (base && mergeBase) {
      commits = s.git.commitsBetween(mergeBase, pr.headSha).length;
      const files = s.git.diffTrees(s.git.readCommit(mergeBase).tree, s.git.readCommit(pr.headSha).tree);
      changed = files.length;
      for (const f of files) {
        const before = f.before ? s.git.readBlob(f.before).toString('utf8') : '';
        const after = f.after ? s.git.readBlob(f.after).toString('utf8') : '';
        for (const part of diffLines(before, after)) {
          if (part.added) additions += part.count ?? 0;
          if (part.removed) deletions += part.count ?? 0;
        }
      }
    }
    const open = pr.state === 'open';
    const mergeable = open ? s.mergeable(pr) : null;
    return {
      ...this.pullSimple(pr),
      requested_teams: pr.requestedTeams.map((slug) => {
        const { parent: _parent, ...simple } = this.team(s.team(slug));
        return simple;
      }),
      merged: pr.mergedAt !== null,
      mergeable,
      rebaseable: mergeable,
      mergeable_state: !open ? 'unknown' : mergeable ? (pr.draft ? 'draft' : 'clean') : 'dirty',
      merged_by: pr.mergedBy ? this.simpleUser(pr.mergedBy) : null,
      comments: 0,
      review_comments: 0,
      maintainer_can_modify: pr.maintainerCanModify,
      commits,
      additions,
      deletions,
      changed_files: changed,
    };
  }
}
