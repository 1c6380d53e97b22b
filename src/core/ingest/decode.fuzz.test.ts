import { brotliCompressSync, constants, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { returnsOrClientError } from '../../../test/reliability/client-error.js';
import { createTally, recordFigures } from '../../../test/reliability/figures.js';
import { StatusError } from '../errors.js';
import { decodeBody } from './decode.js';

// Property tests of Content-Encoding handling (spec §3.5, §3.7): any body with any encoding
// decodes, or is refused with a 4xx; a decoded body never passes the limit, however small the
// compressed one was. Seeded, so a failure replays.
const SEED = 20_250_502;
const tally = createTally(SEED);
const ENCODINGS = ['gzip', 'x-gzip', 'deflate', 'br', 'zstd'] as const;
type Encoding = (typeof ENCODINGS)[number];

const property = tally.property;

// A one-frame zstd body: RLE blocks of `byte`, with no content size in the header (the decoder
// must count as it goes). The layout is RFC 8878 §3.1.1.
function zstdRle(byte: number, totalBytes: number): Buffer {
  const blockSize = 128 * 1024;
  const blocks = Math.max(1, Math.ceil(totalBytes / blockSize));
  const frame = Buffer.alloc(6 + blocks * 4);
  frame.writeUInt32LE(0xfd2fb528, 0);
  frame[5] = 7 << 3;
  let left = totalBytes;
  for (let index = 0; index < blocks; index += 1) {
    const size = Math.min(blockSize, left);
    left -= size;
    const last = index === blocks - 1 ? 1 : 0;
    frame.writeUIntLE(last | (1 << 1) | (size << 3), 6 + index * 4, 3);
    frame[6 + index * 4 + 3] = byte;
  }
  return frame;
}

function encode(encoding: Encoding, plain: Buffer): Buffer {
  switch (encoding) {
    case 'gzip':
    case 'x-gzip':
      return gzipSync(plain);
    case 'deflate':
      return deflateSync(plain);
    case 'br':
      return brotliCompressSync(plain, { params: { [constants.BROTLI_PARAM_QUALITY]: 1 } });
    case 'zstd':
      // No zstd encoder ships with Node 20: runs of one byte are what the RLE frames can carry.
      return zstdRle(plain[0] ?? 0, plain.length);
  }
}

// Magic numbers of each format, so that random tails reach past the first header check.
const PREFIXES: Record<Encoding, number[][]> = {
  gzip: [
    [0x1f, 0x8b, 0x08],
    [0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0, 0x03],
  ],
  'x-gzip': [[0x1f, 0x8b, 0x08]],
  deflate: [[0x78, 0x9c], [0x78, 0x01], [0x78, 0xda], []],
  br: [[0x0b], [0x1b], [0x8b]],
  zstd: [
    [0x28, 0xb5, 0x2f, 0xfd],
    [0x28, 0xb5, 0x2f, 0xfd, 0x00, 0x38],
    [0x50, 0x2a, 0x4d, 0x18],
  ],
};

const encoding = fc.constantFrom(...ENCODINGS);

/** Decodes and checks the limit: a result over it must never come back. */
function decodeChecked(body: Buffer, header: string | undefined, limit: number) {
  returnsOrClientError(() => {
    const decoded = decodeBody(body, header, limit);
    expect(decoded.length).toBeLessThanOrEqual(limit);
  });
}

describe('decodeBody under fuzzing', () => {
  afterAll(() =>
    recordFigures('decode-fuzz', {
      cases: tally.cases,
      millis: tally.millis,
      total: tally.total(),
    }),
  );

  it('decodes or answers 4xx for random bytes in every encoding', () => {
    property(
      'random bytes',
      2_000,
      fc.tuple(encoding, fc.uint8Array({ maxLength: 1_024 })),
      ([name, bytes]) => decodeChecked(Buffer.from(bytes), name, 64 * 1024),
    );
  });

  it('decodes or answers 4xx for random bytes behind each format’s magic number', () => {
    const body = encoding.chain((name) =>
      fc.tuple(
        fc.constant(name),
        fc.constantFrom(...PREFIXES[name]),
        fc.uint8Array({ maxLength: 512 }),
      ),
    );
    property('magic prefixes', 2_000, body, ([name, prefix, tail]) =>
      decodeChecked(Buffer.from([...prefix, ...tail]), name, 64 * 1024),
    );
  });

  it('decodes or answers 4xx for corrupted compressed bodies (flips, truncation, junk)', () => {
    const corrupted = fc.record({
      name: encoding,
      plain: fc.uint8Array({ minLength: 1, maxLength: 2_000 }).map((bytes) => Buffer.from(bytes)),
      flips: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { maxLength: 4 }),
      cut: fc.option(fc.nat()),
      junk: fc.uint8Array({ maxLength: 8 }),
    });
    property('corrupted bodies', 1_000, corrupted, ({ name, plain, flips, cut, junk }) => {
      const body = Buffer.from(encode(name, plain));
      for (const [at, mask] of flips) body[at % body.length]! ^= mask;
      const truncated = cut === null ? body : body.subarray(0, cut % (body.length + 1));
      decodeChecked(Buffer.concat([truncated, Buffer.from(junk)]), name, 64 * 1024);
    });
  });

  it('decodes or answers 4xx for corrupted real zstd frames (compressed blocks, not RLE)', () => {
    // From decode.test.ts: `zstd -19` with a content size, and `zstd -c` from a pipe without one.
    const frames = [
      'KLUv/SRp5QIA4kUUGHBvDpDRq9RhQJqmsPo/AoLaUPdzdfRRA+xytECOm9+nPweO3nsDuAgrN59JIPzTfImKttjldYTwQdlFjyKLPJRkIFT3mavGXt3sHCRCn24rAgA0BUA9KCjd+AnV',
      'KLUv/QRY/QIA4gUVG4BJHeBp7j9KmiwQSSu8GehdBGOJjTYSsHLGCCmyszSM0/vna4Cd3ReK1VjC6RMSxm5I/4BohlJkXUbgStEFkeOOQ5REGYj6O0WBHp1ezKA1f24oAgA0BUA9KCjd+AnV',
    ].map((base64) => Buffer.from(base64, 'base64'));
    const corrupted = fc.record({
      frame: fc.constantFrom(...frames),
      flips: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), {
        minLength: 1,
        maxLength: 4,
      }),
      cut: fc.option(fc.nat()),
      limit: fc.constantFrom(16, 100, 64 * 1024),
    });
    property('corrupted zstd frames', 1_000, corrupted, ({ frame, flips, cut, limit }) => {
      const body = Buffer.from(frame);
      for (const [at, mask] of flips) body[at % body.length]! ^= mask;
      decodeChecked(cut === null ? body : body.subarray(0, cut % (body.length + 1)), 'zstd', limit);
    });
  });

  it('reads random Content-Encoding lists: decoded, 400, or 415 for what it does not know', () => {
    const token = fc.oneof(
      encoding,
      fc.constantFrom('identity', 'UTF-8', '', ' ', 'GZIP', 'compress', 'constructor', '__proto__'),
      fc.string({ maxLength: 8 }),
    );
    property(
      'encoding headers',
      1_000,
      fc.tuple(fc.array(token, { maxLength: 4 }), fc.uint8Array({ maxLength: 256 })),
      ([tokens, bytes]) => decodeChecked(Buffer.from(bytes), tokens.join(','), 64 * 1024),
    );
  });

  it('stops every bomb at the limit with a 413, and keeps what fits', () => {
    const bomb = fc.record({
      name: encoding,
      limit: fc.integer({ min: 1, max: 256 * 1024 }),
      // Decoded size as a ratio of the limit: below, at, or well past it.
      ratio: fc.constantFrom(0.5, 1, 1.01, 2, 16),
      byte: fc.integer({ min: 0, max: 255 }),
    });
    property('bombs', 300, bomb, ({ name, limit, ratio, byte }) => {
      const size = Math.max(1, Math.round(limit * ratio));
      const body = encode(name, Buffer.alloc(size, byte));
      let status: number | null = null;
      try {
        const decoded = decodeBody(body, name, limit);
        expect(decoded.length).toBe(size);
      } catch (error) {
        if (!(error instanceof StatusError)) throw error;
        status = error.status;
      }
      expect(status).toBe(size > limit ? 413 : null);
    });
  });

  it('refuses large bombs quickly: 1 GiB of gzip or zstd at 100 MiB, 8 MiB of the others at 4 MiB', () => {
    const started = performance.now();
    const MiB = 1024 * 1024;
    const zeros = Buffer.alloc(8 * MiB);
    const gzipMember = gzipSync(zeros, { level: 1 });
    // gzip members and zstd frames may follow one another: 128 × 8 MiB is 1 GiB decoded.
    const bombs: [string, Buffer, number][] = [
      ['gzip', Buffer.concat(Array.from({ length: 128 }, () => gzipMember)), 100 * MiB],
      ['zstd', zstdRle(0, 1024 * MiB - 1), 100 * MiB],
      ['deflate', deflateRawSync(zeros, { level: 1 }), 4 * MiB],
      ['br', encode('br', zeros), 4 * MiB],
    ];
    for (const [name, body, limit] of bombs) {
      tally.count('large bombs');
      const caseStarted = performance.now();
      expect(
        returnsOrClientError(() => decodeBody(body, name, limit)),
        name,
      ).toBe(413);
      expect(performance.now() - caseStarted, name).toBeLessThan(5_000);
    }
    tally.time('large bombs', started);
  });
});
