import type { Grouping, JsonObject } from '../types.js';
import { defaultComponents } from './components.js';
import { DEFAULT_MARKER, resolveFingerprint, type FingerprintEntry } from './fingerprint.js';
import { hashValues } from './hash.js';
import { asRecord } from './read.js';
import { presentationOf } from './title.js';

// Issue grouping (spec §4.2): fingerprint → stack trace → exception type/value → message.
// Hash inputs are described in hash.ts; the value lists open with the producing strategy's name.

function isText(entry: FingerprintEntry): entry is string {
  return entry !== DEFAULT_MARKER;
}

function hashes(data: JsonObject): string[] {
  const fingerprint = resolveFingerprint(data);
  if (fingerprint !== null && fingerprint.every(isText)) {
    return [hashValues(['fingerprint', ...fingerprint])];
  }
  const { app, system } = defaultComponents(data);
  const variants = app === null ? [system] : [app, system];
  const inputs =
    fingerprint === null
      ? variants
      : // Hybrid: the default values take the place of each `{{ default }}` entry.
        variants.map((values) => [
          'fingerprint',
          ...fingerprint.flatMap((entry) => (entry === DEFAULT_MARKER ? values : [entry])),
        ]);
  return [...new Set(inputs.map(hashValues))];
}

/** The grouping without groupEvent's safety net, so that tests see a throw instead of a fallback. */
export function computeGrouping(data: JsonObject): Grouping {
  const { title, culprit, metadata, isError } = presentationOf(data);
  return { hashes: hashes(data), title, culprit, type: isError ? 'error' : 'default', metadata };
}

const FALLBACK: Grouping = {
  hashes: [hashValues(['fallback'])],
  title: '<unlabeled event>',
  culprit: '',
  type: 'default',
  metadata: { title: '<unlabeled event>' },
};

/**
 * Hashes, title, culprit, type and metadata of a normalised event payload. Never throws: an event
 * whose shape defeats the readers (a hostile getter, a cyclic structure) still lands in an issue.
 */
export function groupEvent(data: JsonObject): Grouping {
  try {
    return computeGrouping(asRecord(data) ?? {});
  } catch {
    return { ...FALLBACK, hashes: [...FALLBACK.hashes], metadata: { ...FALLBACK.metadata } };
  }
}
