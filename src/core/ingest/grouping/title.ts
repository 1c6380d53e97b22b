import type { JsonObject } from '../types.js';
import { withoutOrigin } from './frames.js';
import {
  asRecord,
  asText,
  crashFrame,
  crashStackFrames,
  exceptionsOf,
  firstLine,
  framesOf,
  messageFormatted,
} from './read.js';

// What the issue list shows (Sentry's ErrorEvent / DefaultEvent types and `generate_culprit`).

const MAX_TITLE = 100;
const MAX_VALUE = 1024;
const MAX_CULPRIT = 200;

/** Cuts to `limit` characters including the ellipsis, as Sentry's `truncatechars` does. */
function truncate(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1).trimEnd()}…`;
}

export interface Presentation {
  title: string;
  culprit: string;
  metadata: JsonObject;
}

/** Whether the exception frames are all in-app, all system, or both: the UI hints on it. */
function inAppFrameMix(exceptions: JsonObject[]): string | undefined {
  let inApp = 0;
  let system = 0;
  for (const exception of exceptions) {
    for (const frame of framesOf(exception.stacktrace)) {
      if (frame.in_app === true) inApp++;
      else system++;
    }
  }
  if (inApp + system === 0) return undefined;
  return system === 0 ? 'in-app-only' : inApp === 0 ? 'system-only' : 'mixed';
}

function errorPresentation(
  exceptions: JsonObject[],
  frame: JsonObject | undefined,
): Omit<Presentation, 'culprit'> {
  const newest = exceptions[exceptions.length - 1] ?? {};
  const type = asText(newest.type);
  const value = asText(newest.value) ?? '';
  const line = truncate(firstLine(value), MAX_TITLE);
  const title = type === undefined ? line : line === '' ? type : `${type}: ${line}`;

  const metadata: JsonObject = { value: truncate(value, MAX_VALUE) };
  if (type !== undefined) metadata.type = type;
  const filename = asText(frame?.filename) ?? asText(frame?.abs_path);
  const functionName = asText(frame?.function);
  if (filename !== undefined) metadata.filename = filename;
  if (functionName !== undefined) metadata.function = functionName;
  const mix = inAppFrameMix(exceptions);
  if (mix !== undefined) metadata.in_app_frame_mix = mix;
  return { title: title === '' ? '<unlabeled event>' : title, metadata };
}

function defaultPresentation(data: JsonObject): Omit<Presentation, 'culprit'> {
  const message = messageFormatted(data);
  const line = message === undefined ? '' : truncate(firstLine(message), MAX_TITLE);
  const title = line === '' ? '<unlabeled event>' : line;
  return { title, metadata: { title } };
}

/**
 * Where the event happened: the transaction when the SDK names one, else the crash frame as
 * `{module or filename} in {function}` (one form for every platform), else the request URL.
 */
function culpritOf(data: JsonObject, frame: JsonObject | undefined): string {
  const transaction = asText(data.transaction);
  if (transaction !== undefined) return truncate(transaction, MAX_CULPRIT);
  if (frame !== undefined) {
    const file = asText(frame.filename) ?? asText(frame.abs_path) ?? '';
    const location = asText(frame.module) ?? asText(withoutOrigin(file));
    const functionName = asText(frame.function) ?? '?';
    if (location !== undefined) return truncate(`${location} in ${functionName}`, MAX_CULPRIT);
    if (functionName !== '?') return truncate(functionName, MAX_CULPRIT);
  }
  return truncate(asText(asRecord(data.request)?.url) ?? '', MAX_CULPRIT);
}

export function presentationOf(data: JsonObject): Presentation & { isError: boolean } {
  const exceptions = exceptionsOf(data);
  const isError = exceptions.length > 0;
  const frame = crashFrame(crashStackFrames(data));
  // Copied field by field: spreading the presentation into the result costs as much as making it.
  const { title, metadata } = isError
    ? errorPresentation(exceptions, frame)
    : defaultPresentation(data);
  return { title, metadata, culprit: culpritOf(data, frame), isError };
}
