import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodePayload, encodePayload } from './payload-codec.js';

const event = JSON.stringify({
  event_id: 'a'.repeat(32),
  message: 'Ünïcode and plain text '.repeat(40),
  exception: { values: [{ type: 'Error', value: 'boom' }] },
});

describe('payload codec', () => {
  it('reads back what it stores, smaller than the text', () => {
    const stored = encodePayload(event);
    expect(decodePayload(stored)).toBe(event);
    expect(stored.length).toBeLessThan(Buffer.byteLength(event) / 2);
  });

  it('stores each payload in a block of its own, to hand to another thread without a copy', () => {
    const stored = encodePayload(event);
    expect(stored.byteOffset).toBe(0);
    expect(stored.buffer.byteLength).toBe(stored.length);
  });

  it('reads the raw deflate payloads of rows written before the format byte', () => {
    for (const level of [1, 6, 9]) {
      expect(decodePayload(deflateRawSync(event, { level }))).toBe(event);
      expect(decodePayload(deflateRawSync('{}', { level }))).toBe('{}');
    }
  });
});
