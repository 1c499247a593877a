/**
 * What every readers' signals endpoint shares: JSON answers, bounded JSON bodies, the same-origin
 * check and the error answers of the proposal service (`{ error, details }`).
 */
import { ProposalError } from '../proposals/errors.ts';
import { json } from '../proposals/http.ts';
import { StoreInputError } from '../store/schema.ts';
import { signalLimits } from './wire.ts';

export { checkSameOrigin, json } from '../proposals/http.ts';
export { ProposalError as SignalError };

export function errorAnswer(error: unknown, what: string): Response {
  if (error instanceof ProposalError) return json(error.status, error.toJSON(), error.headers);
  // What the store refuses (a name from the sign-in with control characters, …) is the request's fault.
  if (error instanceof StoreInputError) return json(error.tooLarge ? 413 : 422, { error: error.message, details: { problems: error.issues } });
  console.error(`[pinkas] ${what}: ${(error as Error).name}: ${(error as Error).message}`);
  return json(500, { error: `The ${what} could not be handled: ${(error as Error).message}` });
}

export function methodNotAllowed(method: string, allow: string[]): Response {
  return json(405, { error: `${method} is not supported here: use ${allow.join(' or ')}.` }, { Allow: allow.join(', ') });
}

/**
 * A signal's body: JSON (sent with `fetch`, or as text by `navigator.sendBeacon`), at most
 * `signalLimits.bodyBytes`.
 */
export async function readSignalJson(request: Request): Promise<unknown> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^(application\/json|text\/plain)\b/i.test(type)) throw new ProposalError(415, 'Send the signal as JSON (Content-Type: application/json).');
  const tooLarge = () => new ProposalError(413, `The request is too large: at most ${signalLimits.bodyBytes / 1024} KB.`);
  if (Number(request.headers.get('content-length') ?? 0) > signalLimits.bodyBytes) throw tooLarge();
  const reader = request.body?.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > signalLimits.bodyBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  try {
    return JSON.parse(new TextDecoder().decode(Buffer.concat(chunks)));
  } catch (error) {
    throw new ProposalError(400, `The request body is not valid JSON: ${(error as Error).message}`);
  }
}

/** A zod-style list of problems as one sentence: `revision: expected a whole number`. */
export function invalid(issues: { path: PropertyKey[]; message: string }[]): ProposalError {
  const problems = issues.map((i) => ({ field: i.path.map(String).join('.') || '(body)', message: i.message }));
  return new ProposalError(422, `The request is not valid: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}.`, { problems });
}

/** `?days=N`: a whole number of days from 1 to the longest report period (default `fallback`). */
export function daysParam(url: URL, fallback: number): number {
  const raw = url.searchParams.get('days');
  if (raw === null || raw === '') return fallback;
  const days = Number(raw);
  if (!Number.isInteger(days) || days < 1 || days > signalLimits.reportDays) {
    throw new ProposalError(422, `days must be a whole number from 1 to ${signalLimits.reportDays}, not "${raw.slice(0, 20)}".`, { field: 'days' });
  }
  return days;
}
