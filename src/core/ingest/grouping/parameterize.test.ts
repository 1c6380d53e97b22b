import { describe, expect, it } from 'vitest';
import { parameterize } from './parameterize.js';

describe('parameterize', () => {
  it.each([
    ['user 42 not found', 'user <int> not found'],
    ['took 3.25s', 'took <float>s'],
    ['timed out after 5000ms', 'timed out after <int>ms'],
    ['version 1.2.3', 'version <float>.<int>'],
    ['order 0x7ffe12ab failed', 'order <hex> failed'],
    ['blob deadbeef12 missing', 'blob <hex> missing'],
    ['id 550e8400-e29b-41d4-a716-446655440000 gone', 'id <uuid> gone'],
    ['digest 550e8400e29b41d4a716446655440000', 'digest <uuid>'],
    ['at 2024-03-01T10:22:33.123Z retry', 'at <date> retry'],
    ['on 2024-03-01 and 2024-03-01 10:22:33+02:00', 'on <date> and <date>'],
    ['at 10:22:33 sharp', 'at <date> sharp'],
    ['connect 10.0.0.12:5432 refused', 'connect <ip>:<int> refused'],
    ['host fe80::1 and 2001:db8:0:0:0:0:2:1 down', 'host <ip> and <ip> down'],
  ])('%s', (input, expected) => {
    expect(parameterize(input)).toBe(expected);
  });

  it('keeps words, identifiers and scope operators', () => {
    const text = 'Cache::Add failed for user123 in std::vector at cafe:bead (feedface)';
    expect(parameterize(text)).toBe(text);
  });

  it('gives the same output when called repeatedly (no regex state leaks between calls)', () => {
    expect(parameterize('a 1 b 2')).toBe('a <int> b <int>');
    expect(parameterize('a 1 b 2')).toBe('a <int> b <int>');
  });
});
