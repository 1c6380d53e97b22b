/**
 * One entry of an event's `errors` array: a problem found while normalising that did not stop
 * the event from being stored (spec §1.3 step 3, §3.6). Relay's shape: a `type`, the field's
 * `name`, and details such as the rejected `value`.
 */
export interface EventError {
  type: string;
  name?: string;
  [detail: string]: unknown;
}

/** True for a plain JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * True when `text` has more than `maxChars` characters, counted as Python and Rust count them
 * (code points, not UTF-16 units), without walking long strings that are clearly over.
 */
export function longerThan(text: string, maxChars: number): boolean {
  if (text.length <= maxChars) return false;
  if (text.length > maxChars * 2) return true;
  return [...text].length > maxChars;
}
