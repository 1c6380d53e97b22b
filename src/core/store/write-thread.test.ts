import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { writeJobOf } from '../../../test/support/jobs.js';
import { type Db, openDatabase } from '../db/open.js';
import { ensureDefaults } from '../services/bootstrap.js';
import { createEventStore } from './event-store.js';
import { createWriteThread } from './write-thread.js';
import type { CommittedWrite, WriteJob, Writer } from './write-types.js';
import { createWriter } from './writer.js';

const job = (id: number, environment = 'staging'): WriteJob => {
  const eventId = id.toString(16).padStart(32, '0');
  return writeJobOf(
    `{"event_id":"${eventId}"}\n{"type":"event"}\n{"message":"boom","environment":"${environment}"}\n{"type":"session"}\n{"sid":"s${id}"}`,
  );
};

describe('the write thread', () => {
  let dir: string;
  let db: Db;
  let writer: Writer | undefined;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'outpost-write-thread-'));
    db = openDatabase({ file: join(dir, 'outpost.db') });
    ensureDefaults(db);
  });
  afterEach(async () => {
    await writer?.close();
    writer = undefined;
    db.close();
    rmSync(dir, { recursive: true, force: true });
    vi.restoreAllMocks();
  });
  const start = (entry?: string) =>
    createWriteThread({
      file: join(dir, 'outpost.db'),
      fallback: () => createWriter(db, createEventStore(db)),
      ...(entry ? { entry } : {}),
    });

  it('commits on its own connection before answering, and tells the commit listeners', async () => {
    writer = start();
    const heard: CommittedWrite[] = [];
    writer.onCommit((writes) => heard.push(...writes));
    const results = await Promise.all([1, 2, 3].map((id) => writer!.write(job(id))));
    expect(results.map((result) => result.event?.isNew)).toEqual([true, false, false]);
    // Answered means committed: the main connection reads it at once.
    expect(db.prepare('SELECT count(*) AS n FROM events').get()).toEqual({ n: 3 });
    expect(db.prepare('SELECT count(*) AS n FROM envelope_items').get()).toEqual({ n: 3 });
    expect(heard).toEqual(results.map((result) => ({ projectId: 1, result })));
  });

  it('forgets cached environments that another connection deleted', async () => {
    writer = start();
    await writer.write(job(1, 'staging'));
    db.exec('DELETE FROM events; DELETE FROM issue_hourly; DELETE FROM issue_users;');
    db.exec('DELETE FROM issue_environments; DELETE FROM issue_hashes; DELETE FROM issues;');
    db.exec('DELETE FROM environment_projects; DELETE FROM environments;');
    const result = await writer.write(job(2, 'staging'));
    expect(result.event?.isNewEnvironment).toBe(true);
    expect(db.prepare('SELECT name FROM environments').all()).toEqual([{ name: 'staging' }]);
  });

  it('fails one bad job alone', async () => {
    writer = start();
    const bad = { ...job(5), projectId: 999 };
    const [good, refused] = await Promise.allSettled([writer.write(job(4)), writer.write(bad)]);
    expect(good.status).toBe('fulfilled');
    expect(refused.status).toBe('rejected');
    expect(db.prepare('SELECT count(*) AS n FROM events').get()).toEqual({ n: 1 });
    // The batch was rolled back whole and written again job by job: the good one counts once.
    expect(db.prepare('SELECT event_count FROM projects WHERE id = 1').pluck().get()).toBe(1);
  });

  it('runs retention on its own connection, and says which issues each batch touched', async () => {
    writer = start();
    const results = await Promise.all([1, 2, 3, 4].map((id) => writer!.write(job(id))));
    db.prepare('UPDATE projects SET retention_events = 1').run();
    const touched: number[][] = [];
    expect(await writer.prune((issueIds) => touched.push(issueIds))).toBe(3);
    expect(touched).toEqual([[results[0]!.event!.issueId]]);
    expect(db.prepare('SELECT count(*) AS n FROM events').get()).toEqual({ n: 1 });
    expect(db.prepare('SELECT event_count FROM projects').pluck().get()).toBe(1);
  });

  it('writes what it holds when closed, and refuses writes after', async () => {
    writer = start();
    const pending = [1, 2].map((id) => writer!.write(job(id)));
    await writer.close();
    await Promise.all(pending);
    expect(db.prepare('SELECT count(*) AS n FROM events').get()).toEqual({ n: 2 });
    await expect(writer.write(job(3))).rejects.toThrow('closed');
  });

  it('writes on the event loop when the thread cannot start, losing nothing', async () => {
    const broken = join(dir, 'broken-worker.mjs');
    writeFileSync(broken, 'throw new Error("cannot start");\n');
    vi.spyOn(console, 'error').mockImplementation(() => {});
    writer = start(broken);
    const results = await Promise.all([1, 2, 3].map((id) => writer!.write(job(id))));
    expect(results.every((result) => result.event && !result.event.duplicate)).toBe(true);
    expect(db.prepare('SELECT count(*) AS n FROM events').get()).toEqual({ n: 3 });
    expect(console.error).toHaveBeenCalledOnce();
    // Retention runs on the event loop's writer as well.
    db.prepare('UPDATE projects SET retention_events = 2').run();
    expect(await writer.prune(() => {})).toBe(1);
    expect(db.prepare('SELECT event_count FROM projects').pluck().get()).toBe(2);
  });
});
