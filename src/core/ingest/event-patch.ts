import type { JsonObject } from './types.js';

/**
 * What normalisation changes in an event, all of it at the top level: the fields it sets, in
 * the order it sets them, and the fields it drops. The store keeps an event as sent plus this
 * patch, which spares writing the whole event out again; reading it back applies the patch.
 */
export interface EventPatch {
  set: JsonObject;
  unset: string[];
}

/** The normalised event: the fields as sent, then those set (a new one after the rest). */
export function applyPatch(raw: JsonObject, { set, unset }: EventPatch): JsonObject {
  const data = { ...raw, ...set };
  if (unset.length === 0) return data;
  // Rebuilt rather than `delete`d from: an object that loses a field becomes a slow dictionary
  // for every later read and for JSON.stringify. fromEntries also keeps a `__proto__` key data.
  return Object.fromEntries(Object.entries(data).filter(([name]) => !unset.includes(name)));
}
