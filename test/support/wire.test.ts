import { describe, expect, it } from 'vitest';
import { parseRawRequest } from './wire.js';

const head = 'POST /api/1/envelope/?sentry_key=k&sentry_version=7 HTTP/1.1\r\nHost: x\r\n';

describe('parseRawRequest', () => {
  it('splits the request line, headers and body', () => {
    const raw = Buffer.from(`${head}Content-Length: 5\r\nX-A: 1\r\nx-a: 2\r\n\r\nhello`);
    expect(parseRawRequest('001-POST', raw)).toEqual({
      id: '001-POST',
      method: 'POST',
      path: '/api/1/envelope/',
      query: { sentry_key: 'k', sentry_version: '7' },
      headers: { host: 'x', 'content-length': '5', 'x-a': '1, 2' },
      body: Buffer.from('hello'),
    });
  });

  it('de-chunks a chunked body, and keeps one stored already de-chunked', () => {
    const chunked = `${head}Transfer-Encoding: chunked\r\n\r\n`;
    const framed = Buffer.from(`${chunked}5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\n\r\n`);
    expect(parseRawRequest('a', framed).body.toString()).toBe('hello world');
    const stored = Buffer.from(`${chunked}{"sent_at":"x"}\n`);
    expect(parseRawRequest('b', stored).body.toString()).toBe('{"sent_at":"x"}\n');
  });
});
