import { connect } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { limits } from '../../src/core/ingest/limits.js';
import { type RunningCore, startCore } from '../support/core.js';
import { type Target, eventEnvelope, newEventId, postEnvelope, targetOf } from '../support/send.js';
import { recordFigures } from './figures.js';

// Each ingest limit tried just past its edge (and at it where the edge is a value), with the
// answer recorded for RELIABILITY.md: a 4xx that names the limit, and nothing stored.

interface Tried {
  limit: string;
  tried: string;
  status: number;
  detail: string;
}

/** Sends raw bytes and returns the status line's code, or 0 when the connection just closed. */
function rawRequest(port: number, head: string, body = Buffer.alloc(0), closeAfterMs = 0) {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    const timer = setTimeout(() => socket.destroy(), 10_000);
    socket.on('data', (chunk) => (received += chunk.toString('latin1')));
    socket.on('error', reject);
    socket.on('close', () => {
      clearTimeout(timer);
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(received)?.[1] ?? 0);
      resolve({ status, text: received.slice(received.indexOf('\r\n\r\n') + 4) });
    });
    socket.write(head);
    socket.write(body);
    if (closeAfterMs > 0) setTimeout(() => socket.end(), closeAfterMs);
  });
}

describe('ingest limits', () => {
  let running: RunningCore;
  let target: Target;
  const tried: Tried[] = [];
  const count = () =>
    running.core.db
      .prepare(`SELECT (SELECT COUNT(*) FROM events) + (SELECT COUNT(*) FROM envelope_items) AS n`)
      .get() as { n: number };

  beforeAll(async () => {
    running = await startCore();
    target = await targetOf(running.api, running.url, 'local', 'default');
  });
  afterAll(async () => {
    recordFigures('limits', { tried });
    await running.stop();
  });

  /** Posts, records the answer, and checks a refusal stored nothing. */
  async function attempt(
    limit: string,
    what: string,
    body: string | Buffer,
    headers: Record<string, string> = {},
    path = 'envelope',
  ) {
    const before = count();
    const url = `${target.url}/api/${target.projectId}/${path}/?sentry_key=${target.publicKey}`;
    const response =
      path === 'envelope'
        ? await postEnvelope(target, body, headers)
        : await fetch(url, {
            method: 'POST',
            body: typeof body === 'string' ? body : new Uint8Array(body),
            headers,
          });
    const answer = (await response.json()) as { detail?: string };
    const detail = answer.detail ?? JSON.stringify(answer);
    tried.push({ limit, tried: what, status: response.status, detail });
    if (response.status !== 200) {
      expect(response.status, detail).toBeLessThan(500);
      expect(answer.detail, `${what}: a refusal names its reason`).toBeTruthy();
      expect(count(), `${what}: nothing stored`).toEqual(before);
    }
    return response.status;
  }

  const envelopeWith = (type: string, payload: string | Buffer, eventId = newEventId()) =>
    Buffer.concat([
      Buffer.from(
        `{"event_id":"${eventId}"}\n{"type":"${type}","length":${Buffer.byteLength(payload)}}\n`,
      ),
      Buffer.from(payload),
      Buffer.from('\n'),
    ]);
  const eventOfBytes = (size: number) => {
    const head = '{"message":"big","extra":"';
    return head + 'x'.repeat(size - head.length - 2) + '"}';
  };

  it('refuses an event item past 1 MiB, and takes one of exactly 1 MiB', async () => {
    expect(
      await attempt(
        'event item 1 MiB',
        '1 MiB',
        envelopeWith('event', eventOfBytes(limits.eventBytes)),
      ),
    ).toBe(200);
    expect(
      await attempt(
        'event item 1 MiB',
        '1 MiB + 1 byte',
        envelopeWith('event', eventOfBytes(limits.eventBytes + 1)),
      ),
    ).toBe(413);
  });

  it('refuses a /store/ body past 1 MiB once decoded', async () => {
    const gzip = gzipSync(eventOfBytes(limits.eventBytes + 1));
    expect(
      await attempt(
        '/store/ body 1 MiB decoded',
        `1 MiB + 1 byte, gzip (${gzip.length} bytes sent)`,
        gzip,
        { 'Content-Encoding': 'gzip', 'Content-Type': 'application/json' },
        'store',
      ),
    ).toBe(413);
  });

  it('refuses an envelope past 100 MiB once decoded, however small it was sent', async () => {
    const bomb = gzipSync(Buffer.alloc(limits.envelopeBytes + 1, 0x20), { level: 1 });
    expect(
      await attempt(
        'envelope 100 MiB decoded',
        `100 MiB + 1 byte of spaces, gzip (${bomb.length} bytes sent)`,
        bomb,
        { 'Content-Encoding': 'gzip' },
      ),
    ).toBe(413);
  });

  it('refuses a request past 20 MB as sent, before reading it', async () => {
    const port = Number(new URL(running.url).port);
    const size = limits.requestBytes + 1;
    const answer = await rawRequest(
      port,
      `POST /api/${target.projectId}/envelope/?sentry_key=${target.publicKey} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Length: ${size}\r\n\r\n`,
    );
    tried.push({
      limit: 'request 20 MB as sent',
      tried: `Content-Length: ${size}`,
      status: answer.status,
      detail: (JSON.parse(answer.text) as { detail: string }).detail,
    });
    expect(answer.status).toBe(413);
  });

  it('refuses a client report past 4 KiB and a check-in past 100 KiB', async () => {
    const report = JSON.stringify({
      timestamp: Date.now() / 1000,
      discarded_events: [],
      pad: 'x'.repeat(limits.clientReportBytes),
    });
    expect(
      await attempt(
        'client report 4 KiB',
        `${Buffer.byteLength(report)} bytes`,
        envelopeWith('client_report', report),
      ),
    ).toBe(413);
    const checkIn = JSON.stringify({
      check_in_id: newEventId(),
      monitor_slug: 'm',
      status: 'ok',
      pad: 'x'.repeat(limits.checkInBytes),
    });
    expect(
      await attempt(
        'check-in 100 KiB',
        `${Buffer.byteLength(checkIn)} bytes`,
        envelopeWith('check_in', checkIn),
      ),
    ).toBe(413);
  });

  it('keeps 100 sessions of an envelope and drops the rest', async () => {
    const session = JSON.stringify({
      sid: newEventId(),
      init: true,
      status: 'ok',
      attrs: { release: 'a@1' },
    });
    const items = Array.from(
      { length: limits.sessionsPerEnvelope + 1 },
      () => `{"type":"session"}\n${session}`,
    );
    const before = count().n;
    expect(
      await attempt('100 sessions per envelope', '101 session items', `{}\n${items.join('\n')}\n`),
    ).toBe(200);
    expect(count().n - before).toBe(limits.sessionsPerEnvelope);
    tried.at(-1)!.detail = `200, ${count().n - before} kept`;
  });

  it('refuses two event items, and JSON nested past 128 levels', async () => {
    const two = `{}\n{"type":"event"}\n{"message":"a"}\n{"type":"event"}\n{"message":"b"}\n`;
    expect(await attempt('one event per envelope', 'two event items', two)).toBe(400);
    const nested = (depth: number) =>
      `{"message":"deep","extra":${'['.repeat(depth - 1)}${']'.repeat(depth - 1)}}`;
    expect(
      await attempt(
        'JSON nesting 128 levels',
        '128 levels',
        eventEnvelope(JSON.parse(nested(limits.jsonDepth)) as Record<string, unknown>),
      ),
    ).toBe(200);
    const deep = `{}\n{"type":"event"}\n${nested(limits.jsonDepth + 1)}\n`;
    expect(await attempt('JSON nesting 128 levels', '129 levels', deep)).toBe(400);
    const deeper = `{}\n{"type":"event"}\n${nested(10_000)}\n`;
    expect(await attempt('JSON nesting 128 levels', '10,000 levels', deeper)).toBe(400);
  });

  it('keeps an environment of 64 bytes and drops one of 65, keeping the event', async () => {
    for (const name of ['a'.repeat(64), 'a'.repeat(65), 'é'.repeat(32), 'é'.repeat(32) + 'a']) {
      const eventId = newEventId();
      const bytes = Buffer.byteLength(name);
      expect(
        await attempt(
          'environment 64 bytes',
          `${bytes} bytes (${name.length} characters)`,
          eventEnvelope({ message: 'env', environment: name }, eventId),
        ),
      ).toBe(200);
      const row = running.core.db
        .prepare(
          'SELECT e.name FROM events ev JOIN environments e ON e.id = ev.environment_id WHERE ev.event_id = ?',
        )
        .get(eventId) as { name: string };
      expect(row.name).toBe(bytes <= 64 ? name : '');
      tried.at(-1)!.detail =
        bytes <= 64
          ? '200, stored under its name'
          : '200, stored as "(No Environment)" with an invalid_data error';
    }
  });

  it('answers bad encodings and missing or unknown keys with a 4xx', async () => {
    const body = eventEnvelope({ message: 'x' });
    expect(
      await attempt('Content-Encoding', 'compress', body, { 'Content-Encoding': 'compress' }),
    ).toBe(415);
    expect(
      await attempt('Content-Encoding', 'gzip header on a plain body', body, {
        'Content-Encoding': 'gzip',
      }),
    ).toBe(400);
    const before = count();
    const noKey = await fetch(`${target.url}/api/${target.projectId}/envelope/`, {
      method: 'POST',
      body,
    });
    tried.push({
      limit: 'authentication',
      tried: 'no key',
      status: noKey.status,
      detail: ((await noKey.json()) as { detail: string }).detail,
    });
    const unknown = await fetch(
      `${target.url}/api/${target.projectId}/envelope/?sentry_key=${'0'.repeat(32)}`,
      { method: 'POST', body },
    );
    tried.push({
      limit: 'authentication',
      tried: 'unknown key',
      status: unknown.status,
      detail: ((await unknown.json()) as { detail: string }).detail,
    });
    expect([noKey.status, unknown.status]).toEqual([401, 403]);
    expect(count()).toEqual(before);
  });

  it('answers 431 to a 200 KB HTTP header, and survives a body cut short', async () => {
    const port = Number(new URL(running.url).port);
    const head = (extra: string, length: number) =>
      `POST /api/${target.projectId}/envelope/?sentry_key=${target.publicKey} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n${extra}Content-Length: ${length}\r\n\r\n`;
    const body = Buffer.from(eventEnvelope({ message: 'x' }));
    const huge = await rawRequest(
      port,
      head(`X-Padding: ${'z'.repeat(200_000)}\r\n`, body.length),
      body,
    );
    // Node's HTTP parser answers before Outpost sees the request: no JSON body.
    tried.push({
      limit: 'HTTP headers 16 KB (Node)',
      tried: '200 KB header',
      status: huge.status,
      detail: huge.text === '' ? '(no body: Node\u2019s own answer)' : huge.text,
    });
    expect(huge.status).toBe(431);
    const before = count();
    const cut = await rawRequest(port, head('', body.length + 1_000), body, 200);
    tried.push({
      limit: 'Content-Length',
      tried: '1,000 bytes more declared than sent, then the client closes',
      status: cut.status,
      detail:
        cut.status === 0
          ? '(connection closed, nothing stored)'
          : cut.text || '(no body: Node\u2019s own answer, nothing stored)',
    });
    expect(cut.status === 0 || (cut.status >= 400 && cut.status < 500)).toBe(true);
    expect(count()).toEqual(before);
    // Still up and taking events.
    expect((await postEnvelope(target, eventEnvelope({ message: 'after' }))).status).toBe(200);
  });
});
