import { describe, expect, it } from 'vitest';
import { groupEvent } from './index.js';

const frames = [
  { module: 'lib.http', function: 'send', in_app: false },
  { module: 'app.views', function: 'checkout', in_app: true },
  { module: 'lib.db', function: 'query', in_app: false },
];

describe('title, culprit and metadata', () => {
  it('titles errors "{type}: {first line of value}"', () => {
    const grouping = groupEvent({
      platform: 'python',
      exception: {
        values: [{ type: 'ValueError', value: 'bad input\nmore', stacktrace: { frames } }],
      },
    });
    expect(grouping.type).toBe('error');
    expect(grouping.title).toBe('ValueError: bad input');
    expect(grouping.metadata).toEqual({
      type: 'ValueError',
      value: 'bad input\nmore',
      function: 'checkout',
      in_app_frame_mix: 'mixed',
    });
    expect(grouping.culprit).toBe('app.views in checkout');
  });

  it('titles by the newest exception of a chain', () => {
    const grouping = groupEvent({
      exception: {
        values: [
          { type: 'Cause', value: 'a' },
          { type: 'Outer', value: 'b' },
        ],
      },
    });
    expect(grouping.title).toBe('Outer: b');
  });

  it('uses the type alone without a value, and the value alone without a type', () => {
    expect(groupEvent({ exception: { values: [{ type: 'Boom' }] } }).title).toBe('Boom');
    expect(groupEvent({ exception: { values: [{ value: 'just text' }] } }).title).toBe('just text');
  });

  it('truncates long titles with an ellipsis', () => {
    const { title } = groupEvent({ message: 'x'.repeat(300) });
    expect(title).toHaveLength(100);
    expect(title.endsWith('…')).toBe(true);
  });

  it('titles message events by their formatted first line', () => {
    const grouping = groupEvent({
      logentry: { message: 'Hello %s', formatted: 'Hello Ann\nsecond line' },
    });
    expect(grouping).toMatchObject({
      type: 'default',
      title: 'Hello Ann',
      metadata: { title: 'Hello Ann' },
    });
  });

  it('prefers the transaction as culprit', () => {
    const grouping = groupEvent({
      transaction: 'GET /cart',
      exception: { values: [{ type: 'E', stacktrace: { frames } }] },
    });
    expect(grouping.culprit).toBe('GET /cart');
  });

  it('falls back to the newest frame, then to the request URL', () => {
    const systemOnly = frames.map((frame) => ({ ...frame, in_app: false }));
    expect(
      groupEvent({ exception: { values: [{ type: 'E', stacktrace: { frames: systemOnly } }] } })
        .culprit,
    ).toBe('lib.db in query');
    const browser = [{ filename: 'https://cdn.example/static/app.js?v=3', function: 'onClick' }];
    expect(
      groupEvent({ exception: { values: [{ type: 'E', stacktrace: { frames: browser } }] } })
        .culprit,
    ).toBe('/static/app.js?v=3 in onClick');
    expect(groupEvent({ message: 'm', request: { url: 'http://x/y' } }).culprit).toBe('http://x/y');
    expect(groupEvent({ message: 'm' }).culprit).toBe('');
  });
});
