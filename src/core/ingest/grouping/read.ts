import type { JsonObject } from '../types.js';

// Grouping reads payloads that were normalised but never validated field by field, so every read
// goes through these helpers: a field of the wrong type is treated as absent, never as an error.

export function asRecord(value: unknown): JsonObject | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as JsonObject)
    : undefined;
}

export function asList(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/** A non-empty string, or undefined. */
export function asText(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function records(value: unknown): JsonObject[] {
  const out: JsonObject[] = [];
  for (const item of asList(value)) {
    const record = asRecord(item);
    if (record) out.push(record);
  }
  return out;
}

/** The exception chain, oldest first (spec §4.1); old SDKs send a bare list instead of `{values}`. */
export function exceptionsOf(data: JsonObject): JsonObject[] {
  const exception = data.exception;
  return records(Array.isArray(exception) ? exception : asRecord(exception)?.values);
}

/** Frames of a stacktrace interface, oldest first (the crashing frame is last). */
export function framesOf(stacktrace: unknown): JsonObject[] {
  return records(asRecord(stacktrace)?.frames);
}

/**
 * The thread whose stack trace stands for the event when there is no exception: the single crashed
 * thread, else the only thread that has frames. Several candidates are ambiguous, so none is used.
 */
export function groupingThreadFrames(data: JsonObject): JsonObject[] {
  const threads = records(asRecord(data.threads)?.values ?? data.threads);
  const withFrames = threads.filter((thread) => framesOf(thread.stacktrace).length > 0);
  const crashed = withFrames.filter((thread) => thread.crashed === true);
  const chosen = crashed.length === 1 ? crashed[0] : withFrames.length === 1 ? withFrames[0] : null;
  return chosen ? framesOf(chosen.stacktrace) : [];
}

/** The frames that describe where the event happened: newest exception, else stacktrace, else thread. */
export function crashStackFrames(data: JsonObject): JsonObject[] {
  const exceptions = exceptionsOf(data);
  for (let index = exceptions.length - 1; index >= 0; index--) {
    const frames = framesOf(exceptions[index]?.stacktrace);
    if (frames.length > 0) return frames;
  }
  const frames = framesOf(data.stacktrace);
  return frames.length > 0 ? frames : groupingThreadFrames(data);
}

/** The newest in-app frame, else the newest frame: the one Sentry points at as the crash site. */
export function crashFrame(frames: readonly JsonObject[]): JsonObject | undefined {
  for (let index = frames.length - 1; index >= 0; index--) {
    if (frames[index]?.in_app === true) return frames[index];
  }
  return frames[frames.length - 1];
}

/** The text of a message event: the template first, as Sentry groups by it (spec §4.2). */
export function messageTemplate(data: JsonObject): string | undefined {
  const logentry = asRecord(data.logentry) ?? asRecord(data.message);
  return (
    asText(logentry?.message) ??
    asText(logentry?.formatted) ??
    (typeof data.message === 'string' ? asText(data.message) : undefined)
  );
}

/** The text of a message event as people read it: parameters already substituted. */
export function messageFormatted(data: JsonObject): string | undefined {
  const logentry = asRecord(data.logentry) ?? asRecord(data.message);
  return (
    asText(logentry?.formatted) ??
    (typeof data.message === 'string' ? asText(data.message) : undefined) ??
    asText(logentry?.message)
  );
}

const LINE_BREAK = /\r\n|\r|\n/;

/** The first line that has any text: a message that opens with a blank line is still titled. */
export function firstLine(text: string): string {
  if (!text.includes('\n') && !text.includes('\r')) return text.trim();
  for (const line of text.split(LINE_BREAK)) {
    const trimmed = line.trim();
    if (trimmed !== '') return trimmed;
  }
  return '';
}
