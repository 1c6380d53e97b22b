import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningCore, startCore } from './support/core.js';
import { listFilesRecursive, peerEnvelopesDir, wireDir } from './support/fixtures.js';
import { acceptRecordedKey, freshenEnvelope, freshenRecorded } from './support/replay.js';
import { loadWireRequests } from './support/wire.js';

const INGEST = /^\/api\/\d+\/(envelope|store)\/$/;

describe('replaying real SDK traffic', () => {
  let running: RunningCore;

  beforeAll(async () => {
    running = await startCore();
    acceptRecordedKey(running.core);
  });
  afterAll(() => running.stop());

  const captures = readdirSync(wireDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('sentry-cli'))
    .map((entry) => entry.name);

  for (const capture of captures) {
    it(`accepts every ingest request of ${capture}`, async () => {
      const requests = loadWireRequests(path.join(wireDir, capture)).filter((request) =>
        INGEST.test(request.path),
      );
      expect(requests.length).toBeGreaterThan(0);
      for (const request of requests) {
        const isEnvelope = request.path.endsWith('/envelope/');
        const body = freshenRecorded(request.body, request.headers['content-encoding'], isEnvelope);
        const headers = { ...request.headers };
        for (const name of ['host', 'content-length', 'transfer-encoding', 'connection'])
          delete headers[name];
        const query = new URLSearchParams(request.query).toString();
        const response = await fetch(`${running.url}${request.path}${query ? `?${query}` : ''}`, {
          method: request.method,
          headers,
          body,
        });
        expect(response.status, `${capture} ${request.id}: ${await response.clone().text()}`).toBe(
          200,
        );
      }
    });
  }

  it('stored the captured errors as issues with their environments', () => {
    const rows = running.core.db
      .prepare(
        `SELECT DISTINCT e.name FROM events ev JOIN environments e ON e.id = ev.environment_id ORDER BY 1`,
      )
      .all() as { name: string }[];
    expect(rows.length).toBeGreaterThan(0);
    const issues = running.core.db.prepare('SELECT COUNT(*) AS n FROM issues').get() as {
      n: number;
    };
    expect(issues.n).toBeGreaterThan(0);
  });

  it('accepts all 57 peer envelopes without a failure', async () => {
    const files = listFilesRecursive(peerEnvelopesDir).filter((file) => file !== 'NOTICE');
    expect(files.length).toBe(57);
    const { public_key } = running.core.db
      .prepare('SELECT public_key FROM project_keys WHERE id = 1')
      .get() as {
      public_key: string;
    };
    for (const file of files) {
      const body = freshenEnvelope(readFileSync(path.join(peerEnvelopesDir, file)));
      const response = await fetch(`${running.url}/api/1/envelope/?sentry_key=${public_key}`, {
        method: 'POST',
        body,
      });
      expect(response.status, `${file}: ${await response.clone().text()}`).toBe(200);
    }
  });
});
