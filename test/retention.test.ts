import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RetentionSettings } from '../src/shared/types.js';
import { type RunningCore, startCore } from './support/core.js';
import { createProject } from './support/issues.js';
import { writeJobOf } from './support/jobs.js';
import { type Target, eventEnvelope, postEnvelope, sendEvent, targetOf } from './support/send.js';

const DAY = 86_400_000;

describe('retention', () => {
  let running: RunningCore;
  let target: Target;
  const one = (sql: string) => (running.core.db.prepare(sql).get() as { n: number }).n;

  /** The figures kept on write must add up to the events that remain. */
  function expectFiguresMatchEvents() {
    const events = one('SELECT COUNT(*) AS n FROM events');
    expect(one('SELECT COALESCE(SUM(times_seen), 0) AS n FROM issues')).toBe(events);
    expect(one('SELECT COALESCE(SUM(times_seen), 0) AS n FROM issue_environments')).toBe(events);
    expect(one('SELECT COALESCE(SUM(count), 0) AS n FROM issue_hourly')).toBe(events);
    expect(
      one('SELECT COUNT(*) AS n FROM issues WHERE id NOT IN (SELECT issue_id FROM events)'),
    ).toBe(0);
    expectProjectCountsMatchEvents();
  }

  /** Each project's count of its events, kept on write, is the number stored. */
  function expectProjectCountsMatchEvents() {
    const kept = running.core.db.prepare('SELECT id, event_count FROM projects ORDER BY id').all();
    const counted = running.core.db
      .prepare(
        `SELECT p.id, (SELECT COUNT(*) FROM events e WHERE e.project_id = p.id) AS event_count
         FROM projects p ORDER BY p.id`,
      )
      .all();
    expect(kept).toEqual(counted);
  }

  beforeEach(async () => {
    running = await startCore();
    target = await targetOf(running.api, running.url, 'local', 'default');
  });
  afterEach(() => running.stop());

  const setRetention = (days: number, maxEvents: number) =>
    running.core.app.call('setRetention', { projectId: 1, days, maxEvents });

  it('keeps the newest events up to the project count, and the figures with them', async () => {
    for (let i = 0; i < 25; i++) {
      await sendEvent(target, { message: `issue ${i % 5}`, environment: `env${i % 3}` });
    }
    await setRetention(90, 10);
    await running.core.prune();
    expect(one('SELECT COUNT(*) AS n FROM events')).toBe(10);
    const oldestKept = one('SELECT MIN(id) AS n FROM events');
    expect(oldestKept).toBe(one('SELECT MAX(id) AS n FROM events') - 9);
    expectFiguresMatchEvents();
    const settings = await running.core.app.call('getRetention', { projectId: 1 });
    expect(settings).toEqual({
      ok: true,
      value: { projectId: 1, days: 90, maxEvents: 10, events: 10 },
    });
  });

  it('deletes events older than the project days, and issues left without events', async () => {
    await sendEvent(target, { message: 'old one', environment: 'production' });
    await sendEvent(target, { message: 'recent', environment: 'production' });
    running.core.db
      .prepare("UPDATE events SET received = ? WHERE title = 'old one'")
      .run(Date.now() - 100 * DAY);
    expect(await running.core.prune()).toBe(1);
    const titles = running.core.db.prepare('SELECT title FROM issues').all();
    expect(titles).toEqual([{ title: 'recent' }]);
    expectFiguresMatchEvents();
  });

  it('prunes while ingest runs without losing an acknowledged event beyond the limit', async () => {
    await setRetention(90, 50);
    let answered = 0;
    const sending = (async () => {
      for (let batch = 0; batch < 10; batch++) {
        const results = await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            sendEvent(target, { message: `m${i % 7}`, environment: 'production' }),
          ),
        );
        answered += results.length;
        void running.core.prune();
      }
    })();
    await sending;
    await running.core.prune();
    expect(answered).toBe(200);
    expect(one('SELECT COUNT(*) AS n FROM events')).toBe(50);
    expectFiguresMatchEvents();
  });

  it('lets ingest commit between its batches, on the write thread', async () => {
    for (let round = 0; round < 3; round++) {
      await Promise.all(
        Array.from({ length: 400 }, (_, i) =>
          sendEvent(target, { message: `m${i % 40}`, environment: 'production' }),
        ),
      );
    }
    running.core.db.prepare('UPDATE events SET received = ?').run(Date.now() - 100 * DAY);
    // A write queued as the first batch lands is committed before the second begins.
    const order: string[] = [];
    let queued: Promise<unknown> | undefined;
    const stop = running.core.app.onEvent((event) => {
      if (event.type !== 'issues-changed') return;
      order.push('batch');
      if (!queued) {
        queued = running.core.writer.write(
          writeJobOf(eventEnvelope({ message: 'during pruning', environment: 'production' })),
        );
        void queued.then(() => order.push('committed'));
      }
    });
    const deleted = await running.core.prune();
    stop();
    await queued;
    expect(deleted).toBe(1200);
    expect(order.slice(0, 3)).toEqual(['batch', 'committed', 'batch']);
    expect(one("SELECT COUNT(*) AS n FROM events WHERE title = 'during pruning'")).toBe(1);
    expectFiguresMatchEvents();
  });

  it("keeps each project's event count exact through every way events come and go", async () => {
    const other = await createProject(running, 'other');
    const count = async (projectId: number) => {
      const settings = await running.core.app.call('getRetention', { projectId });
      if (!settings.ok) throw new Error(settings.error.message);
      return (settings.value as RetentionSettings).events;
    };
    const messages = ['alpha failed', 'beta failed', 'gamma failed'];
    for (let i = 0; i < 12; i++) {
      await sendEvent(target, { message: messages[i % 3], environment: `env${i % 2}` });
      await sendEvent(other, { message: 'elsewhere', environment: 'env0' });
    }
    // A repeated event id is answered but not stored again.
    const repeated = eventEnvelope({ message: 'alpha failed', environment: 'env0' });
    expect((await postEnvelope(target, repeated)).status).toBe(200);
    expect((await postEnvelope(target, repeated)).status).toBe(200);
    expect(await count(target.projectId)).toBe(13);
    expect(await count(other.projectId)).toBe(12);

    const deleted = await running.core.app.call('deleteEnvironmentData', {
      projectId: target.projectId,
      environment: 'env1',
      confirm: 'env1',
    });
    expect(deleted).toEqual({ ok: true, value: { deleted: 6 } });
    expect(await count(target.projectId)).toBe(7);
    expectProjectCountsMatchEvents();

    const issueId = running.core.db
      .prepare("SELECT id FROM issues WHERE project_id = ? AND title = 'alpha failed'")
      .pluck()
      .get(target.projectId) as number;
    expect(await running.core.app.call('deleteIssue', { issueId })).toMatchObject({ ok: true });
    expect(await count(target.projectId)).toBe(4);
    expectProjectCountsMatchEvents();

    await setRetention(90, 2);
    await running.core.prune();
    expect(await count(target.projectId)).toBe(2);
    expect(await count(other.projectId)).toBe(12);
    expectFiguresMatchEvents();

    await running.core.app.call('clearAllData', { confirm: 'clear all data' });
    expect(await count(target.projectId)).toBe(0);
    expect(await count(other.projectId)).toBe(0);
    await sendEvent(other, { message: 'after clearing' });
    expect(await count(other.projectId)).toBe(1);
    expectProjectCountsMatchEvents();
  });

  it('prunes a project that passes its count soon after, not at the next round', async () => {
    await running.stop();
    // Rounds an hour apart: only the look at the counts after writes can prune in this test.
    running = await startCore(undefined, { retentionIntervalMs: 3_600_000, retentionCheckMs: 50 });
    target = await targetOf(running.api, running.url, 'local', 'default');
    await setRetention(90, 5);
    for (let i = 0; i < 12; i++) await sendEvent(target, { message: 'over the count' });
    await vi.waitFor(() => expect(one('SELECT COUNT(*) AS n FROM events')).toBe(5), {
      timeout: 10_000,
      interval: 50,
    });
    expectFiguresMatchEvents();
  });

  it('refuses limits below one with a readable message', async () => {
    const refused = await setRetention(0, 10);
    expect(refused).toMatchObject({ ok: false, error: { status: 400 } });
    expect(refused.ok ? '' : refused.error.message).toContain('At least 1 day');
  });
});
