/**
 * The readers' widgets' view of the service: whether the site has one (src/dom/service.ts), then
 * who is signed in (`GET /api/session`), asked once per page and shared by every widget on it.
 * Nothing is thrown and nothing is logged by this code: a widget without its service stays hidden.
 */
import { apiUrl, hasService, sessionValue } from '../dom/service.ts';
import type { SessionAnswer } from '../lib/proposals/wire.ts';

let session: Promise<SessionAnswer | undefined> | undefined;

const remembered = (key: string) => sessionValue(key);
const remember = (key: string, value: string) => void sessionValue(key, value);

async function ask(base: string): Promise<SessionAnswer | undefined> {
  if (!(await hasService(base))) return undefined;
  try {
    const response = await fetch(apiUrl(base, 'session'), { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
    if (!response.ok) return undefined;
    const body = (await response.json()) as SessionAnswer;
    return typeof body.signedIn === 'boolean' ? body : undefined;
  } catch {
    return undefined;
  }
}

/**
 * People are learned (with their groups) when they reach the readers' signals service signed in,
 * so that required reading knows who is pending: once per visit, any page with a widget tells it.
 */
function learnOncePerVisit(base: string, answer: SessionAnswer | undefined): void {
  const key = `pinkas:learned:${base}`;
  if (!answer?.signedIn || remembered(key)) return;
  remember(key, '1');
  void callService(base, 'reading');
}

/** The service's answer to "who am I", or undefined when the site has no service (or it is down). */
export function serviceSession(base: string): Promise<SessionAnswer | undefined> {
  if (!session) {
    session = ask(base);
    void session.then((answer) => learnOncePerVisit(base, answer));
  }
  return session;
}

export type Answer<T> = { ok: true; status: number; body: T } | { ok: false; status: number; problem: string };

/** A call to the service: JSON in and out, every failure an answer with a sentence, never a throw. */
export async function callService<T>(base: string, path: string, init: { method?: string; body?: unknown } = {}): Promise<Answer<T>> {
  try {
    const response = await fetch(apiUrl(base, path), {
      method: init.method ?? 'GET',
      credentials: 'same-origin',
      headers: { Accept: 'application/json', ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
    if (response.status === 204) return { ok: true, status: 204, body: undefined as T };
    const body = (await response.json().catch(() => undefined)) as (T & { error?: string }) | undefined;
    if (!response.ok) return { ok: false, status: response.status, problem: body?.error ?? `HTTP ${response.status}` };
    return { ok: true, status: response.status, body: body as T };
  } catch (error) {
    return { ok: false, status: 0, problem: (error as Error).message };
  }
}

/** The widgets' markup names the site's base path and the page's language on its root element. */
export function widgetContext(root: HTMLElement): { base: string; lang: string } {
  return { base: root.dataset.base ?? '/', lang: root.dataset.lang ?? document.documentElement.lang ?? 'en' };
}
