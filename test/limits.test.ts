import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Core, createCore } from '../src/core/create-core.js';
import { type Target, eventEnvelope, postEnvelope } from './support/send.js';
import { TEST_TOKEN } from './support/core.js';

describe('limits and back-pressure', () => {
  let core: Core;
  let dir: string;
  afterEach(async () => {
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function start(
    options: Parameters<typeof createCore>[0] extends infer O ? Partial<O> : never,
  ) {
    dir = mkdtempSync(join(tmpdir(), 'outpost-limits-'));
    core = createCore({ dataDir: dir, port: 0, authToken: TEST_TOKEN, ...options });
    await core.listen();
    const key = core.db
      .prepare('SELECT public_key FROM project_keys WHERE project_id = 1')
      .get() as {
      public_key: string;
    };
    return { url: core.baseUrl(), projectId: 1, publicKey: key.public_key } satisfies Target;
  }

  /** Opens an ingest request whose body never finishes: it stays in flight. */
  function stalledRequest(target: Target) {
    const { hostname, port } = new URL(target.url);
    const socket = connect(Number(port), hostname);
    socket.write(
      `POST /api/1/envelope/?sentry_key=${target.publicKey} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nContent-Length: 1000\r\n\r\n{}`,
    );
    return socket;
  }

  it('answers 429 with Retry-After and X-Sentry-Rate-Limits only when too much is in flight', async () => {
    const target = await start({ maxInFlight: 2 });
    const stalled = [stalledRequest(target), stalledRequest(target)];
    await new Promise((resolve) => setTimeout(resolve, 200));
    const refused = await postEnvelope(target, eventEnvelope({ message: 'one too many' }));
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(refused.headers.get('x-sentry-rate-limits')).toBe('1::organization:backlog');
    expect(await refused.json()).toHaveProperty('detail');
    for (const socket of stalled) socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await postEnvelope(target, eventEnvelope({ message: 'room again' }))).status).toBe(200);
  });

  it('drops a client that never finishes its headers', async () => {
    const target = await start({
      listenerLimits: { headersTimeoutMs: 500, requestTimeoutMs: 1_000 },
    });
    const { hostname, port } = new URL(target.url);
    const socket = connect(Number(port), hostname);
    socket.write('POST /api/1/envelope/ HTTP/1.1\r\nHost: x\r\n');
    const started = Date.now();
    const answer = await new Promise<string>((resolve) => {
      let text = '';
      socket.on('data', (chunk) => (text += chunk));
      socket.on('close', () => resolve(text));
    });
    expect(answer).toContain('408');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('answers 413 for a declared body over 20 MB without reading it', async () => {
    const target = await start({});
    const socket = stalledRequestWithLength(target, 50_000_000);
    const answer = await new Promise<string>((resolve) => {
      let text = '';
      socket.on('data', (chunk) => {
        text += chunk;
        if (text.includes('\r\n\r\n')) resolve(text);
      });
    });
    socket.destroy();
    expect(answer).toMatch(/^HTTP\/1\.1 413/);
  });
});

function stalledRequestWithLength(target: Target, length: number) {
  const { hostname, port } = new URL(target.url);
  const socket = connect(Number(port), hostname);
  socket.write(
    `POST /api/1/envelope/?sentry_key=${target.publicKey} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nContent-Length: ${length}\r\n\r\n`,
  );
  return socket;
}
