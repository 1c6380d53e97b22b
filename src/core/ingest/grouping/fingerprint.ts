import type { JsonObject } from '../types.js';
import {
  asList,
  asRecord,
  asText,
  crashFrame,
  crashStackFrames,
  exceptionsOf,
  messageFormatted,
} from './read.js';

// Custom fingerprints (spec §4.2 step 1). Variable names are matched case-insensitively and may
// have any spacing inside the braces, as SDK users write them by hand.

const VARIABLE = /\{\{\s*([^\s{}]+)\s*\}\}/g;
const DEFAULT_ENTRY = /^\s*\{\{\s*default\s*\}\}\s*$/i;
const PATH_SEPARATOR = /[/\\]/;

/** The entry that stands for the default grouping inside a fingerprint. */
export const DEFAULT_MARKER = Symbol('default');
export type FingerprintEntry = string | typeof DEFAULT_MARKER;

/** Relay turns numbers and booleans into strings and drops anything else; so do we. */
function readEntries(data: JsonObject): string[] {
  const entries: string[] = [];
  for (const entry of asList(data.fingerprint)) {
    if (typeof entry === 'string') entries.push(entry);
    else if (typeof entry === 'number' || typeof entry === 'boolean') entries.push(String(entry));
  }
  return entries;
}

function tagValue(data: JsonObject, key: string): string | undefined {
  const tags = data.tags;
  if (Array.isArray(tags)) {
    for (const pair of tags) {
      if (!Array.isArray(pair) || pair[0] !== key) continue;
      const value: unknown = pair[1];
      if (typeof value === 'string' || typeof value === 'number') return String(value);
    }
    return undefined;
  }
  return asText(asRecord(tags)?.[key]);
}

/** Resolves one variable; undefined for names Sentry does not know, which stay as written. */
function variableValue(name: string, data: JsonObject): string | undefined {
  const lower = name.toLowerCase();
  if (lower.startsWith('tags.')) {
    const key = name.slice('tags.'.length);
    return tagValue(data, key) ?? `<no-value-for-tag-${key}>`;
  }
  const exception = exceptionsOf(data).at(-1);
  const frame = () => crashFrame(crashStackFrames(data));
  switch (lower) {
    case 'transaction':
      return asText(data.transaction) ?? '<no-transaction>';
    case 'type':
    case 'error.type':
      return asText(exception?.type) ?? '<no-type>';
    case 'value':
    case 'error.value':
      return asText(exception?.value) ?? '<no-value>';
    case 'message':
      return messageFormatted(data) ?? asText(exception?.value) ?? '<no-message>';
    case 'function':
    case 'stack.function':
      return asText(frame()?.function) ?? '<no-function>';
    case 'module':
    case 'stack.module':
      return asText(frame()?.module) ?? '<no-module>';
    case 'path':
    case 'stack.abs_path': {
      const current = frame();
      return asText(current?.abs_path) ?? asText(current?.filename) ?? '<no-abs-path>';
    }
    case 'stack.filename': {
      const current = frame();
      return asText(current?.filename) ?? asText(current?.abs_path) ?? '<no-filename>';
    }
    case 'package':
    case 'stack.package': {
      // Packages are often full paths to a binary; only its name is stable across machines.
      const path = asText(frame()?.package);
      return (
        (path === undefined ? undefined : asText(path.split(PATH_SEPARATOR).pop())) ??
        '<no-package>'
      );
    }
    case 'level':
      return asText(data.level) ?? '<no-level>';
    case 'logger':
      return asText(data.logger) ?? '<no-logger>';
    default:
      return undefined;
  }
}

function resolveEntry(entry: string, data: JsonObject): string {
  if (!entry.includes('{{')) return entry;
  return entry.replace(VARIABLE, (whole, name: string) => variableValue(name, data) ?? whole);
}

/**
 * The event's fingerprint with its variables resolved, `{{ default }}` entries kept as
 * DEFAULT_MARKER; null when the event has none or only `["{{ default }}"]` (default grouping).
 */
export function resolveFingerprint(data: JsonObject): FingerprintEntry[] | null {
  const entries = readEntries(data);
  if (entries.length === 0) return null;
  const resolved = entries.map((entry) =>
    DEFAULT_ENTRY.test(entry) ? DEFAULT_MARKER : resolveEntry(entry, data),
  );
  return resolved.every((entry) => entry === DEFAULT_MARKER) ? null : resolved;
}
