/** Who is signed in to the proposal service, shown above the editor, and the way to sign in. */
import type { Translate } from '../lib/i18n/strings.ts';
import { getSession, signInUrl, type Session } from './api.ts';

/** Appends a link to sign in (coming back to this page) after `target`'s text, when there is a way. */
export function appendSignIn(target: HTMLElement, loginUrl: string | undefined, t: Translate): void {
  if (!loginUrl) return;
  const a = document.createElement('a');
  a.href = signInUrl(loginUrl, location.pathname + location.search);
  a.textContent = t('editor.signIn');
  target.append(' ', a);
}

/** Asks the service who is signed in and says so in `target`; resolves with the session, if the service answered. */
export async function showSession(target: HTMLElement, base: string, t: Translate): Promise<Session | undefined> {
  const session = await getSession(base);
  if ('error' in session) {
    target.textContent = t('editor.serviceUnavailable');
    return undefined;
  }
  if (session.signedIn && session.user) {
    const who = document.createElement('bdi');
    who.textContent = session.user.email ? `${session.user.name} <${session.user.email}>` : session.user.name;
    const [before = '', after = ''] = t('editor.signedInAs', { name: '\u0000' }).split('\u0000');
    target.replaceChildren(before, who, after);
  } else {
    target.textContent = t('editor.notSignedIn', { problem: session.problem ?? '' });
    appendSignIn(target, session.loginUrl, t);
  }
  return session;
}
