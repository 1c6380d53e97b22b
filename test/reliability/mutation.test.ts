import { readdirSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEnvelope, serializeEnvelope } from '../../src/core/ingest/envelope.js';
import { type RunningCore, startCore } from '../support/core.js';
import { wireDir } from '../support/fixtures.js';
import { acceptRecordedKey, freshenRecorded } from '../support/replay.js';
import { newEventId } from '../support/send.js';
import { type WireRequest, loadWireRequests } from '../support/wire.js';
import { recordFigures } from './figures.js';
import { seededRandom } from '../../bench/random.js';

// Every ingest request recorded from real SDKs, damaged in seeded-random ways and posted to a
// real listener: each answer is a 200, or a 4xx with a JSON `detail`, never a 5xx and never a
// hang; a refused request stores nothing; the listener stays up.

const INGEST = /^\/api\/\d+\/(envelope|store)\/$/;
const SEED = 0x5eed_0b57;
const REQUEST_TIMEOUT_MS = 10_000;
const DEEP = 10_000;

// The bench's generator: every run sends the same mutations.
const next = seededRandom(SEED);
const random = { next, below: (n: number) => Math.floor(next() * n) };

interface Original {
  name: string;
  request: WireRequest;
  isEnvelope: boolean;
  gzip: boolean;
  /** The freshened body before its Content-Encoding. */
  plain: Buffer;
}

interface Mutation {
  kind: string;
  body: Buffer;
  headers?: Record<string, string>;
  /** The status this mutation must get, when it is known in advance. */
  expect?: number;
  /** The environment the stored event must have (for the 64/65-byte names). */
  environment?: { eventId: string; name: string };
}

const INVALID_UTF8 = [
  [0xff],
  [0xc3, 0x28],
  [0xed, 0xa0, 0x80],
  [0xc0, 0xaf],
  [0xf4, 0x90, 0x80, 0x80],
  [0xe2, 0x82],
];

const encodeAs = (original: Original, plain: Buffer) => (original.gzip ? gzipSync(plain) : plain);

function flipBytes(bytes: Buffer, count: number): Buffer {
  const out = Buffer.from(bytes);
  for (let index = 0; index < count; index += 1)
    out[random.below(out.length)]! ^= 1 + random.below(255);
  return out;
}

function insertAt(bytes: Buffer, at: number, insert: number[]): Buffer {
  return Buffer.concat([bytes.subarray(0, at), Buffer.from(insert), bytes.subarray(at)]);
}

// What JSON.stringify cannot write (10,000 levels of nesting, invalid UTF-8) is spliced into
// the text in place of this string.
const RAW = '__raw_bytes__';
const DEEP_TEXT = '['.repeat(DEEP) + ']'.repeat(DEEP);

/**
 * The body with its event payload rewritten, under a new event id so it is not a duplicate.
 * `raw` replaces the JSON string RAW that `change` put in; item lengths are computed after.
 */
function withEvent(
  original: Original,
  change: (event: Record<string, unknown>) => void,
  raw?: Buffer,
) {
  const eventId = newEventId();
  const write = (event: Record<string, unknown>) => {
    const text = Buffer.from(JSON.stringify(event));
    const at = raw ? text.indexOf(`"${RAW}"`) : -1;
    if (at < 0) return text;
    return Buffer.concat([text.subarray(0, at), raw!, text.subarray(at + RAW.length + 2)]);
  };
  if (!original.isEnvelope) {
    const event = JSON.parse(original.plain.toString('utf8')) as Record<string, unknown>;
    event.event_id = eventId;
    change(event);
    return { eventId, plain: write(event) };
  }
  const envelope = parseEnvelope(original.plain);
  const item = envelope.items.find(({ type }) => type === 'event');
  if (!item) return null;
  const event = JSON.parse(item.payload.toString('utf8')) as Record<string, unknown>;
  event.event_id = eventId;
  change(event);
  item.payload = write(event);
  return {
    eventId,
    plain: serializeEnvelope({ ...envelope, headers: { ...envelope.headers, event_id: eventId } }),
  };
}

/** The seeded mutations of one recorded request. */
function mutationsOf(original: Original): Mutation[] {
  const { plain } = original;
  const out: Mutation[] = [];
  for (let index = 0; index < 8; index += 1) {
    out.push({
      kind: 'truncated',
      body: encodeAs(original, plain.subarray(0, random.below(plain.length))),
    });
    out.push({
      kind: 'byte flips',
      body: encodeAs(original, flipBytes(plain, 1 + random.below(8))),
    });
  }
  for (let index = 0; index < 6; index += 1) {
    const at = random.below(plain.length + 1);
    const sequence = INVALID_UTF8[random.below(INVALID_UTF8.length)]!;
    out.push({ kind: 'invalid UTF-8', body: encodeAs(original, insertAt(plain, at, sequence)) });
  }
  // Invalid UTF-8 inside the event's strings, where it reaches normalisation and the store.
  const invalidInEvent = withEvent(
    original,
    (event) => {
      event.message = RAW;
    },
    Buffer.concat([
      Buffer.from('"bad '),
      Buffer.from([0xed, 0xa0, 0x80, 0xff]),
      Buffer.from(' bytes"'),
    ]),
  );
  if (invalidInEvent) {
    out.push({
      kind: 'invalid UTF-8 in event',
      body: encodeAs(original, invalidInEvent.plain),
      expect: 200,
    });
  }
  // A bad gzip body: flipped or cut compressed bytes, or plain bytes that claim to be gzip.
  if (original.gzip) {
    const compressed = gzipSync(plain);
    out.push({ kind: 'corrupted gzip', body: flipBytes(compressed, 1 + random.below(4)) });
    out.push({
      kind: 'corrupted gzip',
      body: compressed.subarray(0, random.below(compressed.length)),
    });
  }
  out.push({
    kind: 'corrupted gzip',
    body: plain,
    headers: { 'content-encoding': 'gzip' },
    expect: 400,
  });

  if (original.isEnvelope) {
    const envelope = parseEnvelope(plain);
    for (const length of [
      random.below(5) + 1,
      -(random.below(5) + 1),
      'zero',
      -1,
      2 ** 53,
      '12',
    ] as const) {
      if (envelope.items.length === 0) break;
      const target = random.below(envelope.items.length);
      const lines = [JSON.stringify(envelope.headers)];
      envelope.items.forEach((item, index) => {
        const actual = item.payload.length;
        const declared =
          index !== target
            ? actual
            : typeof length === 'number' && Math.abs(length) < 10
              ? actual + length
              : length === 'zero'
                ? 0
                : length;
        lines.push(
          JSON.stringify({ ...item.headers, type: item.type, length: declared }) +
            '\n' +
            item.payload.toString('latin1'),
        );
      });
      out.push({
        kind: 'wrong item length',
        body: encodeAs(original, Buffer.from(lines.join('\n'), 'latin1')),
      });
    }
    const header = JSON.stringify({ ...envelope.headers, padding: 'x'.repeat(200_000) });
    out.push({
      kind: '200 KB header line',
      body: encodeAs(
        original,
        Buffer.concat([Buffer.from(header), plain.subarray(plain.indexOf(0x0a))]),
      ),
      expect: 200,
    });
    const itemHeader = serializeEnvelope({
      ...envelope,
      items: envelope.items.map((item) => ({
        ...item,
        headers: { ...item.headers, padding: 'y'.repeat(200_000) },
      })),
    });
    out.push({ kind: '200 KB header line', body: encodeAs(original, itemHeader), expect: 200 });
    const deepHeader = Buffer.concat([
      Buffer.from(`{"deep":${DEEP_TEXT}}`),
      plain.subarray(plain.indexOf(0x0a)),
    ]);
    out.push({
      kind: 'JSON nested 10,000 deep',
      body: encodeAs(original, deepHeader),
      expect: 400,
    });
  }
  out.push({
    kind: '200 KB HTTP header',
    body: encodeAs(original, plain),
    headers: { 'x-padding': 'z'.repeat(200_000) },
  });

  const deep = withEvent(
    original,
    (event) => {
      event.extra = { deep: RAW };
    },
    Buffer.from(DEEP_TEXT),
  );
  if (deep)
    out.push({
      kind: 'JSON nested 10,000 deep',
      body: encodeAs(original, deep.plain),
      expect: 400,
    });
  for (const name of [
    'a'.repeat(64),
    'a'.repeat(65),
    'é'.repeat(32),
    'é'.repeat(32) + 'a',
    '😀'.repeat(16),
    '😀'.repeat(16) + 'a',
  ]) {
    const changed = withEvent(original, (event) => {
      event.environment = name;
    });
    if (!changed) continue;
    const kept = Buffer.byteLength(name) <= 64;
    out.push({
      kind: `environment of ${Buffer.byteLength(name)} bytes`,
      body: encodeAs(original, changed.plain),
      expect: 200,
      environment: { eventId: changed.eventId, name: kept ? name : '' },
    });
  }
  return out;
}

describe('damaged SDK traffic', () => {
  let running: RunningCore;
  const originals: Original[] = [];
  const answers: Record<string, Record<string, number>> = {};
  let sent = 0;
  const started = performance.now();
  const stored = () =>
    running.core.db
      .prepare(
        `SELECT (SELECT COUNT(*) FROM events) AS events, (SELECT COUNT(*) FROM envelope_items) AS items,
           (SELECT COUNT(*) FROM issues) AS issues, (SELECT COUNT(*) FROM environments) AS environments`,
      )
      .get() as Record<string, number>;

  beforeAll(async () => {
    running = await startCore();
    acceptRecordedKey(running.core);
    const captures = readdirSync(wireDir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && !entry.name.startsWith('sentry-cli'))
      .map((entry) => entry.name);
    for (const capture of captures) {
      for (const request of loadWireRequests(path.join(wireDir, capture)).filter((each) =>
        INGEST.test(each.path),
      )) {
        const isEnvelope = request.path.endsWith('/envelope/');
        const gzip = request.headers['content-encoding'] === 'gzip';
        const fresh = freshenRecorded(
          request.body,
          request.headers['content-encoding'],
          isEnvelope,
        );
        originals.push({
          name: `${capture} ${request.id}`,
          request,
          isEnvelope,
          gzip,
          plain: gzip ? gunzipSync(fresh) : fresh,
        });
      }
    }
  });
  afterAll(async () => {
    recordFigures('mutation', {
      captures: originals.length,
      requests: sent,
      answersByKind: answers,
      durationMs: Math.round(performance.now() - started),
    });
    await running.stop();
  });

  async function send(original: Original, mutation: Mutation) {
    const headers: Record<string, string> = { ...original.request.headers };
    for (const name of ['host', 'content-length', 'transfer-encoding', 'connection'])
      delete headers[name];
    Object.assign(headers, mutation.headers);
    const query = new URLSearchParams(original.request.query).toString();
    const url = `${running.url}${original.request.path}${query ? `?${query}` : ''}`;
    const before = stored();
    const response = await fetch(url, {
      method: 'POST',
      headers,
      body: new Uint8Array(mutation.body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    sent += 1;
    const text = await response.text();
    const label = `${original.name}, ${mutation.kind}: ${response.status} ${text.slice(0, 200)}`;
    (answers[mutation.kind] ??= {})[response.status] =
      (answers[mutation.kind]?.[response.status] ?? 0) + 1;
    expect(response.status, label).toBeLessThan(500);
    if (mutation.expect !== undefined) expect(response.status, label).toBe(mutation.expect);
    if (response.status === 431) {
      // Node's HTTP parser refuses headers past 16 KB before Outpost sees the request; its
      // answer has no body (see RELIABILITY.md).
      expect(stored(), label).toEqual(before);
      return;
    }
    const answer = JSON.parse(text) as { detail?: unknown };
    if (response.status !== 200) {
      expect(response.status, label).toBeGreaterThanOrEqual(400);
      expect(typeof answer.detail, label).toBe('string');
      expect(answer.detail, label).not.toBe('');
      expect(stored(), `${label}: a refused request stored something`).toEqual(before);
    }
    if (mutation.environment) {
      const row = running.core.db
        .prepare(
          'SELECT e.name FROM events ev JOIN environments e ON e.id = ev.environment_id WHERE ev.event_id = ?',
        )
        .get(mutation.environment.eventId) as { name: string } | undefined;
      expect(row?.name, label).toBe(mutation.environment.name);
    }
  }

  it('answers every mutation of every recorded ingest request with a 200 or a 4xx and a detail', async () => {
    expect(originals.length).toBeGreaterThan(10);
    for (const original of originals) {
      for (const mutation of mutationsOf(original)) await send(original, mutation);
    }
    expect(sent).toBeGreaterThan(200);
  }, 120_000);

  it('still takes every original request afterwards', async () => {
    for (const original of originals) {
      await send(original, {
        kind: 'original',
        body: encodeAs(original, original.plain),
        expect: 200,
      });
    }
    const api = await running.api('/api/0/');
    expect(api.status).toBe(200);
  });
});
