/**
 * Where the production server may listen. With `PINKAS_IDENTITY=dev` (the default) every request
 * is signed in as the dev user, so anyone who can reach the server can propose changes in that
 * name: the server listens on 127.0.0.1 unless HOST names another loopback address, and refuses
 * to start on any other HOST unless PINKAS_DEV_ALLOW_REMOTE=1 says that this is meant.
 */

/** The environment variable that lets a dev-identity server listen beyond this machine. */
export const allowRemoteDev = 'PINKAS_DEV_ALLOW_REMOTE';

export type ListenDecision =
  /** Listen on `host` (undefined: the adapter's default). */
  | { ok: true; host: string | undefined }
  | { ok: false; message: string };

/** Whether a HOST value only ever reaches this machine. */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return h === 'localhost' || h === '::1' || /^(?:::ffff:)?127(?:\.\d{1,3}){3}$/.test(h);
}

export function listenHost(env: Record<string, string | undefined>): ListenDecision {
  const host = env.HOST?.trim() || undefined;
  if ((env.PINKAS_IDENTITY || 'dev') !== 'dev') return { ok: true, host };
  if (host === undefined) return { ok: true, host: '127.0.0.1' };
  if (isLoopbackHost(host) || ['1', 'true', 'yes'].includes(env[allowRemoteDev]?.trim().toLowerCase() ?? '')) return { ok: true, host };
  return {
    ok: false,
    message:
      `Refusing to listen on HOST=${host}: with PINKAS_IDENTITY=dev (the default) every visitor is signed in as the dev user, ` +
      `so other machines could propose changes in that name. The dev identity listens on 127.0.0.1 only. ` +
      `For a shared server, sign people in with PINKAS_IDENTITY=header (behind your sign-in proxy) or github; ` +
      `to expose the dev identity anyway (a demo on a trusted network), set ${allowRemoteDev}=1.`,
  };
}
