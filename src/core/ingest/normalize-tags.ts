import { isJsonObject, longerThan, type EventError } from './event-fields.js';

export type Tag = [string, string];

// Relay's MaxChars::TagKey and TagValue (spec §1.3 step 5).
export const MAX_TAG_CHARS = 200;
// Sentry derives these itself (`sentry:release`, `sentry:user`, …), so a client's own copy
// would be ambiguous; Relay strips them (spec §1.3 step 5).
const RESERVED_KEYS = new Set(['release', 'dist', 'user', 'filename', 'function']);

/** A tag key or value as text: strings as they are, numbers and booleans written out. */
function tagText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

/** True when the pair fits Sentry's limits; used for the tags Outpost derives itself. */
export function isStorableTag(key: string, value: string): boolean {
  return (
    key !== '' &&
    value !== '' &&
    !longerThan(key, MAX_TAG_CHARS) &&
    !longerThan(value, MAX_TAG_CHARS)
  );
}

// SDKs send tags as an object or, older ones, as `[[key, value], …]` (spec §4.1).
function rawPairs(tags: unknown): [unknown, unknown][] {
  if (isJsonObject(tags)) return Object.entries(tags);
  if (!Array.isArray(tags)) return [];
  return tags.filter(
    (pair): pair is [unknown, unknown] => Array.isArray(pair) && pair.length === 2,
  );
}

export interface ClientTags {
  tags: Tag[];
  /** The first `environment` tag, which legacy SDKs send instead of the field. */
  environment: string | null;
}

/**
 * The client's tags after Relay's clean-up (spec §1.3 steps 4–5): unusable pairs dropped,
 * over-long ones dropped with an error entry, `environment` taken out, reserved keys
 * stripped, and the first of duplicate keys kept.
 */
export function readClientTags(tags: unknown, errors: EventError[]): ClientTags {
  const kept = new Map<string, string>();
  let environment: string | null = null;
  for (const [rawKey, rawValue] of rawPairs(tags)) {
    const key = tagText(rawKey);
    const value = tagText(rawValue);
    if (key === null || value === null || key === '' || value === '') continue;
    if (!isStorableTag(key, value)) {
      errors.push({
        type: 'value_too_long',
        name: `tags.${key.slice(0, MAX_TAG_CHARS)}`,
        reason: `tag keys and values are limited to ${MAX_TAG_CHARS} characters`,
      });
      continue;
    }
    if (key === 'environment') {
      environment ??= value;
      continue;
    }
    if (RESERVED_KEYS.has(key) || kept.has(key)) continue;
    kept.set(key, value);
  }
  return { tags: [...kept], environment };
}

/**
 * Sets tags the way Sentry's `set_tag` does, one after another: each replaces any earlier value
 * of its key and goes to the end. Pairs whose value is missing or not storable are skipped.
 */
export function setTags(tags: Tag[], pairs: [string, string | null | undefined][]): Tag[] {
  const set = new Map<string, string>();
  for (const [key, value] of pairs) {
    if (!value || !isStorableTag(key, value)) continue;
    // Deleted first, so that a key set twice moves to the end as it would the second time.
    set.delete(key);
    set.set(key, value);
  }
  if (set.size === 0) return tags;
  const kept = tags.filter(([key]) => !set.has(key));
  for (const pair of set) kept.push(pair);
  return kept;
}
