import { describe, expect, it } from 'vitest';
import { writeJobOf } from '../../../test/support/jobs.js';
import { openDatabase } from '../db/open.js';
import { ensureDefaults } from '../services/bootstrap.js';
import { createEventStore } from '../store/event-store.js';
import { createWriter } from '../store/writer.js';
import { listIssueEvents } from './events.js';

const ENVIRONMENTS = ['production', 'staging', 'development'];

async function issueInThreeEnvironments() {
  const db = openDatabase({ file: ':memory:' });
  ensureDefaults(db);
  const writer = createWriter(db, createEventStore(db));
  // One issue; times that interleave the environments, and some that tie across them.
  await Promise.all(
    Array.from({ length: 800 }, (_, index) => {
      const eventId = (index + 1).toString(16).padStart(32, '0');
      const event = {
        message: 'the same error',
        environment: ENVIRONMENTS[index % 3],
        timestamp: 1_760_000_000 + ((index * 7) % 601),
      };
      return writer.write(
        writeJobOf(`{"event_id":"${eventId}"}\n{"type":"event"}\n${JSON.stringify(event)}`),
      );
    }),
  );
  await writer.close();
  const issueId = db.prepare('SELECT id FROM issues').pluck().get() as number;
  const envId = (name: string) =>
    db.prepare('SELECT id FROM environments WHERE name = ?').pluck().get(name) as number;
  return { db, issueId, envId };
}

describe("an issue's events", () => {
  it('come newest first across environments, as one ordered scan gives them, page by page', async () => {
    const { db, issueId, envId } = await issueInThreeEnvironments();
    const expected = (ids: number[] | null) =>
      db
        .prepare(
          `SELECT id FROM events WHERE issue_id = ? ${ids ? `AND environment_id IN (${ids.join(',')})` : ''}
           ORDER BY timestamp DESC, id DESC`,
        )
        .pluck()
        .all(issueId) as number[];
    const filters = [null, [envId('staging'), envId('production')], [envId('development')]];
    for (const filter of filters) {
      const all = expected(filter);
      expect(all.length).toBeGreaterThan(0);
      for (const [offset, limit] of [
        [0, 50],
        [0, 7],
        [7, 7],
        [25, 10],
        [85, 10],
        [660, 50],
        [790, 50],
      ] as const) {
        const page = listIssueEvents(db, issueId, filter, offset, limit);
        expect(page.map((row) => row.id)).toEqual(all.slice(offset, offset + limit));
      }
    }
    const first = listIssueEvents(db, issueId, null, 0, 1)[0]!;
    expect(first.environment).toMatch(/production|staging|development/);
    expect(first.payload).toBeInstanceOf(Buffer);
    db.close();
  });

  it('are chosen from the environment and time index alone, without reading rows', async () => {
    const { db } = await issueInThreeEnvironments();
    const plan = (
      db
        .prepare(
          `EXPLAIN QUERY PLAN SELECT id FROM events WHERE issue_id = 1 AND environment_id IN (1, 2)
           ORDER BY timestamp DESC, id DESC LIMIT 50`,
        )
        .all() as { detail: string }[]
    )
      .map((row) => row.detail)
      .join(' ');
    expect(plan).toContain('COVERING INDEX events_issue_environment_time');
    db.close();
  });

  it('are empty for an environment the issue was never seen in', async () => {
    const { db, issueId } = await issueInThreeEnvironments();
    expect(listIssueEvents(db, issueId, [9999], 0, 50)).toEqual([]);
    db.close();
  });
});
