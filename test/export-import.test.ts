import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { type IncomingMessage, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningCore, TEST_TOKEN, dsnOf, startCore } from './support/core.js';
import { repoRoot } from './support/fixtures.js';
import { writeJobOf } from './support/jobs.js';
import { sendEvent, targetOf } from './support/send.js';

const run = promisify(execFile);

interface Issue {
  title: string;
  count: string;
}

describe('export and import of a project', () => {
  let source: RunningCore;
  let destination: RunningCore;
  let file: string;

  beforeAll(async () => {
    [source, destination] = await Promise.all([startCore(), startCore()]);
    const target = await targetOf(source.api, source.url, 'local', 'default');
    await sendEvent(target, {
      message: 'exported one',
      environment: 'production',
      user: { id: 'u1' },
    });
    await sendEvent(target, {
      message: 'exported one',
      environment: 'staging',
      user: { id: 'u2' },
    });
    await sendEvent(target, { message: 'exported two' });
    const session = JSON.stringify({
      sid: 'a',
      init: true,
      started: new Date().toISOString(),
      attrs: { release: 'r@1' },
    });
    await fetch(`${target.url}/api/1/envelope/?sentry_key=${target.publicKey}`, {
      method: 'POST',
      body: `{}\n{"type":"session"}\n${session}\n`,
    });
    const response = await source.api('/api/0/projects/local/default/export/');
    expect(response.headers.get('content-type')).toBe('application/x-sentry-envelope');
    file = join(mkdtempSync(join(tmpdir(), 'outpost-export-')), 'default.envelopes');
    writeFileSync(file, Buffer.from(await response.arrayBuffer()));
  });
  afterAll(() => Promise.all([source.stop(), destination.stop()]));

  const issues = async (running: RunningCore, query = '') =>
    ((await (await running.api(`/api/0/projects/local/default/issues/${query}`)).json()) as Issue[])
      .map((issue) => [issue.title, issue.count])
      .sort();

  it('imports the file into another Outpost with the same issues, environments and items', async () => {
    const response = await destination.api('/api/0/projects/local/default/import/', {
      method: 'POST',
      body: new Uint8Array(await import('node:fs').then((fs) => fs.readFileSync(file))),
      headers: { 'Content-Type': 'application/x-sentry-envelope' },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ envelopes: 4, events: 3 });
    expect(await issues(destination)).toEqual(await issues(source));
    expect(await issues(destination, '?environment=staging')).toEqual([['exported one', '1']]);
    const items = destination.core.db.prepare('SELECT type FROM envelope_items').all();
    expect(items).toEqual([{ type: 'session' }]);
  });

  it('imports the same file again without storing an event twice', async () => {
    const response = await destination.api('/api/0/projects/local/default/import/', {
      method: 'POST',
      body: new Uint8Array(await import('node:fs').then((fs) => fs.readFileSync(file))),
    });
    expect(await response.json()).toMatchObject({ events: 0 });
    expect(await issues(destination)).toEqual(await issues(source));
  });

  it('refuses a damaged file whole, storing nothing', async () => {
    const before = destination.core.db.prepare('SELECT COUNT(*) AS n FROM envelope_items').get();
    const damaged =
      '{"event_id":"0123456789abcdef0123456789abcdef"}\n{"type":"event","length":2}\n{}\n{}\n{"type":"event"}\n[not an object]\n';
    const response = await destination.api('/api/0/projects/local/default/import/', {
      method: 'POST',
      body: damaged,
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { detail: string }).detail).toContain('Envelope 2');
    expect(destination.core.db.prepare('SELECT COUNT(*) AS n FROM envelope_items').get()).toEqual(
      before,
    );
  });

  it('replays the file to a DSN as an SDK would', async () => {
    const fresh = await startCore();
    try {
      const dsn = await dsnOf(fresh, 'local', 'default');
      const { stdout } = await run(join(repoRoot, 'node_modules', '.bin', 'tsx'), [
        join(repoRoot, 'src', 'core', 'cli', 'replay.ts'),
        file,
        dsn,
      ]);
      expect(stdout).toContain('Sent 4 envelopes');
      expect(await issues(fresh)).toEqual(await issues(source));
    } finally {
      await fresh.stop();
    }
  });

  it('lets the rest of Outpost write while a large export waits for its reader, and after it leaves', async () => {
    const running = await startCore();
    try {
      // About 12 MB of events: more than the sockets hold, so the export waits for its reader.
      const message = 'x'.repeat(20_000);
      await Promise.all(
        Array.from({ length: 600 }, (_, index) => {
          const eventId = (index + 1).toString(16).padStart(32, '0');
          return running.core.writer.write(
            writeJobOf(`{"event_id":"${eventId}"}\n{"type":"event"}\n{"message":"${message}"}`),
          );
        }),
      );
      const resolve = () =>
        running.api('/api/0/issues/1/', { method: 'PUT', body: '{"status":"resolved"}' });
      const stalled = await new Promise<IncomingMessage>((started) => {
        request(`${running.url}/api/0/projects/local/default/export/`, {
          headers: { Authorization: `Bearer ${TEST_TOKEN}` },
        })
          .on('response', (response) => {
            response.pause();
            started(response);
          })
          .end();
      });
      await new Promise((resolveSoon) => setTimeout(resolveSoon, 200));
      expect((await resolve()).status).toBe(200);
      stalled.destroy();
      await new Promise((resolveSoon) => setTimeout(resolveSoon, 200));
      expect((await resolve()).status).toBe(200);
    } finally {
      // Closing needs the connection free: an export left waiting would have kept it busy.
      await running.stop();
    }
  });
});
