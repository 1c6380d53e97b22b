import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../types.js';
import { groupEvent } from './index.js';

type Frame = Record<string, unknown>;

function nodeError(value: string, frames: Frame[], type = 'Error'): JsonObject {
  return { platform: 'node', exception: { values: [{ type, value, stacktrace: { frames } }] } };
}

const system = (fn: string): Frame => ({
  filename: `node:internal/${fn}`,
  module: fn,
  function: fn,
  in_app: false,
});
const app = (fn: string, file = 'server'): Frame => ({
  filename: `/srv/app/${file}.js`,
  module: file,
  function: fn,
  context_line: `  ${fn}();`,
  in_app: true,
});

const shareHash = (a: JsonObject, b: JsonObject) =>
  groupEvent(a).hashes.some((hash) => groupEvent(b).hashes.includes(hash));

describe('default grouping of exceptions', () => {
  const frames = [system('run'), app('handle'), app('load', 'db')];

  it('groups the same stack trace with different messages', () => {
    expect(groupEvent(nodeError('user 1 missing', frames)).hashes).toEqual(
      groupEvent(nodeError('totally different text', frames)).hashes,
    );
  });

  it('splits different in-app frames', () => {
    const other = [system('run'), app('handle'), app('save', 'db')];
    expect(shareHash(nodeError('x', frames), nodeError('x', other))).toBe(false);
  });

  it('splits different exception types on the same stack', () => {
    expect(shareHash(nodeError('x', frames), nodeError('x', frames, 'TypeError'))).toBe(false);
  });

  it('gives app and system hashes, app first, when frames are mixed', () => {
    const { hashes } = groupEvent(nodeError('x', frames));
    expect(hashes).toHaveLength(2);
    const appOnly = groupEvent(nodeError('x', [app('handle'), app('load', 'db')])).hashes;
    expect(appOnly).toHaveLength(1);
    expect(hashes[0]).toBe(appOnly[0]);
  });

  it('keeps a hash in common when in_app flips on a frame', () => {
    const flipped = [{ ...system('run'), in_app: true }, app('handle'), app('load', 'db')];
    expect(groupEvent(nodeError('x', frames)).hashes[0]).not.toBe(
      groupEvent(nodeError('x', flipped)).hashes[0],
    );
    expect(shareHash(nodeError('x', frames), nodeError('x', flipped))).toBe(true);
  });

  it('ignores line numbers, columns and directories', () => {
    const moved = frames.map((frame) => ({ ...frame, lineno: 99, colno: 7, abs_path: '/x/y.js' }));
    expect(groupEvent(nodeError('x', moved)).hashes).toEqual(
      groupEvent(nodeError('x', frames)).hashes,
    );
  });

  it('uses the parameterised value when no frame contributes', () => {
    const none: Frame[] = [{ function: '?' }, { abs_path: '[native code]', function: 'map' }];
    const a = { ...nodeError('order 17 failed', none), platform: 'javascript' };
    const b = { ...nodeError('order 4711 failed', none), platform: 'javascript' };
    const c = { ...nodeError('payment failed', none), platform: 'javascript' };
    expect(groupEvent(a).hashes).toEqual(groupEvent(b).hashes);
    expect(shareHash(a, c)).toBe(false);
  });

  it('takes every exception of the chain into account', () => {
    const cause = { type: 'DbError', value: 'x', stacktrace: { frames: [app('query', 'db')] } };
    const top = nodeError('x', frames);
    const chained = { ...top, exception: { values: [cause, ...exceptionValues(top)] } };
    expect(shareHash(top, chained)).toBe(false);
  });
});

function exceptionValues(event: JsonObject): unknown[] {
  return (event.exception as { values: unknown[] }).values;
}

describe('events without an exception', () => {
  it('groups message events by their parameterised first line', () => {
    const a = { message: 'Payment 123 failed for 550e8400-e29b-41d4-a716-446655440000\ndetails' };
    const b = { message: 'Payment 9 failed for 6ba7b810-9dad-11d1-80b4-00c04fd430c8\nother' };
    expect(groupEvent(a).hashes).toEqual(groupEvent(b).hashes);
    expect(shareHash(a, { message: 'Refund 123 failed' })).toBe(false);
    expect(groupEvent(a).type).toBe('default');
  });

  it('prefers the logentry template over the formatted message', () => {
    const a = { logentry: { message: 'Hello %s', formatted: 'Hello Ann', params: ['Ann'] } };
    const b = { logentry: { message: 'Hello %s', formatted: 'Hello Bob', params: ['Bob'] } };
    expect(groupEvent(a).hashes).toEqual(groupEvent(b).hashes);
  });

  it('falls back to the crashed thread stack trace', () => {
    const threads = (fn: string): JsonObject => ({
      platform: 'java',
      message: 'crash',
      threads: {
        values: [
          { id: 1, stacktrace: { frames: [{ module: 'a.B', function: 'idle' }] } },
          { id: 2, crashed: true, stacktrace: { frames: [{ module: 'a.C', function: fn }] } },
        ],
      },
    });
    expect(shareHash(threads('run'), threads('stop'))).toBe(false);
    expect(shareHash(threads('run'), { ...threads('run'), message: 'other' })).toBe(true);
  });

  it('uses the only thread when none is marked crashed', () => {
    const event = (fn: string): JsonObject => ({
      message: 'same',
      threads: { values: [{ stacktrace: { frames: [{ module: 'm', function: fn }] } }] },
    });
    expect(shareHash(event('a'), event('b'))).toBe(false);
  });

  it('puts events with nothing to group by into one issue', () => {
    expect(groupEvent({}).hashes).toEqual(groupEvent({ level: 'info' }).hashes);
    expect(groupEvent({}).title).toBe('<unlabeled event>');
  });
});
