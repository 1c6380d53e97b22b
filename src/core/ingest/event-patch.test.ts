import { describe, expect, it } from 'vitest';
import { applyPatch } from './event-patch.js';

describe('applyPatch', () => {
  it('keeps the fields as sent in their order, sets in place, appends new ones, drops the unset', () => {
    const raw = { event_id: 'a', environment: ' staging ', junk: 1, message: 'boom' };
    const patched = applyPatch(raw, {
      set: { environment: 'staging', level: 'error' },
      unset: ['junk'],
    });
    expect(JSON.stringify(patched)).toBe(
      '{"event_id":"a","environment":"staging","message":"boom","level":"error"}',
    );
    // The event as sent is left as it was.
    expect(raw.junk).toBe(1);
  });

  it('keeps a field named __proto__ as data, with or without fields to drop', () => {
    const raw = JSON.parse('{"__proto__":{"polluted":true},"junk":1}') as Record<string, unknown>;
    for (const unset of [[], ['junk']]) {
      const patched = applyPatch(raw, { set: {}, unset });
      expect(Object.getPrototypeOf(patched)).toBe(Object.prototype);
      expect(Object.keys(patched)).toContain('__proto__');
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    }
  });
});
