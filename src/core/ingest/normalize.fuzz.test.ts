import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { createTally, recordFigures } from '../../../test/reliability/figures.js';
import { decodePayload, encodeEventPayload } from '../store/payload-codec.js';
import { type NormalizeContext, normalizeEvent, validateIngestEnvironment } from './normalize.js';
import type { JsonObject } from './types.js';

// Property tests of event normalisation (spec §1.3, §4.1): it never refuses an event and never
// throws; what it returns is storable (an id, a whole-millisecond time, JSON-safe data) and an
// environment Relay would accept. Seeded, so a failure replays.
const SEED = 20_250_503;
const tally = createTally(SEED);
const LEVELS = ['debug', 'info', 'warning', 'error', 'fatal'];
const MAX_ENVIRONMENT_BYTES = 64;

const property = tally.property;

const bytes = (text: string) => Buffer.byteLength(text, 'utf8');
const hasEnvironmentTag = (raw: JsonObject) =>
  JSON.stringify(raw.tags ?? null).includes('environment');

/** What every normalised event must satisfy, whatever came in. */
function checkNormalized(raw: JsonObject, context: NormalizeContext) {
  const event = normalizeEvent(raw, context);
  expect(event.eventId).toMatch(/^[0-9a-f]{32}$/);
  expect(Number.isSafeInteger(event.timestamp)).toBe(true);
  expect(LEVELS).toContain(event.level);
  expect(typeof event.platform).toBe('string');
  expect(event.platform).not.toBe('');
  for (const [key, value] of event.tags) {
    expect(typeof key).toBe('string');
    expect(typeof value).toBe('string');
    expect(key).not.toBe('');
    expect(value).not.toBe('');
  }
  // The payload is stored as the event was sent with what normalisation changed, and reads
  // back as the normalised event.
  const stored = encodeEventPayload(event.patch, Buffer.from(JSON.stringify(raw)));
  expect(decodePayload(stored)).toBe(JSON.stringify(event.data));
  // Sentry keeps at most 64 characters of a name (spec §1.4)…
  expect([...event.environment].length).toBeLessThanOrEqual(MAX_ENVIRONMENT_BYTES);
  // …and one from the `environment` field passed Relay's rules (spec §1.2). A legacy
  // `environment` tag is promoted as it is, not re-validated (spec §1.3 step 4).
  if (!hasEnvironmentTag(raw) && event.environment !== '') {
    expect(validateIngestEnvironment(event.environment)).toBeNull();
  }
  const field = typeof raw.environment === 'string' ? raw.environment.trim() : null;
  if (field !== null && field !== '' && validateIngestEnvironment(field) === null) {
    expect(event.environment).toBe(field);
  }
  return event;
}

const context: fc.Arbitrary<NormalizeContext> = fc.record(
  {
    // Epoch milliseconds up to 2100; fc.integer stops at 32 bits.
    receivedAt: fc
      .tuple(fc.integer({ min: 0, max: 4_102_444_800 }), fc.integer({ min: 0, max: 999 }))
      .map(([seconds, millis]) => seconds * 1000 + millis),
    eventId: fc.oneof(
      fc.uuid(),
      fc.string({
        unit: fc.constantFrom(...'0123456789abcdefABCDEF-'),
        minLength: 32,
        maxLength: 36,
      }),
      fc.string(),
    ),
    clientIp: fc.oneof(fc.ipV4(), fc.ipV6(), fc.string({ maxLength: 10 })),
    // Whatever Date.parse gives for an envelope's `sent_at`.
    sentAt: fc.oneof(
      fc.maxSafeInteger(),
      fc.date({ noInvalidDate: true }).map((date) => date.getTime()),
    ),
  },
  { requiredKeys: ['receivedAt'] },
);

// Characters that sit on every edge of Relay's environment rules: 1- to 4-byte UTF-8, lone
// surrogates (3 bytes once encoded), the forbidden ones, and the letters of `none`.
const environmentCharacter = fc.constantFrom(
  'a',
  'Z',
  ' ',
  '.',
  '-',
  'é',
  '€',
  '😀',
  '\ud800',
  '/',
  '\\',
  '\t',
  '\n',
  '\u0000',
  '\u007f',
  '\u0085',
  'n',
  'o',
  'N',
  'E',
);

/** Names whose UTF-8 length lands around the 64-byte limit. */
const environmentName = fc
  .tuple(fc.array(environmentCharacter, { maxLength: 80 }), fc.integer({ min: 56, max: 72 }))
  .map(([characters, targetBytes]) => {
    let name = '';
    for (const character of characters) {
      if (bytes(name + character) > targetBytes) break;
      name += character;
    }
    while (bytes(name) < targetBytes) name += 'a';
    return name;
  });

// Values that SDKs put in the fields normalisation reads, right and wrong.
const fieldValue = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom('', ' ', 'none', 'NONE', '.', '..', 'latest', '{{auto}}', 10, 20, 1e308, -1),
  fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
  fc.double(),
);

const eventLike = fc.record(
  {
    event_id: fc.oneof(fc.uuid(), fc.string({ maxLength: 40 })),
    timestamp: fieldValue,
    level: fieldValue,
    platform: fieldValue,
    environment: fc.oneof(fieldValue, environmentName),
    release: fieldValue,
    dist: fieldValue,
    server_name: fieldValue,
    user: fc.oneof(
      fc.record(
        { id: fieldValue, email: fieldValue, ip_address: fieldValue },
        { requiredKeys: [] },
      ),
      fieldValue,
    ),
    tags: fc.oneof(
      fc.dictionary(fc.oneof(fc.constant('environment'), fc.string({ maxLength: 5 })), fieldValue),
      fc.array(fc.array(fc.oneof(fc.constant('environment'), fieldValue), { maxLength: 3 })),
      fieldValue,
    ),
    message: fc.oneof(
      fieldValue,
      fc.record(
        { message: fieldValue, params: fieldValue, formatted: fieldValue },
        { requiredKeys: [] },
      ),
    ),
    logentry: fieldValue,
    errors: fieldValue,
  },
  { requiredKeys: [] },
);

describe('normalizeEvent under fuzzing', () => {
  afterAll(() =>
    recordFigures('normalize-fuzz', {
      cases: tally.cases,
      millis: tally.millis,
      total: tally.total(),
    }),
  );

  it('never throws on arbitrary JSON objects', () => {
    property(
      'JSON objects',
      1_000,
      fc.tuple(fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue()), context),
      ([raw, ctx]) => checkNormalized(raw, ctx),
    );
  });

  it('never throws on events whose known fields hold wrong values', () => {
    property('event-shaped objects', 2_000, fc.tuple(eventLike, context), ([raw, ctx]) =>
      checkNormalized(raw, ctx),
    );
  });

  it('keeps a field environment exactly when Relay would, around the 64-byte limit', () => {
    property(
      'environment names',
      2_000,
      fc.tuple(environmentName, fc.constantFrom('', ' ', '\n', '  ')),
      ([name, padding]) => {
        const event = checkNormalized({ environment: padding + name + padding }, { receivedAt: 0 });
        const trimmed = (padding + name + padding).trim();
        if (validateIngestEnvironment(trimmed) === null) {
          expect(event.environment).toBe(trimmed);
          expect(bytes(event.environment)).toBeLessThanOrEqual(MAX_ENVIRONMENT_BYTES);
        } else {
          expect(event.environment).toBe('');
          expect(event.data.errors).toContainEqual(
            expect.objectContaining({ type: 'invalid_data', name: 'environment' }),
          );
        }
      },
    );
  });

  it('accepts names of exactly 64 bytes and refuses 65, in 1- to 4-byte characters', () => {
    tally.count('environment limits', 8);
    for (const [name, accepted] of [
      ['a'.repeat(64), true],
      ['a'.repeat(65), false],
      ['é'.repeat(32), true],
      ['é'.repeat(32) + 'a', false],
      ['€'.repeat(21) + 'a', true],
      ['€'.repeat(22), false],
      ['😀'.repeat(16), true],
      ['😀'.repeat(16) + 'a', false],
    ] as const) {
      const event = checkNormalized({ environment: name }, { receivedAt: 0 });
      expect(event.environment, `${bytes(name)} bytes`).toBe(accepted ? name : '');
    }
  });
});
