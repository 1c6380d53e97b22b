import { describe, expect, it } from 'vitest';
import {
  normalizeEvent,
  validateApiEnvironment,
  validateIngestEnvironment,
  validateRelease,
} from './normalize.js';
import type { JsonObject } from './types.js';

const receivedAt = Date.UTC(2026, 10, 25, 9, 30, 0);
const normalize = (raw: JsonObject, context: Partial<Parameters<typeof normalizeEvent>[1]> = {}) =>
  normalizeEvent(raw, { receivedAt, ...context });
const tagValue = (tags: [string, string][], key: string) =>
  tags.find(([name]) => name === key)?.[1];

describe('validateIngestEnvironment (Relay rules, spec §1.2)', () => {
  it.each([
    ['a'.repeat(64), null],
    ['a'.repeat(65), 'too_long'],
    ['é'.repeat(32), null],
    ['é'.repeat(33), 'too_long'],
    ['.', 'restricted_name'],
    ['..', 'restricted_name'],
    ['none', 'restricted_name'],
    ['None', 'restricted_name'],
    ['NONE', 'restricted_name'],
    ['eu/prod', 'bad_characters'],
    ['eu\\prod', 'bad_characters'],
    ['prod\tus', 'bad_characters'],
    ['prod\n', 'bad_characters'],
    ['prod\x7f', 'bad_characters'],
    ['prod\x00', 'bad_characters'],
    ['staging eu', null],
    ['Production', null],
    ['', null],
  ])('%j → %s', (name, expected) => {
    expect(validateIngestEnvironment(name)).toBe(expected);
  });
});

describe('validateApiEnvironment (Sentry rules after trimming, spec §1.2)', () => {
  it.each([
    ['production', null],
    ['  production  ', null],
    ['prod\tus', null],
    ['staging eu', null],
    ['é'.repeat(33), null],
    ['a'.repeat(64), null],
    ['a'.repeat(65), 'Ensure this field has no more than 64 characters.'],
    ['eu/prod', 'Invalid value for environment'],
    ['a\fb', 'Invalid value for environment'],
    ['a\rb', 'Invalid value for environment'],
    ['', 'This field may not be blank.'],
    ['   ', 'This field may not be blank.'],
  ])('%j → %s', (name, expected) => {
    expect(validateApiEnvironment(name)).toBe(expected);
  });

  it('refuses none in any case, which names the empty environment in paths', () => {
    for (const name of ['none', 'None', ' NONE ']) {
      expect(validateApiEnvironment(name)).toMatch(/reserved/);
    }
  });
});

describe('validateRelease', () => {
  it.each([
    ['app@1.0.0', true],
    ['app@1.0.0+b.1 x', true],
    ['a'.repeat(200), true],
    ['a'.repeat(201), false],
    ['a/b', false],
    ['a\\b', false],
    ['a\tb', false],
    ['a\nb', false],
    ['a\fb', false],
    ['.', false],
    ['..', false],
    ['latest', false],
    ['LATEST', false],
    ['', false],
    ['   ', false],
  ])('%j → %s', (version, expected) => {
    expect(validateRelease(version)).toBe(expected);
  });
});

describe('normalizeEvent: environment (spec §1.3, §9)', () => {
  it('keeps a 64-character environment exactly (vector 2)', () => {
    const name = 'e'.repeat(64);
    const event = normalize({ environment: name });
    expect(event.environment).toBe(name);
    expect(event.data.environment).toBe(name);
    expect(tagValue(event.tags, 'environment')).toBe(name);
  });

  it.each([
    ['a'.repeat(65), 'vector 3'],
    ['eu/prod', 'vector 5'],
    ['none', 'vector 8'],
    ['None', 'vector 8'],
    ['NONE', 'vector 8'],
    ['prod\tus', 'vector 10'],
    ['é'.repeat(33), 'vector 12'],
  ])('drops %j but keeps the event (%s)', (name) => {
    const event = normalize({ environment: name, message: 'x' });
    expect(event.environment).toBe('');
    expect(event.data).not.toHaveProperty('environment');
    expect(tagValue(event.tags, 'environment')).toBeUndefined();
    expect(event.data.errors).toEqual([
      expect.objectContaining({ type: 'invalid_data', name: 'environment', value: name }),
    ]);
  });

  it('trims (vector 6)', () => {
    const event = normalize({ environment: '  staging \n' });
    expect(event.environment).toBe('staging');
    expect(event.data.environment).toBe('staging');
    expect(event.data).not.toHaveProperty('errors');
  });

  it.each(['', '   '])('removes %j without an error (vector 7)', (name) => {
    const event = normalize({ environment: name });
    expect(event.environment).toBe('');
    expect(event.data).not.toHaveProperty('environment');
    expect(event.data).not.toHaveProperty('errors');
    expect(tagValue(event.tags, 'environment')).toBeUndefined();
  });

  it('keeps case (vector 11) and spaces (vector 13)', () => {
    expect(normalize({ environment: 'Production' }).environment).toBe('Production');
    expect(normalize({ environment: 'production' }).environment).toBe('production');
    expect(normalize({ environment: 'staging eu' }).environment).toBe('staging eu');
  });

  it('promotes an environment tag when the event has none (vector 14)', () => {
    for (const tags of [{ environment: 'qa' }, [['environment', 'qa']]]) {
      const event = normalize({ tags });
      expect(event.environment).toBe('qa');
      expect(event.data.environment).toBe('qa');
      expect(event.tags.filter(([key]) => key === 'environment')).toEqual([['environment', 'qa']]);
    }
  });

  it('discards the environment tag when the event has one (vector 15)', () => {
    const event = normalize({ environment: 'prod', tags: { environment: 'qa' } });
    expect(event.environment).toBe('prod');
    expect(event.tags.filter(([key]) => key === 'environment')).toEqual([['environment', 'prod']]);
  });

  it('promotes the tag when the field was refused', () => {
    const event = normalize({ environment: 'eu/prod', tags: { environment: 'qa' } });
    expect(event.environment).toBe('qa');
  });

  it('refuses a non-string environment with an error entry', () => {
    const event = normalize({ environment: 5 });
    expect(event.environment).toBe('');
    expect(event.data.errors).toEqual([
      expect.objectContaining({ type: 'invalid_data', name: 'environment', value: 5 }),
    ]);
  });
});
