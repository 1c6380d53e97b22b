import type { Db } from '../db/open.js';
import { nextTurn } from '../once-per-turn.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;

export interface PruneOptions {
  /** Events deleted in one transaction: small, so that ingest commits in between. */
  batchSize?: number;
  now?: () => number;
  /** Awaited between batches: ingest's writer takes its turn (Writer.turn). */
  pause?: () => Promise<void>;
}

interface ProjectLimits {
  id: number;
  retention_days: number;
  retention_events: number;
  event_count: number;
}

export interface Doomed {
  id: number;
  issue_id: number;
  environment_id: number;
  timestamp: number;
}

const add = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);

/**
 * Deletes events and takes them out of the figures kept on write (counts per issue,
 * environment and hour); an issue left without events goes too. Distinct users are a set that
 * cannot be taken apart: they stay. Retention and deleting an environment's data both use it.
 */
export function createEventRemover(db: Db) {
  const q = {
    deleteEvent: db.prepare('DELETE FROM events WHERE id = ? RETURNING project_id').pluck(),
    lessProject: db.prepare('UPDATE projects SET event_count = event_count - ? WHERE id = ?'),
    lessIssueEnvironment: db.prepare(
      'UPDATE issue_environments SET times_seen = times_seen - ? WHERE issue_id = ? AND environment_id = ?',
    ),
    dropIssueEnvironment: db.prepare(
      'DELETE FROM issue_environments WHERE issue_id = ? AND environment_id = ? AND times_seen <= 0',
    ),
    lessHour: db.prepare(
      'UPDATE issue_hourly SET count = count - ? WHERE issue_id = ? AND environment_id = ? AND hour = ?',
    ),
    dropHour: db.prepare(
      'DELETE FROM issue_hourly WHERE issue_id = ? AND environment_id = ? AND hour = ? AND count <= 0',
    ),
    lessIssue: db.prepare('UPDATE issues SET times_seen = times_seen - ? WHERE id = ?'),
    dropIssue: db.prepare('DELETE FROM issues WHERE id = ? AND times_seen <= 0'),
  };

  /** Returns the issues touched. */
  const removeAll = db.transaction((events: Doomed[]) => {
    const perIssue = new Map<string, number>();
    const perEnvironment = new Map<string, number>();
    const perHour = new Map<string, number>();
    const perProject = new Map<string, number>();
    for (const event of events) {
      const projectId = q.deleteEvent.get(event.id) as number | undefined;
      // Already gone (deleted by another connection since it was chosen): nothing to take away.
      if (projectId === undefined) continue;
      add(perProject, String(projectId));
      add(perIssue, String(event.issue_id));
      add(perEnvironment, `${event.issue_id}:${event.environment_id}`);
      add(
        perHour,
        `${event.issue_id}:${event.environment_id}:${Math.floor(event.timestamp / HOUR) * HOUR}`,
      );
    }
    for (const [key, count] of perHour) {
      const [issue, environment, hour] = key.split(':').map(Number);
      q.lessHour.run(count, issue, environment, hour);
      q.dropHour.run(issue, environment, hour);
    }
    for (const [key, count] of perEnvironment) {
      const [issue, environment] = key.split(':').map(Number);
      q.lessIssueEnvironment.run(count, issue, environment);
      q.dropIssueEnvironment.run(issue, environment);
    }
    for (const [project, count] of perProject) q.lessProject.run(count, Number(project));
    for (const [issue, count] of perIssue) {
      q.lessIssue.run(count, Number(issue));
      q.dropIssue.run(Number(issue));
    }
    return [...perIssue.keys()].map(Number);
  });
  // Immediate: the write lock is taken (waiting for the ingest thread's commit if need be)
  // before anything is read, so a commit in between can never fail it.
  return (events: Doomed[]) => removeAll.immediate(events);
}

/** Returns a check: does any project hold more events than its count limit allows? */
export function createCountCheck(db: Db): () => boolean {
  const overCount = db
    .prepare('SELECT EXISTS (SELECT 1 FROM projects WHERE event_count > retention_events)')
    .pluck();
  return () => overCount.get() === 1;
}

/**
 * Retention, the only deletion that happens by itself: per project, events received longer ago
 * than its days, and the oldest past its count, in small batches through the event remover.
 */
export function createPruner(
  db: Db,
  { batchSize = 500, now = Date.now, pause = nextTurn }: PruneOptions = {},
) {
  const q = {
    projects: db.prepare('SELECT id FROM projects').pluck(),
    project: db.prepare(
      'SELECT id, retention_days, retention_events, event_count FROM projects WHERE id = ?',
    ),
    older: db.prepare(
      `SELECT id, issue_id, environment_id, timestamp FROM events
       WHERE project_id = ? AND received < ? ORDER BY received LIMIT ?`,
    ),
    // The newest event past the count limit: it and everything older go.
    countEdge: db.prepare(
      `SELECT received, id FROM events WHERE project_id = ?
       ORDER BY received DESC, id DESC LIMIT 1 OFFSET ?`,
    ),
    pastEdge: db.prepare(
      `SELECT id, issue_id, environment_id, timestamp FROM events
       WHERE project_id = ? AND (received < ? OR (received = ? AND id <= ?))
       ORDER BY received LIMIT ?`,
    ),
  };
  const remove = createEventRemover(db);

  /** One batch of what retention asks of a project; an empty list when it is within its limits. */
  function batchFor(project: ProjectLimits): Doomed[] {
    const byAge = q.older.all(
      project.id,
      now() - project.retention_days * DAY,
      batchSize,
    ) as Doomed[];
    if (byAge.length > 0) return byAge;
    // Finding the count edge walks the newest `retention_events` entries of an index, a long
    // stall at a million events: only a project past its count takes it.
    if (project.event_count <= project.retention_events) return [];
    const edge = q.countEdge.get(project.id, project.retention_events) as
      { received: number; id: number } | undefined;
    if (!edge) return [];
    return q.pastEdge.all(project.id, edge.received, edge.received, edge.id, batchSize) as Doomed[];
  }

  return {
    /**
     * Prunes every project to its limits, one batch at a time, letting ingest commit between
     * batches. Resolves with the events deleted.
     */
    async pruneAll(onBatch?: (issueIds: number[]) => void): Promise<number> {
      let deleted = 0;
      for (const projectId of q.projects.all() as number[]) {
        for (;;) {
          // Read again each batch: ingest and the user change the count and the limits meanwhile.
          const project = q.project.get(projectId) as ProjectLimits | undefined;
          const batch = project ? batchFor(project) : [];
          if (batch.length === 0) break;
          const issues = remove(batch);
          deleted += batch.length;
          onBatch?.(issues);
          await pause();
        }
      }
      return deleted;
    },
  };
}

export type Pruner = ReturnType<typeof createPruner>;
