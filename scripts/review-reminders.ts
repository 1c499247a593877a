/**
 * npm run review:reminders [-- --dry-run]
 *
 * Opens (or updates) one issue per owner listing their pages past review, and closes reminders
 * that are no longer needed. Run weekly by .github/workflows/review-reminders.yml with
 * GITHUB_TOKEN and GITHUB_REPOSITORY set; PINKAS_SITE makes the page links absolute.
 */
import { Octokit } from 'octokit';
import { reviewState } from '../src/lib/content/review.ts';
import { isListed } from '../src/lib/nav/tree.ts';
import { planReminders, REMINDER_LABEL, type OverdueGroup } from '../src/lib/review-reminders.ts';
import { today as todayOf } from '../src/lib/today.ts';
import { absoluteUrl } from '../src/lib/urls.ts';
import { loadWiki, wikiConfig } from '../src/lib/wiki/load.ts';
import { siteConfig } from '../src/site.config.ts';

const dryRun = process.argv.includes('--dry-run');
const today = todayOf();
const wiki = await loadWiki(wikiConfig(siteConfig));
const groups = new Map<string, OverdueGroup>();
for (const page of wiki.pages) {
  if (!page.reviewBy || page.generated || !isListed(page)) continue;
  if (reviewState(page.reviewBy, today) !== 'overdue') continue;
  for (const owner of page.owner.length ? page.owner : ['(no owner)']) {
    const group = groups.get(owner) ?? { owner, pages: [] };
    group.pages.push({ slug: page.slug, title: page.title, reviewBy: page.reviewBy });
    groups.set(owner, group);
  }
}
const pageUrl = (slug: string) => absoluteUrl(siteConfig.site, siteConfig.base, slug);

const [owner, repo] = (process.env.GITHUB_REPOSITORY ?? '').split('/');
if (dryRun || !owner || !repo || !process.env.GITHUB_TOKEN) {
  const plan = planReminders([...groups.values()], [], pageUrl, today);
  console.log(dryRun ? 'Dry run: the reminders that would be opened:' : 'No GITHUB_TOKEN/GITHUB_REPOSITORY: printing instead of opening issues.');
  for (const action of plan) if (action.kind === 'create') console.log(`\n## ${action.title}\n${action.body}`);
  process.exit(0);
}
const octokit = new Octokit({ auth: process.env.GITHUB_TOKEN, baseUrl: process.env.GITHUB_API_URL ?? 'https://api.github.com' });
const open = await octokit.paginate(octokit.rest.issues.listForRepo, { owner, repo, labels: REMINDER_LABEL, state: 'open', per_page: 100 });
const actions = planReminders([...groups.values()], open.map((i) => ({ number: i.number, title: i.title, body: i.body ?? '' })), pageUrl, today);
for (const action of actions) {
  if (action.kind === 'create') await octokit.rest.issues.create({ owner, repo, title: action.title, body: action.body, labels: [REMINDER_LABEL] });
  else if (action.kind === 'update') await octokit.rest.issues.update({ owner, repo, issue_number: action.number, body: action.body });
  else {
    await octokit.rest.issues.createComment({ owner, repo, issue_number: action.number, body: action.comment });
    await octokit.rest.issues.update({ owner, repo, issue_number: action.number, state: 'closed' });
  }
  console.log(`${action.kind} ${'title' in action ? action.title : `#${action.number}`}`);
}
console.log(`${actions.length} change${actions.length === 1 ? '' : 's'} to reminder issues.`);
