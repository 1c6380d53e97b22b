import { StatusError } from '../../src/core/errors.js';

/** How long one parse, decode or normalisation of a fuzz case may take before it counts as a hang. */
export const CASE_TIME_LIMIT_MS = 1_000;

/**
 * Runs `run` and checks the contract of every ingest stage: it returns, or throws a StatusError
 * with a 4xx status and a non-empty detail; anything else (a TypeError, a RangeError, a 5xx) is
 * rethrown so that fast-check shrinks and reports the input. Returns the status, or null.
 */
export function returnsOrClientError(run: () => unknown): number | null {
  const started = performance.now();
  let status: number | null = null;
  try {
    run();
  } catch (error) {
    if (!(error instanceof StatusError)) throw error;
    const detail = error.body.detail;
    if (error.status < 400 || error.status > 499) {
      throw new Error(`answered ${error.status} (${String(detail)})`, { cause: error });
    }
    if (typeof detail !== 'string' || detail === '') {
      throw new Error(`a ${error.status} without a detail`, { cause: error });
    }
    status = error.status;
  }
  const elapsed = performance.now() - started;
  if (elapsed > CASE_TIME_LIMIT_MS) throw new Error(`took ${Math.round(elapsed)} ms`);
  return status;
}
