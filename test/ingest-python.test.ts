import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasPythonSdk, sendWithPythonSdk } from './support/clients.js';
import { type RunningCore, dsnOf, startCore } from './support/core.js';

// Debian's python3-sentry-sdk 1.9 posts gzip JSON to the legacy /store/ endpoint.
describe.skipIf(!hasPythonSdk())('the real python sentry-sdk against a running Outpost', () => {
  let running: RunningCore;
  beforeAll(async () => {
    running = await startCore();
  });
  afterAll(() => running.stop());

  it('stores its errors under their environment and release', async () => {
    const dsn = await dsnOf(running, 'local', 'default');
    await sendWithPythonSdk(dsn, 'staging', 'py@1.0', 'python boom');
    const rows = running.core.db
      .prepare(
        `SELECT e.name AS environment, ev.release, ev.user_tag, i.title FROM events ev
         JOIN environments e ON e.id = ev.environment_id JOIN issues i ON i.id = ev.issue_id`,
      )
      .all();
    expect(rows).toEqual([
      {
        environment: 'staging',
        release: 'py@1.0',
        user_tag: 'id:py-user',
        title: 'ValueError: python boom',
      },
    ]);
  });
});
