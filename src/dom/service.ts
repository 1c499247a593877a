/**
 * Whether this site has its Node service (proposals, readers' signals), asked once per page:
 * `service.json` is a static file saying `false` that the Node server answers `true` in place of
 * (src/server/entry.ts), so a static-only deploy never sees a request to /api/ and the console
 * shows no 404. "No service" is remembered for the browser session. Nothing here throws or logs.
 */
const ABSENT = 'absent';
const asked = new Map<string, Promise<boolean>>();

function slash(base: string): string {
  return base.endsWith('/') ? base : `${base}/`;
}

/** sessionStorage, when the browser lets us use it (private modes may not). */
export function sessionValue(key: string, value?: string): string | null {
  try {
    if (value !== undefined) sessionStorage.setItem(key, value);
    return sessionStorage.getItem(key);
  } catch {
    return null;
  }
}

async function ask(base: string): Promise<boolean> {
  const key = `pinkas:service:${base}`;
  if (sessionValue(key) === ABSENT) return false;
  try {
    const response = await fetch(`${slash(base)}service.json`, { headers: { Accept: 'application/json' } });
    const body = response.ok ? ((await response.json()) as { service?: unknown }) : undefined;
    if (body?.service === true) return true;
  } catch {
    return false; // unreachable now: ask again on the next page
  }
  sessionValue(key, ABSENT);
  return false;
}

export function hasService(base: string): Promise<boolean> {
  let answer = asked.get(base);
  if (!answer) asked.set(base, (answer = ask(base)));
  return answer;
}

/** An address of the service: `apiUrl('/wiki/', 'session')` → `/wiki/api/session`. */
export function apiUrl(base: string, path: string): string {
  return `${slash(base)}api/${path}`;
}
