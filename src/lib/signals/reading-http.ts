/**
 * Required reading over HTTP: `POST /api/acknowledgements` (signed in: "I have read and understood
 * revision N"), `GET /api/acknowledgements?path=…` (who has, who has not; JSON, or CSV with
 * `Accept: text/csv`) and `GET /api/reading` (the signed-in person's required pages).
 */
import { z } from 'zod';
import { EVERYONE } from '../content/schema.ts';
import { identify } from '../proposals/identity.ts';
import type { Identity } from '../proposals/types.ts';
import { acknowledgementReport, readingList, requiresReading } from './audience.ts';
import { acknowledgementsCsv } from './csv.ts';
import { clock, type SignalsDeps } from './deps.ts';
import { knownPage } from './feedback-http.ts';
import { groupsOf } from './groups.ts';
import { checkSameOrigin, errorAnswer, invalid, json, methodNotAllowed, readSignalJson, SignalError } from './http-common.ts';
import { PeopleLearner } from './people.ts';
import { personKey, takeSlot } from './rate-limit.ts';
import type { ReadingAnswer } from './wire.ts';

/** One learner per store: what it remembers is what that store was told. */
const learners = new WeakMap<SignalsDeps['store'], PeopleLearner>();

function learnerOf(store: SignalsDeps['store']): PeopleLearner {
  let learner = learners.get(store);
  if (!learner) learners.set(store, (learner = new PeopleLearner()));
  return learner;
}

const acknowledgementBody = z.object({
  path: z.string({ error: 'expected the page, e.g. "/hr/leave/"' }).min(1).max(1024),
  revision: z.int({ error: 'expected the revision number shown on the page, a whole number' }).min(1, { error: 'expected a revision number from 1 up' }),
});

/** The signed-in person and their groups, learned into the store on the way. */
async function signedIn(request: Request, deps: SignalsDeps): Promise<{ identity: Identity; groups: string[] }> {
  const config = await deps.identity();
  const identity = identify(request, config);
  const said = groupsOf(request, config.mode, deps.devGroups);
  await learnerOf(deps.store).learn(deps.store, identity, said, clock(deps));
  const groups = said ?? (await deps.store.getPerson(identity.email))?.groups ?? [];
  return { identity, groups };
}

async function acknowledge(request: Request, deps: SignalsDeps): Promise<Response> {
  checkSameOrigin(request, deps.allowedOrigins);
  const { identity } = await signedIn(request, deps);
  await takeSlot(deps.store, `ack:${personKey(identity.email)}`, deps.limits.acknowledgementsPerMinute, 'acknowledgements', clock(deps));
  const parsed = acknowledgementBody.safeParse(await readSignalJson(request));
  if (!parsed.success) throw invalid(parsed.error.issues);
  const page = knownPage(await deps.pages(), parsed.data.path);
  if (!requiresReading(page)) throw new SignalError(422, `The page ${page.address} does not ask its readers to acknowledge it.`, { field: 'path' });
  if (page.revision === 0 || !page.contentHash) throw new SignalError(422, `The page ${page.address} has no revision in git yet, so there is nothing to acknowledge.`, { field: 'path' });
  if (parsed.data.revision !== page.revision) {
    throw new SignalError(409, `Revision ${parsed.data.revision} of ${page.address} is not the current one: the current revision is ${page.revision}. Reload the page and read it again.`, {
      revision: page.revision,
    });
  }
  const email = identity.email.toLowerCase();
  const mine = await deps.store.listAcknowledgements({ path: page.address, email });
  const already = mine.filter((a) => a.revision === page.revision && a.contentHash === page.contentHash).at(-1);
  const ack = already ?? (await deps.store.addAcknowledgement({ path: page.address, revision: page.revision, contentHash: page.contentHash, email, name: identity.name, at: clock(deps) }));
  const body = { path: ack.path, revision: ack.revision, contentHash: ack.contentHash, email: ack.email, name: ack.name, at: ack.at.toISOString() };
  return json(already ? 200 : 201, body);
}

function wantsCsv(request: Request, csv: boolean): boolean {
  return csv || /\btext\/csv\b/i.test(request.headers.get('accept') ?? '');
}

async function report(request: Request, deps: SignalsDeps, csv: boolean): Promise<Response> {
  await signedIn(request, deps);
  const path = new URL(request.url).searchParams.get('path');
  if (!path) throw new SignalError(422, 'Name the page: /api/acknowledgements?path=/hr/leave/', { field: 'path' });
  const page = knownPage(await deps.pages(), path);
  const audience = page.acknowledge.includes(EVERYONE)
    ? await deps.store.listPeople()
    : page.acknowledge.length
      ? await deps.store.listPeople({ groups: page.acknowledge })
      : [];
  const result = acknowledgementReport(page, await deps.store.listAcknowledgements({ path: page.address }), audience);
  if (!wantsCsv(request, csv)) return json(200, result);
  const name = `acknowledgements-${page.slug.replaceAll('/', '-') || 'home'}-r${page.revision}.csv`;
  return new Response(acknowledgementsCsv(page, result), {
    headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${name}"`, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' },
  });
}

/** `/api/acknowledgements` (and `/api/acknowledgements.csv`, `csv: true`). */
export async function handleAcknowledgements(request: Request, deps: SignalsDeps, options: { csv?: boolean } = {}): Promise<Response> {
  try {
    if (request.method === 'POST' && !options.csv) return await acknowledge(request, deps);
    if (request.method === 'GET') return await report(request, deps, options.csv ?? false);
    return methodNotAllowed(request.method, options.csv ? ['GET'] : ['GET', 'POST']);
  } catch (error) {
    return errorAnswer(error, 'acknowledgement');
  }
}

/** `GET /api/reading`: the signed-in person, their groups and their required pages, unread first. */
export async function handleReading(request: Request, deps: SignalsDeps): Promise<Response> {
  if (request.method !== 'GET') return methodNotAllowed(request.method, ['GET']);
  try {
    const { identity, groups } = await signedIn(request, deps);
    const email = identity.email.toLowerCase();
    const pages = await deps.pages();
    const acks = await deps.store.listAcknowledgements({ email });
    const answer: ReadingAnswer = { user: { email, name: identity.name }, groups, pages: readingList(pages.pages, groups, acks) };
    return json(200, answer);
  } catch (error) {
    return errorAnswer(error, 'reading list');
  }
}
