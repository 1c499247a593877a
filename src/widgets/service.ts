/**
 * Whether this site has its service (a static-only deploy has no /api/), asked once per page and
 * shared by every widget on it: `service.json` first — a static file saying `false` that the Node
 * server answers `true` in place of (src/server/entry.ts), so a static host never sees a request to
 * /api/ and the console shows no 404 — then `GET /api/session`. Nothing is thrown and nothing is
 * logged by this code: a widget without its service stays hidden.
 */
import type { SessionAnswer } from '../lib/proposals/wire.ts';

const ABSENT = 'absent';
let session: Promise<SessionAnswer | undefined> | undefined;

function apiUrl(base: string, path: string): string {
  return `${base.endsWith('/') ? base : `${base}/`}api/${path}`;
}

function remembered(key: string): string | null {
  try {
    return sessionStorage.getItem(key);
  } catch {
    return null;
  }
}

function remember(key: string, value: string): void {
  try {
    sessionStorage.setItem(key, value);
  } catch {
    // Storage refused (private mode, quota): the next page asks again.
  }
}

async function hasService(base: string, key: string): Promise<boolean> {
  if (remembered(key) === ABSENT) return false;
  try {
    const response = await fetch(`${base.endsWith('/') ? base : `${base}/`}service.json`, { headers: { Accept: 'application/json' } });
    const body = response.ok ? ((await response.json()) as { service?: unknown }) : undefined;
    if (body?.service === true) return true;
  } catch {
    // Unreachable: treat as no service for this page.
    return false;
  }
  remember(key, ABSENT);
  return false;
}

async function ask(base: string): Promise<SessionAnswer | undefined> {
  const key = `pinkas:service:${base}`;
  if (!(await hasService(base, key))) return undefined;
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
