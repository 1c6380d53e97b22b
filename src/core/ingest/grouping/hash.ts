import { hash } from 'node:crypto';

/**
 * md5 hex over the contributing values joined by U+0000. Sentry concatenates them with no
 * separator (`hash_from_values`); the separator keeps `["ab", "c"]` apart from `["a", "bc"]`,
 * and SDK strings practically never contain NUL. Hashes therefore differ from sentry.io's,
 * which only matters to someone comparing the two.
 */
export function hashValues(values: readonly string[]): string {
  // The one-shot form skips the Hash object that createHash would build for a single update.
  return hash('md5', values.join('\u0000'), 'hex');
}
