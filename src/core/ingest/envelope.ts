import { badRequest } from '../errors.js';
import { limits } from './limits.js';
import type { Envelope, EnvelopeItem, JsonObject } from './types.js';

const NEWLINE = 0x0a;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * True when `text` holds at most `max` `{` and `[` characters, strings included: it then cannot
 * nest deeper than `max`. Most events have far fewer, and finding them with indexOf costs much
 * less than reading every character.
 */
function fewOpeners(text: string, max: number): boolean {
  let count = 0;
  for (const opener of ['{', '[']) {
    for (let at = text.indexOf(opener); at !== -1; at = text.indexOf(opener, at + 1)) {
      count += 1;
      if (count > max) return false;
    }
  }
  return true;
}

/** Where the string opened by the quote at `start` ends; -1 when it never does. */
function stringEnd(text: string, start: number): number {
  let end = text.indexOf('"', start + 1);
  while (end !== -1 && escapedAt(text, end)) end = text.indexOf('"', end + 1);
  return end;
}

/** True when the character at `index` follows an odd run of backslashes. */
function escapedAt(text: string, index: number): boolean {
  let backslashes = 0;
  while (text.charCodeAt(index - 1 - backslashes) === BACKSLASH) backslashes += 1;
  return backslashes % 2 === 1;
}

/**
 * True when JSON `text` nests objects and arrays more than `max` levels deep. V8 parses any
 * depth, but JSON.stringify, run when an event is stored and again each time it is served,
 * overflows the stack a few thousand levels down (a 500 for a bad body, found by fuzzing an
 * event nested 10,000 deep); refusing such documents as they are read keeps that a 400.
 * Brackets inside strings do not count; the text need not be valid JSON. Reading the decoded
 * text finds what reading the bytes would: quotes, backslashes and brackets are ASCII, and
 * UTF-8 never uses ASCII bytes inside other characters, even replaced invalid ones.
 */
function nestedDeeperThan(text: string, max: number): boolean {
  if (fewOpeners(text, max)) return false;
  let depth = 0;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code === QUOTE) {
      index = stringEnd(text, index);
      if (index === -1) return false;
    } else if (code === 0x7b || code === 0x5b) {
      depth += 1;
      if (depth > max) return true;
    } else if (code === 0x7d || code === 0x5d) {
      depth -= 1;
    }
  }
  return false;
}

/** Parses `buf` as JSON and insists on an object; the error names `what` for the SDK's log. */
export function parseJsonObject(buf: Buffer, what: string): JsonObject {
  const text = buf.toString('utf8');
  // Checked before parsing, so that a deep document is never built in memory. Each level
  // takes two bytes at least, so a short body needs no check.
  if (buf.length > limits.jsonDepth * 2 && nestedDeeperThan(text, limits.jsonDepth)) {
    throw badRequest(`${what} nests objects and arrays more than ${limits.jsonDepth} levels deep`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw badRequest(`${what} is not valid JSON: ${reason}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw badRequest(`${what} is not a JSON object`);
  }
  return value as JsonObject;
}

/** End of the line starting at `start`: the index of its `\n`, or the end of the body. */
function lineEnd(body: Buffer, start: number): number {
  const end = body.indexOf(NEWLINE, start);
  return end === -1 ? body.length : end;
}

// Blank lines between items and at the end are tolerated, as Relay's JSON reader skips
// whitespace before an item header.
function isBlank(body: Buffer, start: number, end: number): boolean {
  for (let index = start; index < end; index += 1) {
    const byte = body[index];
    if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0d) return false;
  }
  return true;
}

function itemLength(headers: JsonObject, index: number): number | null {
  const length = headers.length;
  if (length === undefined || length === null) return null;
  if (typeof length !== 'number' || !Number.isSafeInteger(length) || length < 0) {
    throw badRequest(`envelope item ${index} has an invalid length`);
  }
  return length;
}

/** Reads one item whose header line spans [start, end); returns it and where the next begins. */
function readItem(body: Buffer, start: number, end: number, index: number) {
  const headers = parseJsonObject(body.subarray(start, end), `envelope item ${index} header`);
  const type = headers.type;
  if (typeof type !== 'string' || type === '') {
    throw badRequest(`envelope item ${index} has no type`);
  }
  const payloadStart = Math.min(end + 1, body.length);
  const length = itemLength(headers, index);
  if (length === null) {
    // Without a length the payload runs to the next newline; a `\r` before it is payload
    // (spec §3.3).
    const payloadEnd = lineEnd(body, payloadStart);
    const item: EnvelopeItem = { headers, type, payload: body.subarray(payloadStart, payloadEnd) };
    return { item, next: payloadEnd + 1 };
  }
  // Relay refuses an item cut short by the end of the body (spec §3.3). Some recorded
  // envelopes that other Sentry-compatible receivers accept declare a longer last item than
  // they carry, so a short final payload is taken as it is.
  const payloadEnd = Math.min(payloadStart + length, body.length);
  if (payloadEnd < body.length && body[payloadEnd] !== NEWLINE) {
    throw badRequest(
      `envelope item ${index} (${type}) is not followed by a newline after its ${length} bytes`,
    );
  }
  const item: EnvelopeItem = { headers, type, payload: body.subarray(payloadStart, payloadEnd) };
  return { item, next: payloadEnd + 1 };
}

/**
 * Parses an envelope (spec §3.3): a JSON header line, then items, each a JSON header line and
 * a payload of `length` bytes or up to the next newline. Payloads stay views into `body`.
 */
export function parseEnvelope(body: Buffer): Envelope {
  if (body.length === 0) throw badRequest('empty envelope');
  const headerEnd = lineEnd(body, 0);
  const headers = parseJsonObject(body.subarray(0, headerEnd), 'envelope header');
  const items: EnvelopeItem[] = [];
  let position = headerEnd + 1;
  while (position < body.length) {
    const end = lineEnd(body, position);
    if (isBlank(body, position, end)) {
      position = end + 1;
      continue;
    }
    const { item, next } = readItem(body, position, end, items.length);
    items.push(item);
    position = next;
  }
  return { headers, items };
}

/** Writes an envelope with an explicit `length` on every item, so binary payloads survive. */
export function serializeEnvelope(envelope: Envelope): Buffer {
  const parts: Buffer[] = [Buffer.from(JSON.stringify(envelope.headers) + '\n')];
  for (const item of envelope.items) {
    const headers = { ...item.headers, type: item.type, length: item.payload.length };
    parts.push(Buffer.from(JSON.stringify(headers) + '\n'), item.payload, Buffer.from('\n'));
  }
  return Buffer.concat(parts);
}

/**
 * Parses envelopes written one after another (an export file): a header line without a `type`
 * starts the next envelope, a line with one is an item of the current envelope.
 */
export function parseEnvelopeSequence(body: Buffer): Envelope[] {
  const envelopes: Envelope[] = [];
  let current: Envelope | undefined;
  let position = 0;
  while (position < body.length) {
    const end = lineEnd(body, position);
    if (isBlank(body, position, end)) {
      position = end + 1;
      continue;
    }
    const line = parseJsonObject(body.subarray(position, end), `line at byte ${position}`);
    if (current === undefined || typeof line.type !== 'string') {
      current = { headers: line, items: [] };
      envelopes.push(current);
      position = end + 1;
      continue;
    }
    const { item, next } = readItem(body, position, end, current.items.length);
    current.items.push(item);
    position = next;
  }
  return envelopes;
}
