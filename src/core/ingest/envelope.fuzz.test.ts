import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { returnsOrClientError } from '../../../test/reliability/client-error.js';
import { createTally, recordFigures } from '../../../test/reliability/figures.js';
import { parseEnvelope, parseJsonObject, serializeEnvelope } from './envelope.js';
import { limits } from './limits.js';
import type { Envelope } from './types.js';

// Property tests of the envelope parser (spec §3.3): whatever the bytes, it returns an envelope
// or refuses with a 4xx that says why, and never takes long. Seeded, so a failure replays.
const SEED = 20_250_501;
const tally = createTally(SEED);

function property<T>(target: string, arbitrary: fc.Arbitrary<T>, check: (value: T) => void) {
  const started = performance.now();
  fc.assert(
    fc.property(arbitrary, (value) => {
      tally.count(target);
      check(value);
    }),
    { seed: SEED, numRuns: RUNS[target] ?? 200 },
  );
  tally.time(target, started);
}

const RUNS: Record<string, number> = {
  'random bytes': 3_000,
  'random lines': 3_000,
  'structured envelopes': 2_000,
  'round trip': 300,
  'JSON objects': 500,
};

/** Checks what a parsed envelope promises: views into the body, typed items. */
function checkEnvelope(body: Buffer, envelope: Envelope) {
  expect(typeof envelope.headers).toBe('object');
  for (const item of envelope.items) {
    expect(typeof item.type).toBe('string');
    expect(item.type).not.toBe('');
    expect(item.payload.length).toBeLessThanOrEqual(body.length);
    expect(item.payload.buffer).toBe(body.buffer);
  }
}

function parseChecked(body: Buffer) {
  returnsOrClientError(() => checkEnvelope(body, parseEnvelope(body)));
}

// Pieces an envelope is made of, so that random lines often come close to a valid one.
const fragment = fc.oneof(
  fc.constantFrom(
    '\n',
    '\r\n',
    '{}',
    '{',
    '}',
    '"type":',
    '"event"',
    '"length":',
    '"event_id":"9ec79c33ec9942ab8353589fcb2e04dc"',
    ',',
    '[',
    ']',
    ' ',
    '\\',
    '"',
    '\u0000',
    '\ud800',
    '😀',
  ),
  fc.string({ maxLength: 8 }),
  fc.integer().map(String),
);

// A `length` that is right, a little wrong, or not a length at all.
const lengthFor = (actual: number) =>
  fc.oneof(
    fc.constant(undefined),
    fc.constant(actual),
    fc.integer({ min: -3, max: 3 }).map((delta) => actual + delta),
    fc.constantFrom<unknown>(
      -1,
      0,
      1.5,
      2 ** 53,
      Number.MAX_SAFE_INTEGER,
      1e308,
      null,
      '5',
      true,
      [],
      {},
    ),
  );

const itemType = fc.oneof(
  fc.constantFrom<unknown>(
    'event',
    'transaction',
    'attachment',
    'session',
    'sessions',
    'client_report',
    'check_in',
    'log',
    '',
    undefined,
    null,
    1,
    ['event'],
  ),
  fc.string({ maxLength: 12 }),
);

const payload = fc.oneof(
  fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
  fc.jsonValue({ maxDepth: 3 }).map((value) => Buffer.from(JSON.stringify(value) ?? 'null')),
  fc.string({ maxLength: 50 }).map((text) => Buffer.from(text)),
);

const item = fc
  .record({
    type: itemType,
    payload,
    extra: fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 1 }), {
      maxKeys: 3,
    }),
    separator: fc.constantFrom('\n', '', '\r\n', '\n\n', ' \n', '\t'),
  })
  .chain((parts) =>
    lengthFor(parts.payload.length).map((length) => {
      const headers: Record<string, unknown> = { ...parts.extra, type: parts.type };
      if (length !== undefined) headers.length = length;
      return Buffer.concat([
        Buffer.from(JSON.stringify(headers) + '\n'),
        parts.payload,
        Buffer.from(parts.separator),
      ]);
    }),
  );

const envelopeHeader = fc.oneof(
  fc.record(
    {
      event_id: fc.oneof(fc.uuid(), fc.string({ maxLength: 40 })),
      sent_at: fc.oneof(
        fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
        fc.string(),
      ),
      dsn: fc.oneof(fc.webUrl(), fc.string({ maxLength: 30 })),
    },
    { requiredKeys: [] },
  ),
  fc.jsonValue({ maxDepth: 2 }),
);

const structuredEnvelope = fc
  .tuple(
    envelopeHeader,
    fc.array(item, { maxLength: 6 }),
    fc.constantFrom('', '\n', '\n\n', '\r\n'),
  )
  .map(([headers, items, tail]) =>
    Buffer.concat([Buffer.from(JSON.stringify(headers) + '\n'), ...items, Buffer.from(tail)]),
  );

describe('parseEnvelope under fuzzing', () => {
  afterAll(() =>
    recordFigures('envelope-fuzz', {
      cases: tally.cases,
      millis: tally.millis,
      total: tally.total(),
    }),
  );

  it('returns or answers 4xx for arbitrary bytes', () => {
    property('random bytes', fc.uint8Array({ maxLength: 2_048 }), (bytes) =>
      parseChecked(Buffer.from(bytes)),
    );
  });

  it('returns or answers 4xx for lines made of envelope fragments', () => {
    property('random lines', fc.array(fragment, { maxLength: 60 }), (parts) =>
      parseChecked(Buffer.from(parts.join(''))),
    );
  });

  it('returns or answers 4xx for structured but wrong envelopes (bad lengths, types, headers)', () => {
    property('structured envelopes', structuredEnvelope, parseChecked);
  });

  it('reads back what serializeEnvelope writes', () => {
    const envelope = fc.record({
      headers: fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 })),
      items: fc.array(
        fc.record({
          headers: fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 })),
          type: fc.string({ minLength: 1, maxLength: 10 }),
          payload: fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)),
        }),
        { maxLength: 5 },
      ),
    });
    property('round trip', envelope, (original) => {
      const parsed = parseEnvelope(serializeEnvelope(original));
      expect(parsed.items.map(({ type, payload }) => [type, payload.toString('hex')])).toEqual(
        original.items.map(({ type, payload }) => [type, payload.toString('hex')]),
      );
    });
  });

  it('reads JSON objects or refuses them with a 400', () => {
    const text = fc.oneof(
      fc.jsonValue().map((value) => JSON.stringify(value) ?? ''),
      fc.string(),
      fc.array(fragment, { maxLength: 30 }).map((parts) => parts.join('')),
    );
    property('JSON objects', text, (value) => {
      returnsOrClientError(() => parseJsonObject(Buffer.from(value), 'fuzz'));
    });
  });

  it('refuses documents nested past the limit before parsing them, at any depth', () => {
    const started = performance.now();
    for (const depth of [limits.jsonDepth, limits.jsonDepth + 1, 10_000, 500_000]) {
      tally.count('deep nesting');
      for (const [open, close] of [
        ['[', ']'],
        ['{"a":', '}'],
      ] as const) {
        const event = `{"extra":${open.repeat(depth)}1${close.repeat(depth)}}`;
        const body = Buffer.from(`{}\n{"type":"event"}\n${event}\n{"type":"x","deep":${event}}\n`);
        const status = returnsOrClientError(() => parseJsonObject(Buffer.from(event), 'event'));
        expect(status, `depth ${depth}`).toBe(depth + 1 > limits.jsonDepth ? 400 : null);
        // An item header nested as deep is refused as well.
        expect(returnsOrClientError(() => parseEnvelope(body))).toBe(
          depth + 1 > limits.jsonDepth ? 400 : null,
        );
      }
    }
    // A bracket inside a string is text, not nesting.
    const quoted = `{"text":"${'['.repeat(10_000)}\\"${'{'.repeat(10_000)}"}`;
    expect(returnsOrClientError(() => parseJsonObject(Buffer.from(quoted), 'event'))).toBeNull();
    tally.time('deep nesting', started);
  });
});
