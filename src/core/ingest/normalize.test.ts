import { describe, expect, it } from 'vitest';
import { normalizeEvent } from './normalize.js';
import type { JsonObject } from './types.js';

const receivedAt = Date.UTC(2026, 10, 25, 9, 30, 0);
const normalize = (raw: JsonObject, context: Partial<Parameters<typeof normalizeEvent>[1]> = {}) =>
  normalizeEvent(raw, { receivedAt, ...context });
const tagValue = (tags: [string, string][], key: string) =>
  tags.find(([name]) => name === key)?.[1];

describe('normalizeEvent: level', () => {
  it.each([
    [undefined, 'error'],
    ['debug', 'debug'],
    ['info', 'info'],
    ['warning', 'warning'],
    ['error', 'error'],
    ['fatal', 'fatal'],
    ['warn', 'warning'],
    ['log', 'info'],
    ['critical', 'fatal'],
    ['WARNING', 'warning'],
    [10, 'debug'],
    [20, 'info'],
    [30, 'warning'],
    [40, 'error'],
    [50, 'fatal'],
  ])('%j → %s', (level, expected) => {
    const event = normalize(level === undefined ? {} : { level });
    expect(event.level).toBe(expected);
    expect(event.data.level).toBe(expected);
    expect(tagValue(event.tags, 'level')).toBe(expected);
    expect(event.data).not.toHaveProperty('errors');
  });

  it.each(['verbose', 35, true, { a: 1 }, 'constructor'])('reads %j as error', (level) => {
    const event = normalize({ level });
    expect(event.level).toBe('error');
    expect(event.data.errors).toEqual([expect.objectContaining({ name: 'level', value: level })]);
  });
});

describe('normalizeEvent: event_id', () => {
  const id = '3f1c6b0e9a0d4e7fa1f6c2b8d4e5a901';

  it('prefers the envelope header, removes dashes and lower-cases', () => {
    expect(
      normalize({ event_id: id }, { eventId: 'AAAAAAAA-BBBB-CCCC-DDDD-EEEEEEEEEEEE' }).eventId,
    ).toBe('aaaaaaaabbbbccccddddeeeeeeeeeeee');
    expect(normalize({ event_id: id.toUpperCase() }).eventId).toBe(id);
    expect(normalize({ event_id: id }, { eventId: 'not-an-id' }).eventId).toBe(id);
  });

  it('generates one when missing or invalid and writes it back', () => {
    for (const raw of [{}, { event_id: 'nope' }, { event_id: 42 }]) {
      const event = normalize(raw);
      expect(event.eventId).toMatch(/^[0-9a-f]{32}$/);
      expect(event.data.event_id).toBe(event.eventId);
    }
  });
});

describe('normalizeEvent: tags', () => {
  it('accepts objects and pair lists, stringifies numbers and booleans, drops the rest', () => {
    const fromObject = normalize({ tags: { a: 'x', b: 2, c: true, d: null, e: { f: 1 }, g: '' } });
    const fromPairs = normalize({
      tags: [
        ['a', 'x'],
        ['b', 2],
        ['c', true],
        ['d', null],
        [1, 'one'],
        ['bad'],
        'junk',
        ['g', ''],
      ],
    });
    const client = (tags: [string, string][]) => tags.filter(([key]) => key !== 'level');
    expect(client(fromObject.tags)).toEqual([
      ['a', 'x'],
      ['b', '2'],
      ['c', 'true'],
    ]);
    expect(client(fromPairs.tags)).toEqual([
      ['a', 'x'],
      ['b', '2'],
      ['c', 'true'],
      ['1', 'one'],
    ]);
    expect(fromPairs.data.tags).toEqual(fromPairs.tags);
  });

  it('drops over-long keys and values with an error entry', () => {
    const event = normalize({
      tags: { ['k'.repeat(201)]: 'v', long: 'v'.repeat(201), ok: 'v'.repeat(200) },
    });
    expect(event.tags).toEqual([
      ['ok', 'v'.repeat(200)],
      ['level', 'error'],
    ]);
    expect(event.data.errors).toHaveLength(2);
    expect(event.data.errors).toEqual([
      expect.objectContaining({ type: 'value_too_long' }),
      expect.objectContaining({ type: 'value_too_long', name: 'tags.long' }),
    ]);
  });

  it('strips reserved tags and keeps the first of duplicates', () => {
    const event = normalize({
      tags: [
        ['release', 'r'],
        ['dist', 'd'],
        ['user', 'u'],
        ['filename', 'f'],
        ['function', 'fn'],
        ['a', 'first'],
        ['a', 'second'],
      ],
    });
    expect(event.tags).toEqual([
      ['a', 'first'],
      ['level', 'error'],
    ]);
  });

  it('derives Sentry tags from the event', () => {
    const event = normalize({
      environment: 'staging',
      level: 'warning',
      logger: 'app.db',
      transaction: 'GET /x',
      server_name: 'host-1',
      release: 'app@1.0.0',
      dist: '7',
      user: { id: 42, email: 'a@b.c' },
      tags: { level: 'fatal', custom: 'yes' },
    });
    expect(event.tags).toEqual([
      ['custom', 'yes'],
      ['server_name', 'host-1'],
      ['environment', 'staging'],
      ['level', 'warning'],
      ['logger', 'app.db'],
      ['transaction', 'GET /x'],
      ['sentry:release', 'app@1.0.0'],
      ['sentry:dist', '7'],
      ['sentry:user', 'id:42'],
    ]);
    expect(event.data.server_name).toBe('host-1');
    expect(event.userTag).toBe('id:42');
  });
});

describe('normalizeEvent: user', () => {
  it.each([
    [{ id: 'u1', email: 'a@b.c', username: 'n', ip_address: '1.2.3.4' }, 'id:u1'],
    [{ email: 'a@b.c', username: 'n' }, 'email:a@b.c'],
    [{ username: 'n', ip_address: '1.2.3.4' }, 'username:n'],
    [{ ip_address: '1.2.3.4' }, 'ip:1.2.3.4'],
    [{ id: '' }, null],
    [{}, null],
  ])('%j → %s', (user, expected) => {
    const event = normalize({ user });
    expect(event.userTag).toBe(expected);
    expect(tagValue(event.tags, 'sentry:user')).toBe(expected ?? undefined);
  });

  it('fills {{auto}} with the client address, or drops it', () => {
    const auto = { user: { id: 'u', ip_address: '{{auto}}' } };
    expect(normalize(auto, { clientIp: '10.0.0.1' }).data.user).toEqual({
      id: 'u',
      ip_address: '10.0.0.1',
    });
    expect(normalize(auto).data.user).toEqual({ id: 'u' });
    expect(normalize({ user: { ip_address: '{{auto}}' } }, { clientIp: '::1' }).userTag).toBe(
      'ip:::1',
    );
  });
});

describe('normalizeEvent: release and dist', () => {
  it('trims, accepts numbers, drops invalid ones with an error entry', () => {
    expect(normalize({ release: ' app@1.0.0 ' }).data.release).toBe('app@1.0.0');
    expect(normalize({ release: 2 }).release).toBe('2');
    for (const release of ['latest', 'a/b', 'r'.repeat(201), ['x']]) {
      const event = normalize({ release });
      expect(event.release).toBeNull();
      expect(event.data).not.toHaveProperty('release');
      expect(event.data.errors).toEqual([
        expect.objectContaining({ type: 'invalid_data', name: 'release', value: release }),
      ]);
    }
    const blank = normalize({ release: '  ' });
    expect(blank.release).toBeNull();
    expect(blank.data).not.toHaveProperty('errors');
  });

  it('keeps sentry:dist only with a release', () => {
    expect(tagValue(normalize({ dist: '7' }).tags, 'sentry:dist')).toBeUndefined();
    expect(normalize({ dist: 7 }).data.dist).toBe('7');
    expect(normalize({ dist: 'd'.repeat(65) }).data).not.toHaveProperty('dist');
  });
});

describe('normalizeEvent: timestamp', () => {
  const seconds = receivedAt / 1000;

  it('reads RFC 3339 strings and epoch seconds', () => {
    expect(normalize({ timestamp: '2026-11-25T09:29:00Z' }).data.timestamp).toBe(seconds - 60);
    expect(normalize({ timestamp: '2026-11-25T09:29:00.550427Z' }).data.timestamp).toBeCloseTo(
      seconds - 59.449573,
      6,
    );
    expect(normalize({ timestamp: '2026-11-25T10:29:00+01:00' }).data.timestamp).toBe(seconds - 60);
    expect(normalize({ timestamp: '2026-11-25T09:29:00' }).data.timestamp).toBe(seconds - 60);
    const event = normalize({ timestamp: seconds - 1.5 });
    expect(event.data.timestamp).toBe(seconds - 1.5);
    expect(event.timestamp).toBe(receivedAt - 1500);
  });

  it('uses the receive time when missing', () => {
    const event = normalize({});
    expect(event.timestamp).toBe(receivedAt);
    expect(event.data.timestamp).toBe(seconds);
    expect(event.data).not.toHaveProperty('errors');
  });

  it('replaces times over 30 days old or over 60 s ahead, with an error entry', () => {
    const past = normalize({ timestamp: seconds - 31 * 86400 });
    expect(past.timestamp).toBe(receivedAt);
    expect(past.data.errors).toEqual([expect.objectContaining({ type: 'past_timestamp' })]);
    const future = normalize({ timestamp: seconds + 61 });
    expect(future.timestamp).toBe(receivedAt);
    expect(future.data.errors).toEqual([expect.objectContaining({ type: 'future_timestamp' })]);
    expect(normalize({ timestamp: seconds + 59 }).data).not.toHaveProperty('errors');
    expect(normalize({ timestamp: 1e300 }).timestamp).toBe(receivedAt);
  });

  it('corrects a wrong SDK clock using sent_at', () => {
    const hour = 3600;
    const event = normalize(
      { timestamp: seconds - 2 * hour - 5 },
      { sentAt: receivedAt - 2 * hour * 1000 },
    );
    expect(event.data.timestamp).toBe(seconds - 5);
    expect(event.data.errors).toEqual([expect.objectContaining({ type: 'clock_drift' })]);
    const small = normalize({ timestamp: seconds - 65 }, { sentAt: receivedAt - 60_000 });
    expect(small.data.timestamp).toBe(seconds - 65);
  });

  it.each(['yesterday', '2026-13-01T00:00:00Z', true, {}])('refuses %j', (timestamp) => {
    const event = normalize({ timestamp });
    expect(event.timestamp).toBe(receivedAt);
    expect(event.data.errors).toEqual([
      expect.objectContaining({ type: 'invalid_data', name: 'timestamp' }),
    ]);
  });
});

describe('normalizeEvent: message', () => {
  it('reads a string message as the log entry and keeps it', () => {
    const event = normalize({ message: 'boom' });
    expect(event.data.message).toBe('boom');
    expect(event.data.logentry).toEqual({ formatted: 'boom' });
  });

  it('reads an object message as the log entry', () => {
    const event = normalize({ message: { message: 'hello %s', params: ['you'] } });
    expect(event.data).not.toHaveProperty('message');
    expect(event.data.logentry).toEqual({
      message: 'hello %s',
      params: ['you'],
      formatted: 'hello you',
    });
  });

  it('prefers logentry and keeps its formatted text', () => {
    const event = normalize({
      message: 'legacy',
      logentry: { message: 'a {0}', params: ['b'], formatted: 'given' },
    });
    expect(event.data.message).toBe('legacy');
    expect(event.data.logentry).toEqual({ message: 'a {0}', params: ['b'], formatted: 'given' });
  });
});
