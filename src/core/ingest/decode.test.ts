import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import {
  brotliCompressSync,
  constants,
  createBrotliCompress,
  createDeflate,
  deflateRawSync,
  deflateSync,
  gzipSync,
} from 'node:zlib';
import type { Transform } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { StatusError } from '../errors.js';
import { decodeBody } from './decode.js';

const MiB = 1024 * 1024;
const text =
  '{"event_id":"9ec79c33ec9942ab8353589fcb2e04dc"}\n{"type":"event"}\n{"message":"hi"}\n';
const plain = Buffer.from(text);

// Made with the zstd CLI: `zstd -19` (content size in the header) and `zstd -c` from a pipe
// (no content size, a 2 MiB window). Both decode to `zstdText`.
const zstdText =
  '{"event_id":"9ec79c33ec9942ab8353589fcb2e04dc"}\n{"type":"event"}\n{"message":"zstd hello","level":"info"}\n';
const zstdWithSize = Buffer.from(
  'KLUv/SRp5QIA4kUUGHBvDpDRq9RhQJqmsPo/AoLaUPdzdfRRA+xytECOm9+nPweO3nsDuAgrN59JIPzTfImKttjldYTwQdlFjyKLPJRkIFT3mavGXt3sHCRCn24rAgA0BUA9KCjd+AnV',
  'base64',
);
const zstdStreamed = Buffer.from(
  'KLUv/QRY/QIA4gUVG4BJHeBp7j9KmiwQSSu8GehdBGOJjTYSsHLGCCmyszSM0/vna4Cd3ReK1VjC6RMSxm5I/4BohlJkXUbgStEFkeOOQ5REGYj6O0WBHp1ezKA1f24oAgA0BUA9KCjd+AnV',
  'base64',
);
// Two frames, `first ` and `second`, one after the other.
const zstdTwoFrames = Buffer.from('KLUv/QRYMQAAZmlyc3Qg0v21ESi1L/0EWDEAAHNlY29uZDcAXk0=', 'base64');

function statusOf(run: () => unknown): { status: number; detail: string } {
  try {
    run();
  } catch (error) {
    if (!(error instanceof StatusError)) throw error;
    return { status: error.status, detail: String(error.body.detail) };
  }
  throw new Error('expected a StatusError');
}

/** Streams `totalBytes` of zeros through a compressor without ever holding them all. */
async function compressZeros(compressor: Transform, totalBytes: number): Promise<Buffer> {
  const zeros = Buffer.alloc(MiB);
  async function* chunks() {
    for (let sent = 0; sent < totalBytes; sent += MiB) yield zeros;
  }
  return buffer(Readable.from(chunks()).pipe(compressor));
}

/** A zstd frame of RLE blocks of 128 KiB zeros, with no content size in its header. */
function zstdZeros(totalBytes: number): Buffer {
  const blockSize = 128 * 1024;
  const blocks = Math.ceil(totalBytes / blockSize);
  const frame = Buffer.alloc(6 + blocks * 4);
  frame.writeUInt32LE(0xfd2fb528, 0);
  frame[4] = 0x00; // no content size, window descriptor follows, no checksum
  frame[5] = 7 << 3; // 128 KiB window
  for (let index = 0; index < blocks; index += 1) {
    const last = index === blocks - 1 ? 1 : 0;
    frame.writeUIntLE(last | (1 << 1) | (blockSize << 3), 6 + index * 4, 3);
    frame[6 + index * 4 + 3] = 0;
  }
  return frame;
}

describe('decodeBody', () => {
  it.each([undefined, '', 'identity', 'UTF-8', 'utf-8', ' identity , ,'])(
    'treats %j as no encoding (vector 34)',
    (encoding) => {
      expect(decodeBody(plain, encoding, MiB)).toBe(plain);
    },
  );

  it.each([
    ['gzip', gzipSync(plain)],
    ['x-gzip', gzipSync(plain)],
    ['GZIP', gzipSync(plain)],
    ['deflate', deflateSync(plain)],
    ['deflate', deflateRawSync(plain)],
    ['br', brotliCompressSync(plain)],
  ])('decodes %s', (encoding, body) => {
    expect(decodeBody(body, encoding, MiB).toString()).toBe(text);
  });

  it('decodes zstd frames with and without a content size, and several frames', () => {
    expect(decodeBody(zstdWithSize, 'zstd', MiB).toString()).toBe(zstdText);
    expect(decodeBody(zstdStreamed, 'zstd', MiB).toString()).toBe(zstdText);
    expect(decodeBody(zstdTwoFrames, 'zstd', MiB).toString()).toBe('first second');
  });

  it('decodes concatenated gzip members', () => {
    const body = Buffer.concat([gzipSync('first '), gzipSync('second')]);
    expect(decodeBody(body, 'gzip', MiB).toString()).toBe('first second');
  });

  it('undoes several encodings from the last one listed', () => {
    const body = brotliCompressSync(gzipSync(plain));
    expect(decodeBody(body, 'gzip, br', MiB).toString()).toBe(text);
  });

  it('refuses an unknown encoding with 415', () => {
    const { status, detail } = statusOf(() => decodeBody(plain, 'compress', MiB));
    expect(status).toBe(415);
    expect(detail).toContain('"compress"');
  });

  it.each([
    ['gzip', gzipSync(plain).subarray(0, 20)],
    ['gzip', Buffer.from('not gzip at all')],
    ['deflate', Buffer.from([0xff, 0xff, 0xff, 0xff])],
    ['br', Buffer.from('not brotli at all')],
    ['zstd', Buffer.from('not zstd at all')],
    ['zstd', zstdWithSize.subarray(0, zstdWithSize.length - 10)],
  ])('answers a corrupt %s stream with 400', (encoding, body) => {
    const { status, detail } = statusOf(() => decodeBody(body, encoding, MiB));
    expect(status).toBe(400);
    expect(detail).toContain(encoding);
  });

  it('keeps an empty body empty whatever the encoding', () => {
    expect(decodeBody(Buffer.alloc(0), 'gzip', MiB).length).toBe(0);
  });

  it('allows exactly the limit and refuses one byte more', () => {
    const body = gzipSync(Buffer.alloc(1000));
    expect(decodeBody(body, 'gzip', 1000).length).toBe(1000);
    expect(statusOf(() => decodeBody(body, 'gzip', 999))).toEqual({
      status: 413,
      detail: 'decoded body exceeds 999 bytes',
    });
    expect(statusOf(() => decodeBody(Buffer.alloc(1001), undefined, 1000)).status).toBe(413);
    expect(decodeBody(zstdWithSize, 'zstd', zstdText.length).toString()).toBe(zstdText);
    expect(statusOf(() => decodeBody(zstdStreamed, 'zstd', zstdText.length - 1)).status).toBe(413);
  });

  describe('stops a 200 MiB bomb at the limit', () => {
    const bombBytes = 200 * MiB;

    it('gzip', () => {
      const member = gzipSync(Buffer.alloc(MiB));
      const bomb = Buffer.concat(Array.from({ length: bombBytes / MiB }, () => member));
      expect(statusOf(() => decodeBody(bomb, 'gzip', MiB)).status).toBe(413);
    });

    it('deflate', async () => {
      const bomb = await compressZeros(createDeflate(), bombBytes);
      expect(statusOf(() => decodeBody(bomb, 'deflate', MiB)).status).toBe(413);
    });

    it('br', async () => {
      const quality = { [constants.BROTLI_PARAM_QUALITY]: 1 };
      const bomb = await compressZeros(createBrotliCompress({ params: quality }), bombBytes);
      expect(statusOf(() => decodeBody(bomb, 'br', MiB)).status).toBe(413);
    });

    it('zstd', () => {
      expect(decodeBody(zstdZeros(MiB), 'zstd', MiB).length).toBe(MiB);
      expect(statusOf(() => decodeBody(zstdZeros(bombBytes), 'zstd', MiB)).status).toBe(413);
    });

    it('zstd frames that declare a huge content size or window', () => {
      const hugeContent = Buffer.alloc(16);
      hugeContent.writeUInt32LE(0xfd2fb528, 0);
      hugeContent[4] = 0xe0; // 8-byte content size, single segment
      hugeContent.writeBigUInt64LE(2n ** 40n, 5);
      expect(statusOf(() => decodeBody(hugeContent, 'zstd', MiB)).status).toBe(413);

      const hugeWindow = zstdZeros(MiB);
      hugeWindow[5] = 20 << 3; // 1 GiB window
      expect(statusOf(() => decodeBody(hugeWindow, 'zstd', MiB)).status).toBe(413);
    });
  });
});
