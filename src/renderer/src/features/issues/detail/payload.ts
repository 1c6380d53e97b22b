/**
 * Typed readers over a stored Sentry event payload (spec §4.1). The payload is whatever the
 * SDK sent after normalisation, so every field is checked rather than trusted.
 */
export type JsonObject = Record<string, unknown>;

export const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;
const number = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;
const lines = (value: unknown): string[] =>
  Array.isArray(value) ? value.map((line) => (typeof line === 'string' ? line : '')) : [];
const objects = (value: unknown): JsonObject[] =>
  Array.isArray(value) ? value.filter(isObject) : [];

/** Sentry wraps most lists as `{values: […]}`; older SDKs send the bare array. */
const valuesOf = (value: unknown): JsonObject[] => objects(isObject(value) ? value.values : value);

/** A value as a person reads it: text as it is, anything else as JSON. */
export function valueText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return '';
  return JSON.stringify(value, null, 2) ?? String(value);
}

export interface Frame {
  function?: string;
  filename?: string;
  module?: string;
  lineno?: number;
  colno?: number;
  inApp: boolean;
  preContext: string[];
  contextLine?: string;
  postContext: string[];
}

/** Frames with the crashing frame first; payloads list them oldest first. */
function readFrames(stacktrace: unknown): Frame[] {
  if (!isObject(stacktrace)) return [];
  return objects(stacktrace.frames)
    .map((frame) => ({
      function: text(frame.function),
      filename: text(frame.filename) ?? text(frame.abs_path),
      module: text(frame.module),
      lineno: number(frame.lineno),
      colno: number(frame.colno),
      inApp: frame.in_app === true,
      preContext: lines(frame.pre_context),
      contextLine: typeof frame.context_line === 'string' ? frame.context_line : undefined,
      postContext: lines(frame.post_context),
    }))
    .reverse();
}

export interface ExceptionValue {
  type?: string;
  value?: string;
  module?: string;
  mechanism?: { type?: string; handled?: boolean };
  frames: Frame[];
}

/** The exception chain with the one raised last first, as Sentry shows it. */
export function readExceptions(payload: JsonObject): ExceptionValue[] {
  return valuesOf(payload.exception)
    .map((exception) => {
      const mechanism = isObject(exception.mechanism) ? exception.mechanism : undefined;
      return {
        type: text(exception.type),
        value: text(exception.value),
        module: text(exception.module),
        mechanism: mechanism && {
          type: text(mechanism.type),
          handled: typeof mechanism.handled === 'boolean' ? mechanism.handled : undefined,
        },
        frames: readFrames(exception.stacktrace),
      };
    })
    .reverse();
}

/** A stack trace outside any exception: the crashed thread's, or the deprecated top-level one. */
export function readThreadFrames(payload: JsonObject): Frame[] {
  const threads = valuesOf(payload.threads).filter((thread) => isObject(thread.stacktrace));
  const thread = threads.find((each) => each.crashed === true) ?? threads[0];
  return readFrames(thread ? thread.stacktrace : payload.stacktrace);
}

export function readMessage(payload: JsonObject): string | undefined {
  if (isObject(payload.logentry)) {
    return text(payload.logentry.formatted) ?? text(payload.logentry.message);
  }
  return text(payload.message);
}

export interface Breadcrumb {
  /** Epoch milliseconds. */
  time?: number;
  type?: string;
  category?: string;
  level?: string;
  message?: string;
  data?: unknown;
}

function epochMs(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value * 1000;
  if (typeof value === 'string') {
    const parsed = Date.parse(value);
    return Number.isNaN(parsed) ? undefined : parsed;
  }
  return undefined;
}

/** Newest first. */
export function readBreadcrumbs(payload: JsonObject): Breadcrumb[] {
  return valuesOf(payload.breadcrumbs)
    .map((crumb) => ({
      time: epochMs(crumb.timestamp),
      type: text(crumb.type),
      category: text(crumb.category),
      level: text(crumb.level),
      message: text(crumb.message),
      data: isObject(crumb.data) && Object.keys(crumb.data).length > 0 ? crumb.data : undefined,
    }))
    .reverse();
}

/** Stored as `[[key, value], …]`; an object is read too in case a payload predates that. */
export function readTags(payload: JsonObject): [string, string][] {
  const pairs: unknown[][] = Array.isArray(payload.tags)
    ? payload.tags.filter((pair): pair is unknown[] => Array.isArray(pair))
    : isObject(payload.tags)
      ? Object.entries(payload.tags)
      : [];
  return pairs
    .filter((pair) => pair.length === 2 && typeof pair[0] === 'string')
    .map(([key, value]) => [key as string, valueText(value)]);
}

/** Each context with data, by name. */
export function readContexts(payload: JsonObject): [string, JsonObject][] {
  if (!isObject(payload.contexts)) return [];
  return Object.entries(payload.contexts).filter(
    (entry): entry is [string, JsonObject] =>
      isObject(entry[1]) && Object.keys(entry[1]).length > 0,
  );
}

export const readErrors = (payload: JsonObject): JsonObject[] => objects(payload.errors);

export const readObject = (payload: JsonObject, name: string): JsonObject | undefined => {
  const value = payload[name];
  return isObject(value) && Object.keys(value).length > 0 ? value : undefined;
};
