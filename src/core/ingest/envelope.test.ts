import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listFilesRecursive, peerEnvelopesDir, wireDir } from '../../../test/support/fixtures.js';
import { loadWireLog, loadWireRequests } from '../../../test/support/wire.js';
import { StatusError } from '../errors.js';
import { decodeBody } from './decode.js';
import { parseEnvelope, parseJsonObject, serializeEnvelope } from './envelope.js';
import { limits } from './limits.js';

const parse = (text: string) => parseEnvelope(Buffer.from(text));
const payloads = (text: string) => parse(text).items.map((item) => item.payload.toString());

function expectBadRequest(run: () => unknown, detail: RegExp) {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(StatusError);
    expect((error as StatusError).status).toBe(400);
    expect((error as StatusError).body.detail).toMatch(detail);
    return;
  }
  throw new Error('expected a 400');
}

describe('parseEnvelope', () => {
  it('reads the spec §3.3 example, with and without lengths', () => {
    const event = '{"message":"boom","level":"error","environment":"staging","release":"a@1"}';
    const envelope = parse(
      '{"event_id":"3f1c6b0e9a0d4e7fa1f6c2b8d4e5a901","sent_at":"2025-05-01T10:00:02Z"}\n' +
        `{"type":"event","length":${event.length}}\n${event}\n` +
        '{"type":"session"}\n{"sid":"x","init":true}\n',
    );
    expect(envelope.headers.event_id).toBe('3f1c6b0e9a0d4e7fa1f6c2b8d4e5a901');
    expect(envelope.items.map((item) => item.type)).toEqual(['event', 'session']);
    expect(envelope.items[0]!.payload.toString()).toBe(event);
    expect(envelope.items[1]!.payload.toString()).toBe('{"sid":"x","init":true}');
    expect(envelope.items[1]!.headers).toEqual({ type: 'session' });
  });

  it('refuses an item whose length is not followed by a newline (vector 33)', () => {
    expectBadRequest(
      () => parse('{}\n{"type":"event","length":10}\n0123456789X\n'),
      /not followed by a newline/,
    );
    expect(payloads('{}\n{"type":"event"}\n0123456789X\n')).toEqual(['0123456789X']);
  });

  it('accepts a length item ending at EOF, and one whose length runs past EOF', () => {
    expect(payloads('{}\n{"type":"attachment","length":5}\nhello')).toEqual(['hello']);
    expect(payloads('{}\n{"type":"attachment","length":9}\nhello')).toEqual(['hello']);
  });

  it('keeps a length payload that contains newlines and binary bytes', () => {
    const binary = Buffer.from([0x00, 0x0a, 0xff, 0x0d, 0x0a, 0x7b]);
    const body = Buffer.concat([
      Buffer.from('{}\n{"type":"attachment","length":6}\n'),
      binary,
      Buffer.from('\n{"type":"event"}\n{}'),
    ]);
    const { items } = parseEnvelope(body);
    expect(items[0]!.payload.equals(binary)).toBe(true);
    expect(items[1]!.payload.toString()).toBe('{}');
  });

  it('keeps a \\r before the newline as payload', () => {
    expect(payloads('{}\r\n{"type":"event"}\r\n{"a":1}\r\n')).toEqual(['{"a":1}\r']);
  });

  it('reads an empty payload at EOF and zero-length items', () => {
    expect(payloads('{}\n{"type":"event"}')).toEqual(['']);
    expect(payloads('{}\n{"type":"a","length":0}\n\n{"type":"b","length":0}\n')).toEqual(['', '']);
  });

  it('tolerates a trailing newline and blank trailing lines', () => {
    expect(parse('{}').items).toEqual([]);
    expect(parse('{}\n').items).toEqual([]);
    expect(payloads('{}\n{"type":"event"}\n{}\n\n  \n\r\n')).toEqual(['{}']);
  });

  it('keeps unknown header keys', () => {
    const envelope = parse('{"dsn":"x","custom":[1]}\n{"type":"new_thing","extra":true}\nabc');
    expect(envelope.headers).toEqual({ dsn: 'x', custom: [1] });
    expect(envelope.items[0]).toMatchObject({ type: 'new_thing', headers: { extra: true } });
  });

  it('refuses malformed envelopes with a 400 that says why', () => {
    expectBadRequest(() => parse(''), /empty envelope/);
    expectBadRequest(() => parse('   \n'), /envelope header is not valid JSON/);
    expectBadRequest(() => parse('[1,2]\n'), /envelope header is not a JSON object/);
    expectBadRequest(() => parse('{}\n{"length":2}\nab'), /item 0 has no type/);
    expectBadRequest(() => parse('{}\n{"type":7}\n{}'), /item 0 has no type/);
    expectBadRequest(() => parse('{}\nnot json\n'), /item 0 header is not valid JSON/);
    expectBadRequest(() => parse('{}\n{"type":"a","length":-1}\n'), /invalid length/);
    expectBadRequest(() => parse('{}\n{"type":"a","length":"2"}\nab'), /invalid length/);
  });
});

describe('serializeEnvelope', () => {
  it('round-trips, writing a length for every item', () => {
    const binary = Buffer.from([0x0a, 0x00, 0xfe, 0x0a]);
    const source = parseEnvelope(
      Buffer.concat([
        Buffer.from('{"event_id":"abc"}\n{"type":"event"}\n{"message":"x"}\n'),
        Buffer.from('{"type":"attachment","filename":"a.bin","length":4}\n'),
        binary,
      ]),
    );
    const written = serializeEnvelope(source);
    const reparsed = parseEnvelope(written);
    expect(reparsed.headers).toEqual(source.headers);
    expect(reparsed.items.map((item) => item.headers)).toEqual([
      { type: 'event', length: 15 },
      { type: 'attachment', filename: 'a.bin', length: 4 },
    ]);
    expect(reparsed.items[1]!.payload.equals(binary)).toBe(true);
    expect(serializeEnvelope(reparsed).equals(written)).toBe(true);
  });

  it('writes an envelope without items as its header line', () => {
    expect(serializeEnvelope({ headers: {}, items: [] }).toString()).toBe('{}\n');
  });
});

describe('parseJsonObject', () => {
  it('names what was not JSON or not an object', () => {
    expect(parseJsonObject(Buffer.from('{"a":1}'), 'event')).toEqual({ a: 1 });
    expectBadRequest(() => parseJsonObject(Buffer.from('{'), 'event item'), /^event item is not/);
    expectBadRequest(() => parseJsonObject(Buffer.from('null'), 'event'), /not a JSON object/);
    expectBadRequest(() => parseJsonObject(Buffer.from('"x"'), 'event'), /not a JSON object/);
  });
});

describe('recorded SDK traffic', () => {
  const captures = readdirSync(wireDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);

  it.each(captures)('parses every envelope request of %s', (capture) => {
    const dir = path.join(wireDir, capture);
    const log = loadWireLog(dir);
    const requests = loadWireRequests(dir);
    expect(requests.map((request) => request.path)).toEqual(log.map((entry) => entry.path));
    requests.forEach((request, index) => {
      if (!request.path.endsWith('/envelope/')) return;
      const body = decodeBody(
        request.body,
        request.headers['content-encoding'],
        limits.envelopeBytes,
      );
      expect(body.toString('utf8')).toBe(log[index]!.body);
      const envelope = parseEnvelope(body);
      expect(envelope.items.length).toBeGreaterThan(0);
      for (const item of envelope.items) {
        if (item.type !== 'attachment') parseJsonObject(item.payload, `${request.id} ${item.type}`);
      }
    });
  });
});

describe('peer envelopes', () => {
  const JSON_ITEMS = new Set(['event', 'transaction', 'session', 'log', 'span']);
  const files = listFilesRecursive(peerEnvelopesDir).filter((file) => file !== 'NOTICE');

  it('covers the whole folder', () => {
    expect(files.length).toBeGreaterThanOrEqual(57);
  });

  it.each(files)('parses %s', (file) => {
    const envelope = parseEnvelope(readFileSync(path.join(peerEnvelopesDir, file)));
    if (file !== 'envelope_empty.txt') expect(envelope.items.length).toBeGreaterThan(0);
    for (const item of envelope.items) {
      if (JSON_ITEMS.has(item.type)) parseJsonObject(item.payload, `${file} ${item.type}`);
    }
  });

  it('reads the empty envelope as no items', () => {
    const envelope = parseEnvelope(readFileSync(path.join(peerEnvelopesDir, 'envelope_empty.txt')));
    expect(envelope).toEqual({ headers: {}, items: [] });
  });
});
