import { brotliCompressSync, brotliDecompressSync, constants, inflateRawSync } from 'node:zlib';

/**
 * Event payloads are stored compressed: a 6 KB event then takes a third of the space, and the
 * write a fraction of the pages. Brotli at quality 0 compresses an event about twice as fast as
 * deflate at level 1, to within a tenth of its size, and reads back as fast.
 *
 * A stored payload starts with one byte that says how it was compressed. Rows written before
 * had no such byte and are raw deflate streams, whose first byte never has both block-type
 * bits set (type 3 is reserved): BROTLI, 0x06, has, so the two can never be confused.
 */
const BROTLI = 0x06;

export function encodePayload(json: string): Buffer {
  const text = Buffer.from(json, 'utf8');
  const compressed = brotliCompressSync(text, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 0,
      [constants.BROTLI_PARAM_SIZE_HINT]: text.length,
    },
  });
  // A block of its own: handed to the write thread as it is, without a copy (thread-buffers.ts).
  const stored = Buffer.allocUnsafeSlow(compressed.length + 1);
  stored[0] = BROTLI;
  compressed.copy(stored, 1);
  return stored;
}

export function decodePayload(stored: Buffer): string {
  if (stored[0] === BROTLI) return brotliDecompressSync(stored.subarray(1)).toString('utf8');
  return inflateRawSync(stored).toString('utf8');
}
