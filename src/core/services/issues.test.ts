import { describe, expect, it } from 'vitest';
import { writeJobOf } from '../../../test/support/jobs.js';
import { openDatabase } from '../db/open.js';
import { createEventStore } from '../store/event-store.js';
import { createWriter } from '../store/writer.js';
import { ensureDefaults } from './bootstrap.js';
import { deleteIssue } from './issues.js';

const envelope = (id: number, message: string, environment: string) => {
  const eventId = id.toString(16).padStart(32, '0');
  return `{"event_id":"${eventId}"}\n{"type":"event"}\n${JSON.stringify({ message, environment, user: { id: `u${id % 3}` } })}`;
};

describe('deleting an issue', () => {
  it('deletes its events in batches, then the issue and its figures, and nothing else', async () => {
    const db = openDatabase({ file: ':memory:' });
    ensureDefaults(db);
    const writer = createWriter(db, createEventStore(db));
    // More events than one batch holds, in two environments, and another issue beside.
    const busy = Array.from({ length: 1_234 }, (_, index) =>
      writeJobOf(envelope(index + 1, 'busy', index % 2 ? 'staging' : 'production')),
    );
    const results = await Promise.all(busy.map((job) => writer.write(job)));
    const other = await writer.write(writeJobOf(envelope(99_999, 'other', 'production')));
    const issueId = results[0]!.event!.issueId;
    const count = (table: string) =>
      db.prepare(`SELECT count(*) FROM ${table} WHERE issue_id = ?`).pluck().get(issueId);

    let pauses = 0;
    await deleteIssue(db, issueId, async () => {
      pauses += 1;
      // Between batches, as ingest may: the issue's kind no longer finds it.
      expect(count('issue_hashes')).toBe(0);
    });

    expect(pauses).toBe(2);
    for (const table of ['events', 'issue_hashes', 'issue_environments', 'issue_hourly'])
      expect(count(table)).toBe(0);
    expect(count('issue_users')).toBe(0);
    expect(db.prepare('SELECT id FROM issues').pluck().all()).toEqual([other.event!.issueId]);
    expect(db.prepare('SELECT count(*) FROM events').pluck().get()).toBe(1);
    expect(db.prepare('SELECT event_count FROM projects').pluck().get()).toBe(1);

    // A new event of the deleted kind starts a new issue, as in Sentry.
    const again = await writer.write(writeJobOf(envelope(100_000, 'busy', 'production')));
    expect(again.event!.isNew).toBe(true);
    expect(again.event!.issueId).not.toBe(issueId);
    await writer.close();
    db.close();
  });

  it('says so when the issue does not exist', async () => {
    const db = openDatabase({ file: ':memory:' });
    ensureDefaults(db);
    await expect(deleteIssue(db, 42)).rejects.toMatchObject({ status: 404 });
    db.close();
  });
});
