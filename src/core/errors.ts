/**
 * An error that carries the HTTP status and JSON body it should be answered with.
 * Each transport maps it in one place; everything else is a 500.
 */
export class StatusError extends Error {
  readonly status: number;
  readonly body: Record<string, unknown>;

  constructor(status: number, detail: string, body?: Record<string, unknown>) {
    super(detail);
    this.status = status;
    this.body = body ?? { detail };
  }
}

export const badRequest = (detail: string) => new StatusError(400, detail);
export const notFound = (detail = 'The requested resource does not exist') =>
  new StatusError(404, detail);

/** Sentry's per-field error shape: `{"field": ["message"]}`. */
export const fieldErrors = (errors: Record<string, string[]>) =>
  new StatusError(400, Object.values(errors).flat().join(' '), errors);
