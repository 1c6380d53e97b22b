import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { returnsOrClientError } from '../../../test/reliability/client-error.js';
import { createTally, recordFigures } from '../../../test/reliability/figures.js';
import { decodePayload } from '../store/payload-codec.js';
import { type BodyRequest, processBody } from './process-body.js';

// Property tests of the whole of ingest before the write (decode → parse → normalise → group),
// as a processing thread runs it: it returns a write, or a 4xx with a detail. A write must
// survive the trip back from the thread (structured clone) and be storable JSON. Seeded.
const SEED = 20_250_505;
const tally = createTally(SEED);

const property = tally.property;

function processChecked(request: BodyRequest) {
  returnsOrClientError(() => {
    const result = processBody(request);
    const copy = structuredClone(result);
    if (copy.event) {
      expect(copy.event.event.eventId).toMatch(/^[0-9a-f]{32}$/);
      // Stored deflated (store/payload-codec.ts): it must read back as a JSON object.
      const payload = JSON.parse(decodePayload(Buffer.from(copy.event.payload))) as unknown;
      expect(typeof payload).toBe('object');
      for (const hash of copy.event.grouping.hashes) expect(hash).toMatch(/^[0-9a-f]{32}$/);
    }
    for (const item of copy.items) {
      expect(typeof item.type).toBe('string');
      expect(typeof JSON.parse(item.headers)).toBe('object');
    }
    if (copy.responseId !== null) expect(typeof copy.responseId).toBe('string');
  });
}

const ENCODERS: Record<string, (body: Buffer) => Buffer> = {
  identity: (body) => body,
  gzip: (body) => gzipSync(body),
  deflate: (body) => deflateSync(body),
  br: (body) => brotliCompressSync(body),
};

const eventPayload = fc.oneof(
  fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 4 })),
  fc.record(
    {
      event_id: fc.oneof(fc.uuid(), fc.string()),
      message: fc.oneof(fc.string(), fc.jsonValue({ maxDepth: 2 })),
      environment: fc.oneof(fc.string({ maxLength: 70 }), fc.jsonValue({ maxDepth: 1 })),
      exception: fc.jsonValue({ maxDepth: 4 }),
      tags: fc.jsonValue({ maxDepth: 3 }),
      timestamp: fc.oneof(fc.double(), fc.string()),
    },
    { requiredKeys: [] },
  ),
);

const itemHeader = fc.record({
  type: fc.constantFrom(
    'event',
    'error',
    'default',
    'transaction',
    'session',
    'attachment',
    'client_report',
    'check_in',
    'x',
  ),
  extra: fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 2 }),
  withLength: fc.boolean(),
});

const envelopeRequest: fc.Arbitrary<BodyRequest> = fc
  .record({
    header: fc.record(
      {
        event_id: fc.oneof(
          fc.uuid().map((id) => id.replaceAll('-', '')),
          fc.string({ maxLength: 33 }),
        ),
        sent_at: fc.oneof(
          fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
          fc.string(),
        ),
        dsn: fc.oneof(fc.constant('http://publickey@127.0.0.1/1'), fc.string({ maxLength: 20 })),
      },
      { requiredKeys: [] },
    ),
    items: fc.array(fc.tuple(itemHeader, eventPayload), { maxLength: 3 }),
    encoding: fc.constantFrom(...Object.keys(ENCODERS)),
    contentType: fc.constantFrom(undefined, 'application/x-sentry-envelope', 'text/plain'),
    endpoint: fc.constantFrom('envelope' as const, 'store' as const),
  })
  .map(({ header, items, encoding, contentType, endpoint }) => {
    const lines = [JSON.stringify(header)];
    for (const [{ type, extra, withLength }, payload] of items) {
      const body = Buffer.from(JSON.stringify(payload));
      lines.push(
        JSON.stringify({ ...extra, type, ...(withLength ? { length: body.length } : {}) }),
      );
      lines.push(body.toString());
    }
    return {
      endpoint,
      body: ENCODERS[encoding]!(Buffer.from(lines.join('\n'))),
      contentEncoding: encoding,
      contentType: endpoint === 'store' ? 'application/x-sentry-envelope' : contentType,
      context: { receivedAt: Date.now(), clientIp: '127.0.0.1' },
    };
  });

const storeRequest: fc.Arbitrary<BodyRequest> = fc
  .record({
    event: eventPayload,
    form: fc.constantFrom('json', 'base64', 'base64-zlib', 'garbage'),
    encoding: fc.constantFrom(...Object.keys(ENCODERS)),
    garbage: fc.uint8Array({ maxLength: 64 }),
  })
  .map(({ event, form, encoding, garbage }) => {
    const json = Buffer.from(JSON.stringify(event));
    const body =
      form === 'json'
        ? json
        : form === 'base64'
          ? Buffer.from(json.toString('base64'))
          : form === 'base64-zlib'
            ? Buffer.from(deflateSync(json).toString('base64'))
            : Buffer.from(garbage);
    return {
      endpoint: 'store' as const,
      body: ENCODERS[encoding]!(body),
      contentEncoding: encoding,
      contentType: 'application/json',
      context: { receivedAt: Date.now() },
    };
  });

describe('processBody under fuzzing', () => {
  afterAll(() =>
    recordFigures('process-body-fuzz', {
      cases: tally.cases,
      millis: tally.millis,
      total: tally.total(),
    }),
  );

  it('turns random envelopes into a write or a 4xx', () => {
    property('envelopes', 1_000, envelopeRequest, processChecked);
  });

  it('turns random /store/ bodies (JSON, base64, base64 of zlib, junk) into a write or a 4xx', () => {
    property('store bodies', 1_000, storeRequest, processChecked);
  });

  it('turns flipped and truncated envelopes into a write or a 4xx', () => {
    const mutated = fc
      .tuple(
        envelopeRequest,
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { maxLength: 3 }),
        fc.option(fc.nat()),
      )
      .map(([request, flips, cut]) => {
        const body = Buffer.from(request.body);
        for (const [at, mask] of flips) if (body.length > 0) body[at % body.length]! ^= mask;
        return {
          ...request,
          body: cut === null ? body : body.subarray(0, cut % (body.length + 1)),
        };
      });
    property('mutated envelopes', 1_000, mutated, processChecked);
  });
});
