import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningCore, startCore } from './support/core.js';
import { sendEvent, targetOf } from './support/send.js';

describe("deleting an environment's data", () => {
  let running: RunningCore;
  const one = (sql: string) => (running.core.db.prepare(sql).get() as { n: number }).n;

  beforeAll(async () => {
    running = await startCore();
    const target = await targetOf(running.api, running.url, 'local', 'default');
    for (let i = 0; i < 1_200; i++) {
      await sendEvent(target, {
        message: `shared ${i % 3}`,
        environment: i % 2 ? 'staging' : 'production',
        user: { id: `u${i % 9}` },
      });
    }
    await sendEvent(target, { message: 'only in staging', environment: 'staging' });
  });
  afterAll(() => running.stop());

  it('asks for the name as confirmation', async () => {
    const refused = await running.core.app.call('deleteEnvironmentData', {
      projectId: 1,
      environment: 'staging',
      confirm: 'yes',
    });
    expect(refused).toMatchObject({ ok: false, error: { status: 400 } });
    expect(refused.ok ? '' : refused.error.message).toContain('Type the environment name');
  });

  it('deletes its events in batches with their figures, keeping the environment and the others', async () => {
    const result = await running.core.app.call('deleteEnvironmentData', {
      projectId: 1,
      environment: 'staging',
      confirm: 'staging',
    });
    expect(result).toEqual({ ok: true, value: { deleted: 601 } });
    const events = one('SELECT COUNT(*) AS n FROM events');
    expect(events).toBe(600);
    expect(one('SELECT SUM(times_seen) AS n FROM issues')).toBe(events);
    expect(one('SELECT SUM(count) AS n FROM issue_hourly')).toBe(events);
    expect(one("SELECT COUNT(*) AS n FROM issues WHERE title = 'only in staging'")).toBe(0);
    expect(
      one(
        "SELECT COUNT(*) AS n FROM issue_users iu JOIN environments e ON e.id = iu.environment_id WHERE e.name = 'staging'",
      ),
    ).toBe(0);
    const environments = await running.core.app.call('listProjectEnvironments', {
      projectId: 1,
      visibility: 'all',
    });
    expect(
      environments.ok && (environments.value as { name: string }[]).map((env) => env.name),
    ).toEqual(['production', 'staging']);
  });
});
