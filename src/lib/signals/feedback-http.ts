/**
 * `POST /api/signals/feedback` ("Was this page helpful?", no identity kept) and
 * `GET /api/reports/feedback[?path=…]` (the share of "yes" and the comments, for the page's owners:
 * signed in).
 */
import { z } from 'zod';
import { identify } from '../proposals/identity.ts';
import { clock, type SignalsDeps } from './deps.ts';
import { checkSameOrigin, daysParam, errorAnswer, invalid, json, methodNotAllowed, readSignalJson, SignalError } from './http-common.ts';
import type { PageFacts, PageIndex } from './manifest.ts';
import { takeSlot } from './rate-limit.ts';
import { signalLimits, type FeedbackTotalsAnswer, type PageFeedbackAnswer } from './wire.ts';

const DAY = 24 * 60 * 60 * 1000;

const feedbackBody = z.object({
  path: z.string().min(1).max(1024),
  helpful: z.boolean(),
  comment: z
    .string()
    .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s), 'must not contain control characters')
    .optional(),
});

/** The page a request names, or a 404 that says which address is unknown. */
export function knownPage(pages: PageIndex, path: string): PageFacts {
  const page = pages.find(path);
  if (!page) throw new SignalError(404, `There is no page ${JSON.stringify(path.slice(0, 200))} on this wiki.`, { field: 'path' });
  return page;
}

export async function handleFeedback(request: Request, deps: SignalsDeps): Promise<Response> {
  if (request.method !== 'POST') return methodNotAllowed(request.method, ['POST']);
  try {
    checkSameOrigin(request, deps.allowedOrigins);
    await takeSlot(deps.store, 'signals:feedback', deps.limits.feedbackPerMinute, 'feedback answers', clock(deps));
    const body = await readSignalJson(request);
    const comment = (body as { comment?: unknown } | null)?.comment;
    if (typeof comment === 'string' && comment.length > signalLimits.comment) {
      throw new SignalError(413, `The comment is too long: at most ${signalLimits.comment} characters (it has ${comment.length}).`, { field: 'comment', max: signalLimits.comment });
    }
    const parsed = feedbackBody.safeParse(body);
    if (!parsed.success) throw invalid(parsed.error.issues);
    const page = knownPage(await deps.pages(), parsed.data.path);
    await deps.store.addFeedback({ path: page.address, helpful: parsed.data.helpful, comment: parsed.data.comment, at: clock(deps) });
    return new Response(null, { status: 204, headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    return errorAnswer(error, 'feedback');
  }
}

const share = (yes: number, no: number) => (yes + no === 0 ? null : yes / (yes + no));

async function pageFeedback(deps: SignalsDeps, page: PageFacts, since: Date): Promise<PageFeedbackAnswer> {
  const [rows, totals] = await Promise.all([deps.store.listFeedback({ path: page.address, since, limit: 200 }), deps.store.feedbackTotals({ since })]);
  const total = totals.find((t) => t.path === page.address) ?? { helpful: 0, notHelpful: 0 };
  return {
    path: page.address,
    title: page.title,
    helpful: total.helpful,
    notHelpful: total.notHelpful,
    share: share(total.helpful, total.notHelpful),
    comments: rows.filter((r) => r.comment !== undefined).map((r) => ({ comment: r.comment!, helpful: r.helpful, at: r.at.toISOString() })),
  };
}

export async function handleFeedbackReport(request: Request, deps: SignalsDeps): Promise<Response> {
  if (request.method !== 'GET') return methodNotAllowed(request.method, ['GET']);
  try {
    identify(request, await deps.identity());
    const url = new URL(request.url);
    const since = new Date(clock(deps).getTime() - daysParam(url, signalLimits.reportDays) * DAY);
    const pages = await deps.pages();
    const path = url.searchParams.get('path');
    if (path !== null) return json(200, await pageFeedback(deps, knownPage(pages, path), since));
    const totals = await deps.store.feedbackTotals({ since });
    const answer: FeedbackTotalsAnswer = {
      pages: totals
        .map((t) => ({ ...t, title: pages.find(t.path)?.title ?? t.path, share: share(t.helpful, t.notHelpful) }))
        .sort((a, b) => (a.share ?? 1) - (b.share ?? 1) || b.notHelpful - a.notHelpful || a.path.localeCompare(b.path)),
    };
    return json(200, answer);
  } catch (error) {
    return errorAnswer(error, 'feedback report');
  }
}
