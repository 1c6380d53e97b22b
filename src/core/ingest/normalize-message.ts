import { isJsonObject } from './event-fields.js';
import type { JsonObject } from './types.js';

// The placeholders Relay fills from `params`: printf-style `%s` and friends, and `{}`/`{0}`.
const PLACEHOLDER = /%[sdifr]|\{(\d*)\}/g;

function render(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Fills a template from positional params; a placeholder without a param is left as it is. */
function format(template: string, params: unknown[]): string {
  let ordinal = 0;
  return template.replace(PLACEHOLDER, (placeholder, index: string | undefined) => {
    const position = index ? Number(index) : ordinal++;
    return position < params.length ? render(params[position]) : placeholder;
  });
}

/**
 * The event's log entry as Relay stores it (spec §4.1): `logentry {message, params,
 * formatted}`, where `formatted` is always set. Relay reads a legacy `message` as the same
 * field, either as a plain string or as an object, and `logentry` wins when both are sent.
 * Returns null when the event carries no message.
 */
export function normalizeLogEntry(raw: JsonObject): JsonObject | null {
  const source = isJsonObject(raw.logentry)
    ? raw.logentry
    : isJsonObject(raw.message)
      ? raw.message
      : typeof raw.message === 'string'
        ? { message: raw.message }
        : null;
  if (!source) return null;
  const entry: JsonObject = { ...source };
  const message = typeof source.message === 'string' ? source.message : undefined;
  let formatted = typeof source.formatted === 'string' ? source.formatted : undefined;
  if (message === undefined) delete entry.message;
  if (formatted === undefined && message !== undefined) {
    formatted = Array.isArray(source.params) ? format(message, source.params) : message;
  }
  if (formatted === undefined) return null;
  entry.formatted = formatted;
  // A template identical to its output adds nothing; Relay keeps only `formatted`.
  if (entry.message === formatted) delete entry.message;
  return entry;
}
