import { brotliCompressSync, brotliDecompressSync, constants, inflateRawSync } from 'node:zlib';
import { type EventPatch, applyPatch } from '../ingest/event-patch.js';
import type { JsonObject } from '../ingest/types.js';

/**
 * Event payloads are stored compressed: a 6 KB event then takes a third of the space, and the
 * write a fraction of the pages. Brotli at quality 0 compresses an event about twice as fast as
 * deflate at level 1, to within a tenth of its size, and reads back as fast.
 *
 * A stored payload starts with one byte that says what follows. Rows written first had no such
 * byte and are raw deflate streams of the normalised JSON, whose first byte never has both
 * block-type bits set (type 3 is reserved); both bytes below have, so none can be confused.
 */
const BROTLI = 0x06;
/**
 * Brotli of the normalisation's patch as JSON, a newline, and the event as it was sent: the
 * normalised event is never written out as a whole (JSON.stringify of a 6 KB event costs as
 * much as the rest of its normalisation and grouping). JSON text holds no raw newline.
 */
const BROTLI_PATCHED = 0x07;
const NEWLINE = 0x0a;

function compress(text: Buffer): Buffer {
  return brotliCompressSync(text, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 0,
      [constants.BROTLI_PARAM_SIZE_HINT]: text.length,
    },
  });
}

/** The stored form of an event: its bytes as sent and what normalisation changed in them. */
export function encodeEventPayload(patch: EventPatch, sent: Buffer): Buffer {
  const compressed = compress(Buffer.concat([Buffer.from(`${JSON.stringify(patch)}\n`), sent]));
  // A block of its own: handed to the write thread as it is, without a copy (thread-buffers.ts).
  const stored = Buffer.allocUnsafeSlow(compressed.length + 1);
  stored[0] = BROTLI_PATCHED;
  compressed.copy(stored, 1);
  return stored;
}

function patchedEvent(stored: Buffer): JsonObject {
  const text = brotliDecompressSync(stored.subarray(1));
  const end = text.indexOf(NEWLINE);
  const patch = JSON.parse(text.toString('utf8', 0, end)) as EventPatch;
  const sent = JSON.parse(text.toString('utf8', end + 1)) as JsonObject;
  return applyPatch(sent, patch);
}

/** The JSON text of a payload stored whole: the forms written before the patch was kept. */
function wholeText(stored: Buffer): string {
  if (stored[0] === BROTLI) return brotliDecompressSync(stored.subarray(1)).toString('utf8');
  return inflateRawSync(stored).toString('utf8');
}

/** The normalised event of a stored payload, whichever form it was stored in. */
export function decodeEvent(stored: Buffer): JsonObject {
  if (stored[0] === BROTLI_PATCHED) return patchedEvent(stored);
  return JSON.parse(wholeText(stored)) as JsonObject;
}

/** The normalised event JSON of a stored payload, whichever form it was stored in. */
export function decodePayload(stored: Buffer): string {
  if (stored[0] === BROTLI_PATCHED) return JSON.stringify(patchedEvent(stored));
  return wholeText(stored);
}
