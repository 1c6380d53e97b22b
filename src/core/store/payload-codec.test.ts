import { brotliCompressSync, deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { normalizeEvent } from '../ingest/normalize.js';
import { decodeEvent, decodePayload, encodeEventPayload } from './payload-codec.js';

const sent = JSON.stringify({
  event_id: 'a'.repeat(32),
  environment: ' staging ',
  message: 'Ünïcode and plain text '.repeat(40),
  exception: { values: [{ type: 'Error', value: 'boom' }] },
  errors: [],
});
const event = JSON.stringify({ event_id: 'a'.repeat(32), message: 'Ünïcode '.repeat(40) });

describe('payload codec', () => {
  it('reads back the normalised event from the event as sent and its patch, smaller than it', () => {
    const normalized = normalizeEvent(JSON.parse(sent), { receivedAt: Date.now() });
    const stored = encodeEventPayload(normalized.patch, Buffer.from(sent));
    expect(decodePayload(stored)).toBe(JSON.stringify(normalized.data));
    // As an object for the pages and the API, in the same key order.
    expect(JSON.stringify(decodeEvent(stored))).toBe(JSON.stringify(normalized.data));
    expect(stored.length).toBeLessThan(Buffer.byteLength(sent) / 2);
  });

  it('stores each payload in a block of its own, to hand to another thread without a copy', () => {
    const stored = encodeEventPayload({ set: {}, unset: [] }, Buffer.from(event));
    expect(stored.byteOffset).toBe(0);
    expect(stored.buffer.byteLength).toBe(stored.length);
  });

  it('reads the whole normalised events that rows written before hold, brotli or deflate', () => {
    const brotli = Buffer.concat([Buffer.from([6]), brotliCompressSync(event)]);
    expect(decodePayload(brotli)).toBe(event);
    expect(decodeEvent(brotli)).toEqual(JSON.parse(event));
    for (const level of [1, 6, 9]) {
      expect(decodePayload(deflateRawSync(event, { level }))).toBe(event);
      expect(decodeEvent(deflateRawSync(event, { level }))).toEqual(JSON.parse(event));
      expect(decodePayload(deflateRawSync('{}', { level }))).toBe('{}');
    }
  });
});
