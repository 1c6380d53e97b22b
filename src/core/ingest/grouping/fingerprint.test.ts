import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../types.js';
import { resolveFingerprint } from './fingerprint.js';
import { groupEvent } from './index.js';

const error = (type: string, value: string, extra: JsonObject = {}): JsonObject => ({
  platform: 'python',
  exception: {
    values: [
      {
        type,
        value,
        stacktrace: {
          frames: [
            { module: 'app.jobs', function: 'run', abs_path: '/srv/app/jobs.py', in_app: true },
          ],
        },
      },
    ],
  },
  ...extra,
});

describe('custom fingerprints', () => {
  it('groups unrelated events that share a fingerprint', () => {
    const a = groupEvent(error('KeyError', 'a', { fingerprint: ['my-group'] }));
    const b = groupEvent({ message: 'something else', fingerprint: ['my-group'] });
    expect(a.hashes).toHaveLength(1);
    expect(a.hashes).toEqual(b.hashes);
  });

  it('keeps a fingerprint apart from a message with the same text', () => {
    expect(groupEvent({ fingerprint: ['boom'] }).hashes).not.toEqual(
      groupEvent({ message: 'boom' }).hashes,
    );
  });

  it('treats ["{{ default }}"] as default grouping', () => {
    const plain = error('KeyError', 'a');
    expect(groupEvent({ ...plain, fingerprint: ['{{ default }}'] }).hashes).toEqual(
      groupEvent(plain).hashes,
    );
  });

  it('folds default components into hybrid fingerprints', () => {
    const plain = error('KeyError', 'a');
    const hybrid = groupEvent({ ...plain, fingerprint: ['{{ default }}', 'x'] }).hashes;
    expect(hybrid).not.toEqual(groupEvent(plain).hashes);
    expect(hybrid).not.toEqual(
      groupEvent({ ...plain, fingerprint: ['{{ default }}', 'y'] }).hashes,
    );
    // Still the default grouping underneath: another stack splits it.
    const other = error('ValueError', 'a', { fingerprint: ['{{ default }}', 'x'] });
    expect(groupEvent(other).hashes).not.toEqual(hybrid);
  });

  it('resolves variables case-insensitively and with any spacing', () => {
    const event = error('KeyError', 'a', {
      transaction: '/checkout',
      level: 'error',
      fingerprint: ['{{transaction}}', '{{ ERROR.TYPE }}', '{{   level }}', 'x-{{ function }}'],
    });
    expect(resolveFingerprint(event)).toEqual(['/checkout', 'KeyError', 'error', 'x-run']);
  });

  it('resolves stack, logger, message and tag variables', () => {
    const event = error('KeyError', 'missing key', {
      logger: 'jobs',
      tags: [['foo', 'bar']],
      fingerprint: [
        '{{ module }}',
        '{{ stack.abs_path }}',
        '{{ logger }}',
        '{{ message }}',
        '{{ value }}',
        '{{ tags.foo }}',
      ],
    });
    expect(resolveFingerprint(event)).toEqual([
      'app.jobs',
      '/srv/app/jobs.py',
      'jobs',
      'missing key',
      'missing key',
      'bar',
    ]);
  });

  it('uses placeholders for missing values', () => {
    const event: JsonObject = {
      message: 'hi',
      fingerprint: [
        '{{ transaction }}',
        '{{ type }}',
        '{{ tags.foo }}',
        '{{ function }}',
        '{{ bogus }}',
      ],
    };
    expect(resolveFingerprint(event)).toEqual([
      '<no-transaction>',
      '<no-type>',
      '<no-value-for-tag-foo>',
      '<no-function>',
      '{{ bogus }}',
    ]);
  });

  it('groups events by a tag and splits by its value', () => {
    const tagged = (value: string): JsonObject => ({
      message: 'x',
      fingerprint: ['{{ tags.tenant }}'],
      tags: [['tenant', value]],
    });
    expect(groupEvent(tagged('a')).hashes).toEqual(
      groupEvent({ ...tagged('a'), message: 'y' }).hashes,
    );
    expect(groupEvent(tagged('a')).hashes).not.toEqual(groupEvent(tagged('b')).hashes);
  });

  it('accepts numbers and skips other non-string entries', () => {
    expect(resolveFingerprint({ fingerprint: ['a', 1, true, null, {}, ['x']] })).toEqual([
      'a',
      '1',
      'true',
    ]);
    expect(resolveFingerprint({ fingerprint: 'not-a-list' })).toBeNull();
  });
});
