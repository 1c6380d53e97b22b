import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeJobOf } from '../../../test/support/jobs.js';
import { type Db, openDatabase } from '../db/open.js';
import { ensureDefaults } from '../services/bootstrap.js';
import { type EventStore, createEventStore } from './event-store.js';

const SECOND = 1000;
// Two days ago, on the hour: recent enough that ingest keeps the times as sent (it moves
// events older than 30 days to their arrival).
const T0 = Math.floor(Date.now() / 3_600_000) * 3_600 - 2 * 86_400;
let nextId = 0;

/** An envelope of one error event: its id fresh, its time `at` seconds, its environment. */
function envelope(
  at: number,
  environment: string,
  message = 'Checkout failed',
  group = 'checkout',
) {
  const eventId = (nextId++).toString(16).padStart(32, '0');
  const event = {
    event_id: eventId,
    timestamp: at,
    environment,
    release: 'shop@1.0.0',
    // One group whatever the message, so that the title can follow the newest event.
    fingerprint: [group],
    exception: { values: [{ type: 'Error', value: message }] },
  };
  return `{"event_id":"${eventId}"}\n{"type":"event"}\n${JSON.stringify(event)}\n`;
}

describe('the event store', () => {
  let dir: string;
  let db: Db;
  let store: EventStore;
  const write = (body: string) => {
    const job = writeJobOf(body);
    return db.transaction(() => store.write(job, Date.now()).event!)();
  };
  const issue = (id: number) =>
    db.prepare('SELECT times_seen, first_seen, last_seen, status FROM issues WHERE id = ?').get(id);
  const inEnvironment = (issueId: number, environmentId: number) =>
    db
      .prepare(
        'SELECT times_seen, first_seen, last_seen FROM issue_environments WHERE issue_id = ? AND environment_id = ?',
      )
      .get(issueId, environmentId);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'outpost-event-store-'));
    db = openDatabase({ file: join(dir, 'outpost.db') });
    ensureDefaults(db);
    store = createEventStore(db);
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('tells a new issue, a new environment of it, and a repeat apart (spec §4.3)', () => {
    const first = write(envelope(T0, 'production'));
    expect(first).toMatchObject({ isNew: true, isNewGroupEnvironment: true, isRegression: false });
    const again = write(envelope(T0 + 10, 'production'));
    expect(again).toMatchObject({
      issueId: first.issueId,
      isNew: false,
      isNewGroupEnvironment: false,
    });
    const staging = write(envelope(T0 + 20, 'staging'));
    expect(staging).toMatchObject({ isNew: false, isNewGroupEnvironment: true });
    expect(issue(first.issueId)).toMatchObject({ times_seen: 3, last_seen: (T0 + 20) * SECOND });
    expect(inEnvironment(first.issueId, first.environmentId)).toEqual({
      times_seen: 2,
      first_seen: T0 * SECOND,
      last_seen: (T0 + 10) * SECOND,
    });
  });

  it('moves first seen back for an older event, in the issue and in its environment', () => {
    const first = write(envelope(T0, 'production'));
    write(envelope(T0 - 60, 'production'));
    expect(issue(first.issueId)).toMatchObject({
      times_seen: 2,
      first_seen: (T0 - 60) * SECOND,
      last_seen: T0 * SECOND,
    });
    expect(inEnvironment(first.issueId, first.environmentId)).toEqual({
      times_seen: 2,
      first_seen: (T0 - 60) * SECOND,
      last_seen: T0 * SECOND,
    });
  });

  it('reopens a resolved issue once, as a regression', () => {
    const first = write(envelope(T0, 'production'));
    db.prepare("UPDATE issues SET status = 'resolved' WHERE id = ?").run(first.issueId);
    expect(write(envelope(T0 + 10, 'production')).isRegression).toBe(true);
    expect(issue(first.issueId)).toMatchObject({ status: 'unresolved', times_seen: 2 });
    expect(write(envelope(T0 + 20, 'production')).isRegression).toBe(false);
  });

  it('leaves an ignored issue ignored', () => {
    const first = write(envelope(T0, 'production'));
    db.prepare("UPDATE issues SET status = 'ignored' WHERE id = ?").run(first.issueId);
    expect(write(envelope(T0 + 10, 'production')).isRegression).toBe(false);
    expect(issue(first.issueId)).toMatchObject({ status: 'ignored', times_seen: 2 });
  });

  it('names the issue after its newest event, whatever order they come in', () => {
    const first = write(envelope(T0 + 10, 'production', 'Card declined'));
    expect(write(envelope(T0, 'production', 'Timed out')).issueId).toBe(first.issueId);
    const title = () =>
      (db.prepare('SELECT title FROM issues WHERE id = ?').get(first.issueId) as { title: string })
        .title;
    expect(title()).toBe('Error: Card declined');
    write(envelope(T0 + 20, 'production', 'Address missing'));
    expect(title()).toBe('Error: Address missing');
  });

  it('keeps the release figures per project and per environment (spec §6.4)', () => {
    write(envelope(T0, 'production'));
    write(envelope(T0 + 10, 'production'));
    write(envelope(T0 - 30, 'production'));
    write(envelope(T0 + 20, 'staging'));
    write(envelope(T0 + 30, 'production', 'Other failure', 'other'));
    expect(db.prepare('SELECT new_groups FROM release_projects').all()).toEqual([
      { new_groups: 2 },
    ]);
    expect(
      db
        .prepare(
          `SELECT e.name, r.new_issues_count, r.first_seen, r.last_seen
           FROM release_project_environments r JOIN environments e ON e.id = r.environment_id
           ORDER BY e.name`,
        )
        .all(),
    ).toEqual([
      {
        name: 'production',
        new_issues_count: 2,
        first_seen: (T0 - 30) * SECOND,
        last_seen: (T0 + 30) * SECOND,
      },
      {
        name: 'staging',
        new_issues_count: 1,
        first_seen: (T0 + 20) * SECOND,
        last_seen: (T0 + 20) * SECOND,
      },
    ]);
  });

  it('stores a repeated event id once, counting nothing again', () => {
    const body = envelope(T0, 'production');
    const first = write(body);
    expect(write(body)).toMatchObject({ duplicate: true, issueId: first.issueId });
    expect(issue(first.issueId)).toMatchObject({ times_seen: 1 });
  });
});
