import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodePayload } from '../src/core/store/payload-codec.js';
import { type RunningCore, startCore } from './support/core.js';
import {
  type Target,
  eventEnvelope,
  newEventId,
  postEnvelope,
  sendEvent,
  targetOf,
} from './support/send.js';

describe('the ingest endpoints', () => {
  let running: RunningCore;
  let target: Target;
  const count = (sql: string) => (running.core.db.prepare(sql).get() as { n: number }).n;
  const events = () => count('SELECT COUNT(*) AS n FROM events');

  beforeAll(async () => {
    running = await startCore();
    target = await targetOf(running.api, running.url, 'local', 'default');
  });
  afterAll(() => running.stop());

  it('answers 200 with the event id after storing the event', async () => {
    const eventId = newEventId();
    const response = await postEnvelope(target, eventEnvelope({ message: 'stored' }, eventId));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ id: eventId });
    const row = running.core.db.prepare('SELECT title FROM events WHERE event_id = ?').get(eventId);
    expect(row).toEqual({ title: 'stored' });
  });

  describe('authentication (spec §3.2)', () => {
    const url = () => `${target.url}/api/${target.projectId}/envelope/`;
    const body = () => eventEnvelope({ message: 'auth' });

    it('takes the key from X-Sentry-Auth, Authorization: Sentry, Basic, and the envelope dsn', async () => {
      const forms: RequestInit[] = [
        { headers: { 'X-Sentry-Auth': `Sentry sentry_key=${target.publicKey}, sentry_version=7` } },
        { headers: { Authorization: `sentry sentry_key=${target.publicKey}, sentry_version=7` } },
        {
          headers: {
            Authorization: `Basic ${Buffer.from(`${target.publicKey}:`).toString('base64')}`,
          },
        },
      ];
      for (const form of forms) {
        const response = await fetch(url(), { method: 'POST', body: body(), ...form });
        expect(response.status).toBe(200);
      }
      const dsn = `http://${target.publicKey}@127.0.0.1/${target.projectId}`;
      const withDsn = `{"dsn":"${dsn}"}\n{"type":"event"}\n{"message":"dsn auth"}`;
      expect((await fetch(url(), { method: 'POST', body: withDsn })).status).toBe(200);
    });

    it('answers 401 without any key and 403 for an unknown or foreign key, storing nothing', async () => {
      const before = events();
      expect((await fetch(url(), { method: 'POST', body: body() })).status).toBe(401);
      const unknown = await fetch(`${url()}?sentry_key=0123456789abcdef0123456789abcdef`, {
        method: 'POST',
        body: body(),
      });
      expect(unknown.status).toBe(403);
      expect(await unknown.json()).toHaveProperty('detail');
      const foreign = await fetch(
        `${target.url}/api/999/envelope/?sentry_key=${target.publicKey}`,
        {
          method: 'POST',
          body: body(),
        },
      );
      expect(foreign.status).toBe(403);
      expect(events()).toBe(before);
    });

    it('refuses two authorization payloads, and a dsn that names another key', async () => {
      const both = await fetch(`${url()}?sentry_key=${target.publicKey}`, {
        method: 'POST',
        body: body(),
        headers: { 'X-Sentry-Auth': `Sentry sentry_key=${target.publicKey}` },
      });
      expect(both.status).toBe(400);
      const other = `{"dsn":"http://ffffffffffffffffffffffffffffffff@127.0.0.1/1"}\n{"type":"event"}\n{}`;
      expect((await postEnvelope(target, other)).status).toBe(403);
    });
  });

  it('answers a browser preflight with CORS (vector 35) and sets CORS on answers', async () => {
    const preflight = await fetch(`${target.url}/api/${target.projectId}/envelope/`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'POST' },
    });
    expect(preflight.status).toBe(200);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('x-sentry-auth');
    expect(preflight.headers.get('access-control-max-age')).toBe('3600');
    const post = await postEnvelope(target, eventEnvelope({ message: 'cors' }), {
      'Content-Type': 'text/plain;charset=UTF-8',
      Origin: 'http://localhost:5173',
    });
    expect(post.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('decodes gzip, deflate, br, and treats an empty or UTF-8 encoding as identity (vector 34)', async () => {
    const encodings: [string, (input: Buffer) => Buffer][] = [
      ['gzip', gzipSync],
      ['deflate', deflateSync],
      ['br', brotliCompressSync],
      ['', (input) => input],
      ['UTF-8', (input) => input],
    ];
    for (const [encoding, encode] of encodings) {
      const eventId = newEventId();
      const body = encode(Buffer.from(eventEnvelope({ message: `encoded ${encoding}` }, eventId)));
      const response = await postEnvelope(target, body, { 'Content-Encoding': encoding });
      expect(response.status, encoding).toBe(200);
      expect(await response.json()).toEqual({ id: eventId });
    }
    const corrupt = await postEnvelope(target, Buffer.from('not gzip at all'), {
      'Content-Encoding': 'gzip',
    });
    expect(corrupt.status).toBe(400);
  });

  it('rejects a malformed envelope with a detail and stores nothing (vector 33)', async () => {
    const before = events();
    const wrongLength = '{}\n{"type":"event","length":10}\n{"a":"bcd"}X\n';
    const response = await postEnvelope(target, wrongLength);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { detail: string }).detail).toBeTruthy();
    for (const bad of ['', 'not json\n', '{}\n{"length":2}\n{}', '{}\n{"type":"event"}\n[1,2]']) {
      expect((await postEnvelope(target, bad)).status, JSON.stringify(bad)).toBe(400);
    }
    expect(events()).toBe(before);
  });

  it('answers 413 for an event over 1 MiB and a body over 20 MB', async () => {
    const big = eventEnvelope({ message: 'x'.repeat(1024 * 1024 + 10) });
    expect((await postEnvelope(target, big)).status).toBe(413);
    const huge = Buffer.alloc(21_000_000, 0x20);
    const response = await postEnvelope(target, huge).catch((error: unknown) => error);
    if (response instanceof Response) expect(response.status).toBe(413);
  });

  it('keeps items other than events, of known and unknown types, and answers {} without an event', async () => {
    const before = count('SELECT COUNT(*) AS n FROM envelope_items');
    const session = JSON.stringify({
      sid: newEventId(),
      init: true,
      started: new Date().toISOString(),
      attrs: { release: 'a@1' },
    });
    const body = `{}\n{"type":"session"}\n${session}\n{"type":"something_new"}\n{"x":1}\n`;
    const response = await postEnvelope(target, body);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({});
    expect(count('SELECT COUNT(*) AS n FROM envelope_items')).toBe(before + 2);
  });

  it('stores a repeated event id once', async () => {
    const eventId = newEventId();
    const body = eventEnvelope({ message: 'twice' }, eventId);
    await postEnvelope(target, body);
    expect((await postEnvelope(target, body)).status).toBe(200);
    expect(count(`SELECT COUNT(*) AS n FROM events WHERE event_id = '${eventId}'`)).toBe(1);
  });

  it('takes /store/ with gzip JSON and X-Sentry-Auth, as the Python SDK sends it', async () => {
    const eventId = newEventId();
    const response = await fetch(`${target.url}/api/${target.projectId}/store/`, {
      method: 'POST',
      body: gzipSync(JSON.stringify({ event_id: eventId, message: 'stored', environment: 'qa' })),
      headers: {
        'Content-Encoding': 'gzip',
        'Content-Type': 'application/json',
        'X-Sentry-Auth': `Sentry sentry_key=${target.publicKey}, sentry_version=7`,
      },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ id: eventId });
  });

  describe('environment normalisation at ingest (spec §9)', () => {
    const environmentOf = async (event: Record<string, unknown>) => {
      const { id } = await sendEvent(target, event);
      const row = running.core.db
        .prepare(
          'SELECT e.name, ev.payload FROM events ev JOIN environments e ON e.id = ev.environment_id WHERE ev.event_id = ?',
        )
        .get(id) as { name: string; payload: Buffer };
      return {
        name: row.name,
        payload: JSON.parse(decodePayload(row.payload)) as Record<string, unknown>,
      };
    };

    it('vector 3: a 65-character name is dropped into "" with an error; the event is kept', async () => {
      const { name, payload } = await environmentOf({
        message: 'long',
        environment: 'x'.repeat(65),
      });
      expect(name).toBe('');
      expect(JSON.stringify(payload.errors)).toContain('environment');
      expect(JSON.stringify(payload.tags)).not.toContain('"environment"');
    });

    it('vectors 2, 6, 7, 14', async () => {
      expect((await environmentOf({ message: 'v2', environment: 'y'.repeat(64) })).name).toBe(
        'y'.repeat(64),
      );
      expect((await environmentOf({ message: 'v6', environment: '  staging \n' })).name).toBe(
        'staging',
      );
      expect((await environmentOf({ message: 'v7', environment: '   ' })).name).toBe('');
      expect((await environmentOf({ message: 'v14', tags: { environment: 'qa' } })).name).toBe(
        'qa',
      );
    });

    it('creates the "" environment row for environment-less events, listed nowhere', async () => {
      await environmentOf({ message: 'none' });
      expect(count("SELECT COUNT(*) AS n FROM environments WHERE name = ''")).toBe(1);
      const list = (await (
        await running.api('/api/0/organizations/local/environments/')
      ).json()) as { name: string }[];
      expect(list.map((env) => env.name)).not.toContain('');
    });
  });
});
