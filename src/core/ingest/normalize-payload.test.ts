import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { listFilesRecursive, peerEnvelopesDir, wireDir } from '../../../test/support/fixtures.js';
import { loadWireRequests } from '../../../test/support/wire.js';
import { decodeBody } from './decode.js';
import { parseEnvelope, parseJsonObject } from './envelope.js';
import { limits } from './limits.js';
import { normalizeEvent, validateIngestEnvironment } from './normalize.js';
import type { JsonObject } from './types.js';

const receivedAt = Date.UTC(2026, 10, 25, 9, 30, 0);
const normalize = (raw: JsonObject, context: Partial<Parameters<typeof normalizeEvent>[1]> = {}) =>
  normalizeEvent(raw, { receivedAt, ...context });
const tagValue = (tags: [string, string][], key: string) =>
  tags.find(([name]) => name === key)?.[1];

describe('normalizeEvent: the stored payload', () => {
  it('writes the normalised fields and keeps everything else', () => {
    const raw = {
      exception: { values: [{ type: 'Error', value: 'boom' }] },
      extra: { a: 1 },
      contexts: { os: { name: 'Linux' } },
      environment: ' staging ',
    };
    const event = normalize(raw);
    expect(event.data).toMatchObject({
      exception: raw.exception,
      extra: raw.extra,
      contexts: raw.contexts,
      event_id: event.eventId,
      timestamp: receivedAt / 1000,
      level: 'error',
      platform: 'other',
      environment: 'staging',
      tags: [
        ['environment', 'staging'],
        ['level', 'error'],
      ],
    });
    expect(raw.environment).toBe(' staging ');
    expect(event).toMatchObject({ platform: 'other', release: null, receivedAt, userTag: null });
  });

  it('keeps errors the SDK sent', () => {
    const event = normalize({ errors: [{ type: 'sdk' }], level: 'nope' });
    expect(event.data.errors).toEqual([
      { type: 'sdk' },
      expect.objectContaining({ name: 'level' }),
    ]);
  });

  it('never throws on any JSON object', () => {
    const json = fc.jsonValue();
    const field = fc.oneof(json, fc.constantFrom('{{auto}}', 'none', ' ', '2026-11-25T09:29:00Z'));
    const fields = [
      'event_id',
      'timestamp',
      'level',
      'platform',
      'environment',
      'release',
      'dist',
      'tags',
      'user',
      'message',
      'logentry',
      'logger',
      'transaction',
      'server_name',
      'errors',
      '__proto__',
      'constructor',
    ];
    const event = fc.dictionary(fc.constantFrom(...fields), field);
    fc.assert(
      fc.property(event, (raw) => {
        const normalized = normalize(raw as JsonObject, { clientIp: '127.0.0.1' });
        expect(JSON.parse(JSON.stringify(normalized.data))).toBeTypeOf('object');
      }),
      { numRuns: 500 },
    );
  });
});

describe('normalizeEvent: recorded SDK events', () => {
  function* recordedEvents() {
    for (const file of listFilesRecursive(peerEnvelopesDir)) {
      if (file === 'NOTICE') continue;
      const envelope = parseEnvelope(readFileSync(path.join(peerEnvelopesDir, file)));
      for (const item of envelope.items) {
        if (item.type !== 'event') continue;
        const eventId = envelope.headers.event_id;
        yield { name: file, raw: parseJsonObject(item.payload, file), eventId };
      }
    }
    for (const capture of ['python3-sentry-sdk-1.9.10', 'sentry-node-11.12.0-gzip-crash']) {
      for (const request of loadWireRequests(path.join(wireDir, capture))) {
        const encoding = request.headers['content-encoding'];
        const body = decodeBody(request.body, encoding, limits.envelopeBytes);
        if (request.path.endsWith('/store/')) {
          yield { name: request.id, raw: parseJsonObject(body, request.id), eventId: undefined };
          continue;
        }
        const envelope = parseEnvelope(body);
        for (const item of envelope.items.filter(({ type }) => type === 'event')) {
          const eventId = envelope.headers.event_id;
          yield { name: request.id, raw: parseJsonObject(item.payload, request.id), eventId };
        }
      }
    }
  }

  it('normalises every recorded event', () => {
    let count = 0;
    for (const { name, raw, eventId } of recordedEvents()) {
      const event = normalize(raw, { eventId: typeof eventId === 'string' ? eventId : undefined });
      expect(event.eventId, name).toMatch(/^[0-9a-f]{32}$/);
      if (typeof eventId === 'string') expect(event.eventId, name).toBe(eventId);
      expect(validateIngestEnvironment(event.environment), name).toBeNull();
      expect(tagValue(event.tags, 'level'), name).toBe(event.level);
      count += 1;
    }
    expect(count).toBeGreaterThanOrEqual(20);
  });

  it('reads the Java SDK message object as the log entry', () => {
    const file = path.join(peerEnvelopesDir, 'envelope_java_formatted_message.txt');
    const [item] = parseEnvelope(readFileSync(file)).items;
    const event = normalize(parseJsonObject(item!.payload, 'event'));
    expect(event.data.logentry).toEqual({
      formatted: 'Started SentryDemoApplication in 2.652 seconds (process running for 2.796)',
    });
    expect(event.level).toBe('info');
    expect(event.environment).toBe('production');
    expect(tagValue(event.tags, 'logger')).toBe(
      'io.sentry.samples.spring.boot.jakarta.SentryDemoApplication',
    );
  });

  it('reads the Python SDK store event', () => {
    const [request] = loadWireRequests(path.join(wireDir, 'python3-sentry-sdk-1.9.10'));
    const body = decodeBody(request!.body, request!.headers['content-encoding'], limits.eventBytes);
    const event = normalize(parseJsonObject(body, 'store body'));
    expect(event).toMatchObject({ environment: 'staging', release: 'app@1.0.0', level: 'error' });
    expect(tagValue(event.tags, 'sentry:release')).toBe('app@1.0.0');
  });
});
