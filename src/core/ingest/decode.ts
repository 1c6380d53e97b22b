import { constants as bufferConstants } from 'node:buffer';
import { brotliDecompressSync, gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';
import { StatusError, badRequest } from '../errors.js';
import { decodeZstd } from './decode-zstd.js';

type Decoder = (body: Buffer, maxOutputLength: number) => Buffer;

const tooLarge = (maxDecodedBytes: number) =>
  new StatusError(413, `decoded body exceeds ${maxDecodedBytes} bytes`);

// A zlib header is CMF (method 8 = deflate, window ≤ 32 KiB) then FLG, checked together mod 31
// (RFC 1950 §2.2).
function hasZlibHeader(body: Buffer): boolean {
  const cmf = body[0];
  const flg = body[1];
  if (cmf === undefined || flg === undefined) return false;
  return (cmf & 0x0f) === 8 && cmf >> 4 <= 7 && (cmf * 256 + flg) % 31 === 0;
}

// `deflate` means zlib-wrapped (spec §3.5, relay PR #1122), but some clients send a bare
// deflate stream as browsers once did; accept both rather than refuse the event.
function inflateEither(body: Buffer, maxOutputLength: number): Buffer {
  if (!hasZlibHeader(body)) return inflateRawSync(body, { maxOutputLength });
  try {
    return inflateSync(body, { maxOutputLength });
  } catch (error) {
    if (isSizeError(error)) throw error;
    // Two bytes of raw deflate can look like a zlib header by chance.
    return inflateRawSync(body, { maxOutputLength });
  }
}

// A Map, so that a header such as `constructor` cannot reach Object.prototype.
const DECODERS = new Map<string, Decoder>([
  ['gzip', (body, maxOutputLength) => gunzipSync(body, { maxOutputLength })],
  ['x-gzip', (body, maxOutputLength) => gunzipSync(body, { maxOutputLength })],
  ['deflate', inflateEither],
  ['br', (body, maxOutputLength) => brotliDecompressSync(body, { maxOutputLength })],
  ['zstd', decodeZstd],
]);

// Relay treats an empty value and `UTF-8` (a charset some clients put in the wrong header) as
// no encoding at all (spec §3.5, vector 34).
const IDENTITY = new Set(['', 'identity', 'utf-8']);

// node:zlib reports maxOutputLength this way; decodeZstd mimics it.
function isSizeError(error: unknown): boolean {
  return (
    error instanceof RangeError && (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE'
  );
}

function decodeOne(body: Buffer, encoding: string, maxDecodedBytes: number): Buffer {
  const decoder = DECODERS.get(encoding);
  if (!decoder) {
    throw new StatusError(
      415,
      `unsupported Content-Encoding "${encoding}"; use gzip, deflate, br, zstd or identity`,
    );
  }
  // An empty body stays empty: the envelope parser gives the clearer error.
  if (body.length === 0) return body;
  // zlib's sync functions stop as soon as the output passes maxOutputLength, so a small
  // compressed bomb never grows into the memory it claims. zlib wants a limit between 1 and
  // the largest possible Buffer.
  const maxOutputLength = Math.min(Math.max(1, maxDecodedBytes), bufferConstants.MAX_LENGTH);
  try {
    return decoder(body, maxOutputLength);
  } catch (error) {
    if (isSizeError(error)) throw tooLarge(maxDecodedBytes);
    const reason = error instanceof Error ? error.message : String(error);
    throw badRequest(`invalid ${encoding} body: ${reason}`);
  }
}

/**
 * Undoes the request's Content-Encoding (spec §3.5) and enforces the decoded size limit
 * (spec §3.7) while decoding, so the limit also bounds the memory used.
 */
export function decodeBody(
  body: Buffer,
  contentEncoding: string | undefined,
  maxDecodedBytes: number,
): Buffer {
  // Encodings are listed in the order they were applied, so they are undone from the last
  // (RFC 9110 §8.4).
  const encodings = (contentEncoding ?? '')
    .split(',')
    .map((encoding) => encoding.trim().toLowerCase())
    .filter((encoding) => !IDENTITY.has(encoding))
    .reverse();
  let decoded = body;
  for (const encoding of encodings) decoded = decodeOne(decoded, encoding, maxDecodedBytes);
  if (decoded.length > maxDecodedBytes) throw tooLarge(maxDecodedBytes);
  return decoded;
}
