import { Decompress } from 'fzstd';

// Frame layout from RFC 8878 §3.1.
const FRAME_MAGIC = 0xfd2fb528;
const SKIPPABLE_MAGIC_HIGH = 0x184d2a5; // 0x184D2A50 to 0x184D2A5F
const BLOCK_TYPE_RLE = 1;
const BLOCK_TYPE_RESERVED = 3;
// RFC 8878 §3.1.1.1.2 asks decoders to support windows of at least 8 MB. Larger windows are
// allowed up to the output limit; beyond it they only serve to make fzstd allocate memory.
const MIN_WINDOW_ALLOWANCE = 8 * 1024 * 1024;

/** Thrown the way node:zlib reports `maxOutputLength`, so callers handle every codec alike. */
function outputTooLarge(maxOutputLength: number): RangeError {
  const error = new RangeError(`Cannot create a Buffer larger than ${maxOutputLength} bytes`);
  return Object.assign(error, { code: 'ERR_BUFFER_TOO_LARGE' });
}

function readLittleEndian(body: Buffer, offset: number, size: number): number {
  if (offset + size > body.length) throw new Error('truncated frame header');
  let value = 0;
  for (let index = size - 1; index >= 0; index -= 1) value = value * 256 + body[offset + index]!;
  return value;
}

/** Reads one frame header and skips its blocks; returns where the next frame starts. */
function checkFrame(body: Buffer, start: number, maxOutputLength: number): number {
  const descriptor = readLittleEndian(body, start + 4, 1);
  const contentSizeFlag = descriptor >> 6;
  const singleSegment = (descriptor >> 5) & 1;
  const hasChecksum = (descriptor >> 2) & 1;
  const dictionaryIdBytes = [0, 1, 2, 4][descriptor & 3]!;
  let offset = start + 5;
  let windowSize = 0;
  if (!singleSegment) {
    const windowDescriptor = readLittleEndian(body, offset, 1);
    const base = 2 ** (10 + (windowDescriptor >> 3));
    windowSize = base + (base / 8) * (windowDescriptor & 7);
    offset += 1;
  }
  offset += dictionaryIdBytes;
  const contentSizeBytes = [singleSegment, 2, 4, 8][contentSizeFlag]!;
  if (contentSizeBytes > 0) {
    const contentSize =
      readLittleEndian(body, offset, contentSizeBytes) + (contentSizeBytes === 2 ? 256 : 0);
    // A frame that declares more than the limit can be refused before any work.
    if (contentSize > maxOutputLength) throw outputTooLarge(maxOutputLength);
    if (singleSegment) windowSize = contentSize;
    offset += contentSizeBytes;
  }
  if (windowSize > Math.max(maxOutputLength, MIN_WINDOW_ALLOWANCE)) {
    throw outputTooLarge(maxOutputLength);
  }
  for (;;) {
    const header = readLittleEndian(body, offset, 3);
    const type = (header >> 1) & 3;
    if (type === BLOCK_TYPE_RESERVED) throw new Error('reserved block type');
    offset += 3 + (type === BLOCK_TYPE_RLE ? 1 : header >>> 3);
    if (header & 1) break;
  }
  return offset + (hasChecksum ? 4 : 0);
}

/**
 * Walks the frame headers without decoding. fzstd allocates each frame's whole window up
 * front, so a header claiming a huge window or content size must be refused before it gets there.
 */
function checkFrames(body: Buffer, maxOutputLength: number): void {
  let offset = 0;
  while (offset < body.length) {
    const magic = readLittleEndian(body, offset, 4);
    if (magic === FRAME_MAGIC) {
      offset = checkFrame(body, offset, maxOutputLength);
    } else if (magic >>> 4 === SKIPPABLE_MAGIC_HIGH) {
      offset += 8 + readLittleEndian(body, offset + 4, 4);
    } else {
      throw new Error('not a zstd frame');
    }
  }
  if (offset > body.length) throw new Error('truncated frame');
}

/**
 * Decodes a zstd body (Relay accepts zstd since PR #4089, spec §3.5). The output is counted
 * block by block, so decoding stops as soon as it passes the limit.
 */
export function decodeZstd(body: Buffer, maxOutputLength: number): Buffer {
  checkFrames(body, maxOutputLength);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const stream = new Decompress((chunk) => {
    total += chunk.length;
    if (total > maxOutputLength) throw outputTooLarge(maxOutputLength);
    chunks.push(chunk);
  });
  stream.push(body, true);
  return Buffer.concat(chunks, total);
}
