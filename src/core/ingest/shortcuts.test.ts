import { describe, expect, it } from 'vitest';
import { returnsOrClientError } from '../../../test/reliability/client-error.js';
import { parseJsonObject } from './envelope.js';
import { groupEvent } from './grouping/index.js';
import { limits } from './limits.js';
import { normalizeEvent } from './normalize.js';
import type { JsonObject } from './types.js';

// Ingest skips work when a cheap look shows it cannot change the result. These are the inputs
// where the look and the full rule could part ways.

const parse = (text: string) => returnsOrClientError(() => parseJsonObject(Buffer.from(text), 'e'));
const deepMessage = `nests objects and arrays more than ${limits.jsonDepth} levels deep`;
const parseError = (text: string) => {
  try {
    parseJsonObject(Buffer.from(text), 'e');
    return null;
  } catch (error) {
    return (error as Error).message;
  }
};

describe('parseJsonObject: the depth limit', () => {
  const deep = '['.repeat(limits.jsonDepth) + ']'.repeat(limits.jsonDepth);

  it('accepts many brackets that do not nest', () => {
    const wide = `{"list":[${Array.from({ length: 500 }, () => '{"a":[1]}').join(',')}]}`;
    expect(parse(wide)).toBeNull();
  });

  it('tells an escaped quote from an escaped backslash before a quote', () => {
    // `\"` and `\\\"` keep the string open, so the brackets after them are text.
    expect(parse(`{"a":"\\"${deep}"}`)).toBeNull();
    expect(parse(`{"a":"\\\\\\"${deep}"}`)).toBeNull();
    // `\\"` closes it, so they nest.
    expect(parseError(`{"a":"\\\\","b":[${deep}]}`)).toContain(deepMessage);
  });

  it('refuses deep nesting in a document that is not valid JSON either', () => {
    expect(parseError(`{"a":tru,"b":[${deep}]}`)).toContain(deepMessage);
    expect(parseError('{"a":' + '['.repeat(300))).toContain(deepMessage);
  });

  it('stops counting at a string that never ends', () => {
    expect(parseError(`{"a":"${deep}[`)).toContain('not valid JSON');
  });

  it('leaves short bodies to the JSON parser', () => {
    expect(parseError('['.repeat(limits.jsonDepth * 2))).toContain('not valid JSON');
  });
});

describe('grouping: frames that take the short way', () => {
  const node = (frame: JsonObject): JsonObject => ({
    platform: 'node',
    exception: {
      values: [{ type: 'Error', stacktrace: { frames: [{ ...frame, in_app: true }] } }],
    },
  });
  const hashes = (frame: JsonObject) => groupEvent(node(frame)).hashes;

  it('collapses any whitespace in a source line', () => {
    const line = (context_line: string) => hashes({ function: 'run', context_line });
    const expected = line('a b c');
    for (const spaced of [
      ' a b c ',
      'a\tb c',
      'a  b c',
      'a\u00a0b c',
      'a\nb\u2028c',
      '\ufeffa b c',
    ]) {
      expect(line(spaced), JSON.stringify(spaced)).toEqual(expected);
    }
    expect(line('a bc')).not.toEqual(expected);
  });

  it('reads placeholders for unknown functions in any case', () => {
    const named = (fn: string) => hashes({ filename: 'a.js', function: fn, context_line: 'x' });
    expect(named('<ANONYMOUS>')).toEqual(named('<anonymous>'));
    expect(named('Anonymous Function')).toEqual(named('?'));
    expect(named('Anonymous')).not.toEqual(named('?'));
  });

  it('drops release segments only where a name has them', () => {
    const file = (filename: string) => hashes({ filename, function: 'run' });
    expect(file('/static/app.3f9a1c2e.js')).toEqual(file('/static/app.0123abcd.js'));
    expect(file('https://cdn.example/lib-1.4.2.min.js?v=3')).toEqual(file('/lib-2.0.1.min.js'));
    expect(file('C:\\build\\app.js')).toEqual(file('app.js'));
    expect(file('app1.js')).not.toEqual(file('app2.js'));
  });

  it('counts a recursion once however its frames are split', () => {
    const frames = (values: string[][]) => ({
      platform: 'python',
      exception: {
        values: [
          {
            type: 'E',
            stacktrace: {
              frames: values.map(([module, fn]) => ({ module, function: fn, in_app: true })),
            },
          },
        ],
      },
    });
    const hashesOf = (values: string[][]) => groupEvent(frames(values)).hashes;
    const once = hashesOf([['m', 'f']]);
    expect(
      hashesOf([
        ['m', 'f'],
        ['m', 'f'],
      ]),
    ).toEqual(once);
    // Frames are compared by their values joined by NUL, as the hash reads them.
    expect(
      hashesOf([
        ['m', 'f'],
        ['m\u0000f', ''],
      ]),
    ).toEqual(once);
    expect(
      hashesOf([
        ['m', 'f'],
        ['n', 'f'],
      ]),
    ).not.toEqual(once);
  });
});

describe('normalizeEvent: the short ways', () => {
  const receivedAt = Date.UTC(2026, 10, 25, 9, 30, 0);

  it('writes times of any year as toISOString does', () => {
    for (const year of [-1, 0, 999, 1000, 2026, 9999, 10_000, 270_000]) {
      const sentAt = Date.UTC(2026, 0, 1) + (year - 2026) * 365.25 * 86_400_000 + 7;
      const raw = { timestamp: receivedAt / 1000 };
      const { data } = normalizeEvent(raw, { receivedAt, sentAt });
      const [drift] = data.errors as JsonObject[];
      expect(drift?.type).toBe('clock_drift');
      expect(drift?.sdk_time, String(year)).toBe(new Date((sentAt / 1000) * 1000).toISOString());
    }
  });

  it('moves a client tag that Sentry derives itself to the end', () => {
    const { tags } = normalizeEvent(
      { tags: { level: 'x', a: '1', logger: 'y', b: '2' }, logger: 'app' },
      { receivedAt },
    );
    expect(tags).toEqual([
      ['a', '1'],
      ['b', '2'],
      ['level', 'error'],
      ['logger', 'app'],
    ]);
  });

  it('cuts an environment taken from a tag to 64 characters, counting code points', () => {
    const long = '😀'.repeat(40);
    const { environment } = normalizeEvent({ tags: { environment: long } }, { receivedAt });
    expect(environment).toBe('😀'.repeat(40));
    const longer = 'e'.repeat(70);
    expect(normalizeEvent({ tags: { environment: longer } }, { receivedAt }).environment).toBe(
      'e'.repeat(64),
    );
  });
});
