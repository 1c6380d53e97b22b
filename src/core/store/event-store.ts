import type { Db } from '../db/open.js';
import { createEnvironmentCache } from './environment-cache.js';
import { createReleaseCache } from './release-cache.js';
import type {
  EventWrite,
  EventWriteResult,
  RawItemWrite,
  WriteJob,
  WriteResult,
} from './write-types.js';

const HOUR = 3_600_000;

// The newest event names the issue, as in Sentry.
const NEWEST_NAMES = ['title', 'culprit', 'level', 'metadata']
  .map((column) => `${column} = CASE WHEN @ts >= last_seen THEN @${column} ELSE ${column} END`)
  .join(', ');

/**
 * The statements of the ingest write, prepared once. `write` stores one request's event and
 * items and updates the issue and its per-environment figures; the caller wraps it in a
 * transaction (the writer batches many into one).
 */
export function createEventStore(db: Db) {
  const environments = createEnvironmentCache(db);
  const releases = createReleaseCache(db);
  const q = {
    eventExists: db.prepare('SELECT issue_id FROM events WHERE project_id = ? AND event_id = ?'),
    findHash: db.prepare('SELECT issue_id FROM issue_hashes WHERE project_id = ? AND hash = ?'),
    addHash: db.prepare(
      'INSERT OR IGNORE INTO issue_hashes (project_id, hash, issue_id) VALUES (?, ?, ?)',
    ),
    nextShortId: db.prepare(
      'UPDATE projects SET next_short_id = next_short_id + 1 WHERE id = ? RETURNING next_short_id - 1 AS short_id',
    ),
    createIssue: db.prepare(
      `INSERT INTO issues (project_id, short_id, type, title, culprit, level, metadata,
         first_seen, last_seen, times_seen, first_release)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)`,
    ),
    issueStatus: db.prepare('SELECT status FROM issues WHERE id = ?'),
    // Counts always add up. An event no older than the issue's first and not reopening it
    // leaves first_seen and status unassigned, so that their indexes are not rewritten: the
    // common case.
    touchIssue: db.prepare(
      `UPDATE issues SET
         times_seen = times_seen + 1,
         ${NEWEST_NAMES},
         last_seen = max(last_seen, @ts)
       WHERE id = @id AND first_seen <= @ts AND status <> 'resolved'`,
    ),
    touchIssueFully: db.prepare(
      `UPDATE issues SET
         times_seen = times_seen + 1,
         first_seen = min(first_seen, @ts),
         ${NEWEST_NAMES},
         last_seen = max(last_seen, @ts),
         status = CASE WHEN status = 'resolved' THEN 'unresolved' ELSE status END
       WHERE id = @id`,
    ),
    // Likewise for the issue's row in the environment: the plain update first, the upsert for a
    // new row or an older event.
    touchIssueEnvironment: db.prepare(
      `UPDATE issue_environments SET
         times_seen = times_seen + 1,
         last_seen = max(last_seen, @ts)
       WHERE issue_id = @issueId AND environment_id = @environmentId AND first_seen <= @ts`,
    ),
    upsertIssueEnvironment: db.prepare(
      `INSERT INTO issue_environments
         (issue_id, environment_id, project_id, first_seen, last_seen, times_seen, first_release)
       VALUES (?, ?, ?, ?, ?, 1, ?)
       ON CONFLICT (issue_id, environment_id) DO UPDATE SET
         times_seen = times_seen + 1,
         first_seen = min(first_seen, excluded.first_seen),
         last_seen = max(last_seen, excluded.last_seen)
       RETURNING times_seen`,
    ),
    addUser: db.prepare(
      'INSERT OR IGNORE INTO issue_users (issue_id, environment_id, user_tag) VALUES (?, ?, ?)',
    ),
    countHour: db.prepare(
      `INSERT INTO issue_hourly (issue_id, environment_id, hour, count) VALUES (?, ?, ?, 1)
       ON CONFLICT (issue_id, environment_id, hour) DO UPDATE SET count = count + 1`,
    ),
    insertEvent: db.prepare(
      `INSERT INTO events (project_id, event_id, issue_id, environment_id, level, release,
         user_tag, title, timestamp, received, payload)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    countEvent: db.prepare('UPDATE projects SET event_count = event_count + 1 WHERE id = ?'),
    insertItem: db.prepare(
      `INSERT INTO envelope_items (project_id, type, event_id, received, headers, payload)
       VALUES (?, ?, ?, ?, ?, ?)`,
    ),
  };

  function findIssue(projectId: number, hashes: readonly string[]): number | undefined {
    for (const hash of hashes) {
      const row = q.findHash.get(projectId, hash) as { issue_id: number } | undefined;
      if (row) return row.issue_id;
    }
    return undefined;
  }

  function writeEvent(job: WriteJob, { event, grouping, payload }: EventWrite): EventWriteResult {
    const { projectId, organizationId } = job;
    const env = environments.ensure(organizationId, projectId, event.environment, event.receivedAt);
    const result: EventWriteResult = {
      eventId: event.eventId,
      issueId: 0,
      projectId,
      environmentId: env.id,
      environment: event.environment,
      duplicate: false,
      isNew: false,
      isNewGroupEnvironment: false,
      isRegression: false,
      isNewEnvironment: env.created,
    };
    // Sentry drops a repeated event id; the SDK is still told it was received.
    const existing = q.eventExists.get(projectId, event.eventId) as
      { issue_id: number } | undefined;
    if (existing) return { ...result, issueId: existing.issue_id, duplicate: true };

    const ts = event.timestamp;
    const metadata = JSON.stringify(grouping.metadata);
    let issueId = findIssue(projectId, grouping.hashes);
    if (issueId === undefined) {
      const { short_id } = q.nextShortId.get(projectId) as { short_id: number };
      issueId = Number(
        q.createIssue.run(
          projectId,
          short_id,
          grouping.type,
          grouping.title,
          grouping.culprit,
          event.level,
          metadata,
          ts,
          ts,
          event.release,
        ).lastInsertRowid,
      );
      result.isNew = true;
    } else {
      const touch = {
        id: issueId,
        ts,
        title: grouping.title,
        culprit: grouping.culprit,
        level: event.level,
        metadata,
      };
      if (q.touchIssue.run(touch).changes === 0) {
        const { status } = q.issueStatus.get(issueId) as { status: string };
        result.isRegression = status === 'resolved';
        q.touchIssueFully.run(touch);
      }
    }
    // Every hash the event carries joins its issue, so that later events match on any of them.
    for (const hash of grouping.hashes) q.addHash.run(projectId, hash, issueId);
    result.issueId = issueId;

    const touched = q.touchIssueEnvironment.run({ issueId, environmentId: env.id, ts }).changes;
    if (touched === 0) {
      const { times_seen } = q.upsertIssueEnvironment.get(
        issueId,
        env.id,
        projectId,
        ts,
        ts,
        event.release,
      ) as { times_seen: number };
      result.isNewGroupEnvironment = times_seen === 1;
    }
    if (event.userTag) q.addUser.run(issueId, env.id, event.userTag);
    q.countHour.run(issueId, env.id, Math.floor(ts / HOUR) * HOUR);
    q.insertEvent.run(
      projectId,
      event.eventId,
      issueId,
      env.id,
      event.level,
      event.release,
      event.userTag,
      grouping.title,
      ts,
      event.receivedAt,
      payload,
    );
    q.countEvent.run(projectId);
    if (event.release) {
      releases.recordEvent({
        organizationId,
        projectId,
        environmentId: env.id,
        version: event.release,
        timestamp: ts,
        isNew: result.isNew,
        isNewGroupEnvironment: result.isNewGroupEnvironment,
      });
    }
    return result;
  }

  function writeItem(projectId: number, item: RawItemWrite, now: number) {
    q.insertItem.run(projectId, item.type, item.eventId, now, item.headers, item.payload);
  }

  return {
    write(job: WriteJob, now: number): WriteResult {
      const result: WriteResult = {};
      if (job.event) result.event = writeEvent(job, job.event);
      for (const item of job.items) writeItem(job.projectId, item, now);
      return result;
    },
    /** Forget cached rows: after a rollback, or after data was cleared. */
    clearCaches() {
      environments.clear();
      releases.clear();
    },
  };
}

export type EventStore = ReturnType<typeof createEventStore>;
