/**
 * An error the proposal service answers with: an HTTP status and a JSON body
 * `{ error, details }` where `error` is a sentence a contributor can act on.
 */
export class ProposalError extends Error {
  readonly status: number;
  readonly details: unknown;
  readonly headers: Record<string, string>;

  constructor(status: number, message: string, details?: unknown, headers: Record<string, string> = {}) {
    super(message);
    this.name = 'ProposalError';
    this.status = status;
    this.details = details;
    this.headers = headers;
  }

  toJSON() {
    return { error: this.message, ...(this.details === undefined ? {} : { details: this.details }) };
  }
}
