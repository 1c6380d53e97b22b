import { describe, expect, it } from 'vitest';
import { writeJobOf } from '../../../test/support/jobs.js';
import { openDatabase } from '../db/open.js';
import { createEventStore } from '../store/event-store.js';
import { createWriter } from '../store/writer.js';
import { ensureDefaults } from './bootstrap.js';
import { deleteEnvironmentData } from './environment-data.js';

let nextId = 1;
const job = (message: string, environment: string) => {
  const eventId = (nextId++).toString(16).padStart(32, '0');
  return writeJobOf(
    `{"event_id":"${eventId}"}\n{"type":"event"}\n${JSON.stringify({ message, environment })}`,
  );
};

describe("deleting an environment's data", () => {
  it('finds the events through its issues, and takes those that arrive meanwhile', async () => {
    const db = openDatabase({ file: ':memory:' });
    ensureDefaults(db);
    const writer = createWriter(db, createEventStore(db));
    const write = (message: string, environment: string) => writer.write(job(message, environment));
    // Three issues in staging, more events than a batch, and production beside them.
    await Promise.all(
      Array.from({ length: 700 }, (_, index) => write(`issue ${index % 3}`, 'staging')),
    );
    await Promise.all(
      Array.from({ length: 50 }, (_, index) => write(`issue ${index % 3}`, 'production')),
    );
    const staging = db.prepare("SELECT id FROM environments WHERE name = 'staging'").pluck().get();
    const count = (sql: string) => db.prepare(sql).pluck().get(staging);

    let pauses = 0;
    const deleted = await deleteEnvironmentData(db, 1, staging as number, undefined, async () => {
      // Ingest goes on: an event of an issue this pass is done with, and of a new one.
      if (pauses++ === 0) await Promise.all([write('issue 0', 'staging'), write('new', 'staging')]);
    });

    expect(deleted).toBe(702);
    expect(count('SELECT count(*) FROM events WHERE environment_id = ?')).toBe(0);
    expect(count('SELECT count(*) FROM issue_environments WHERE environment_id = ?')).toBe(0);
    expect(db.prepare('SELECT count(*) FROM events').pluck().get()).toBe(50);
    expect(db.prepare('SELECT sum(times_seen) FROM issues').pluck().get()).toBe(50);
    await writer.close();
    db.close();
  });
});
