import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../types.js';
import { groupEvent } from './index.js';

type Frame = Record<string, unknown>;

const app = (fn: string, file = 'server'): Frame => ({
  filename: `/srv/app/${file}.js`,
  module: file,
  function: fn,
  context_line: `  ${fn}();`,
  in_app: true,
});

const nodeError = (frames: Frame[]): JsonObject => ({
  platform: 'node',
  exception: { values: [{ type: 'Error', value: 'x', stacktrace: { frames } }] },
});

const shareHash = (a: JsonObject, b: JsonObject) =>
  groupEvent(a).hashes.some((hash) => groupEvent(b).hashes.includes(hash));

describe('frame normalisation', () => {
  const js = (frame: Frame): JsonObject => ({
    platform: 'javascript',
    exception: { values: [{ type: 'Error', value: 'v', stacktrace: { frames: [frame] } }] },
  });

  it('strips JavaScript namespaces from function names', () => {
    const a = js({ filename: '/a.js', function: 'Foo.prototype.render', in_app: true });
    const b = js({ filename: '/a.js', function: 'Bar.render', in_app: true });
    const c = js({ filename: '/a.js', function: 'render', in_app: true });
    expect(groupEvent(a).hashes).toEqual(groupEvent(b).hashes);
    expect(groupEvent(a).hashes).toEqual(groupEvent(c).hashes);
  });

  it('ignores anonymous JavaScript functions and [native code] frames', () => {
    const base: Frame = { filename: '/a.js', function: 'render', in_app: true };
    const withJunk = (junk: Frame[]): JsonObject => ({
      platform: 'javascript',
      exception: { values: [{ type: 'Error', stacktrace: { frames: [...junk, base] } }] },
    });
    expect(groupEvent(withJunk([])).hashes).toEqual(
      groupEvent(
        withJunk([
          { function: 'Array.forEach', abs_path: '[native code]', in_app: true },
          { filename: '[native code]', function: '?', in_app: true },
        ]),
      ).hashes,
    );
    const anonymous = js({ filename: '/a.js', function: 'HTMLButtonElement.<anonymous>' });
    expect(groupEvent(anonymous).hashes).toEqual(groupEvent(js({ filename: '/a.js' })).hashes);
  });

  it('lets the value decide when a JavaScript frame is known only by its file', () => {
    const handler = (value: string): JsonObject => ({
      platform: 'javascript',
      exception: {
        values: [
          {
            type: 'Error',
            value,
            stacktrace: {
              frames: [
                { filename: 'http://localhost/bundle.js', function: 'a.<anonymous>', in_app: true },
              ],
            },
          },
        ],
      },
    });
    expect(shareHash(handler('save failed'), handler('load failed'))).toBe(false);
    expect(groupEvent(handler('id 1')).hashes).toEqual(groupEvent(handler('id 2')).hashes);
  });

  it('drops the host, query string and build hash from JavaScript file names', () => {
    const a = js({ filename: 'https://cdn-1.example/static/main.3f9a1c2e.js?v=1', function: 'f' });
    const b = js({ filename: 'http://localhost:3000/static/main.77aa0b1d.js#x', function: 'f' });
    expect(groupEvent(a).hashes).toEqual(groupEvent(b).hashes);
  });

  it('collapses recursion so that its depth does not split issues', () => {
    const recurse = app('walk', 'tree');
    const shallow = nodeError([app('main'), recurse, recurse]);
    const deep = nodeError([app('main'), recurse, recurse, recurse, recurse, recurse]);
    expect(groupEvent(shallow).hashes).toEqual(groupEvent(deep).hashes);
    expect(shareHash(shallow, nodeError([app('main'), recurse, app('other')]))).toBe(false);
  });

  it('ignores context lines longer than 120 characters', () => {
    const long = (tail: string): JsonObject =>
      ({
        platform: 'python',
        exception: {
          values: [
            {
              type: 'E',
              stacktrace: {
                frames: [
                  {
                    module: 'app',
                    function: 'f',
                    context_line: 'x'.repeat(130) + tail,
                    in_app: true,
                  },
                ],
              },
            },
          ],
        },
      }) as JsonObject;
    expect(groupEvent(long('a')).hashes).toEqual(groupEvent(long('b')).hashes);
  });

  it('uses cleaned function names for native frames', () => {
    const native = (fn: string, pkg: string): JsonObject => ({
      platform: 'native',
      exception: {
        values: [{ type: 'SIGSEGV', stacktrace: { frames: [{ function: fn, package: pkg }] } }],
      },
    });
    expect(groupEvent(native('int ns::run<int>(char const*) const', '/a/lib.so')).hashes).toEqual(
      groupEvent(native('ns::run<long>(std::string)', '/b/lib.so')).hashes,
    );
  });
});
