import type { Db } from '../db/open.js';
import { type Doomed, createEventRemover } from '../store/retention.js';
import { nextTurn } from '../once-per-turn.js';

const BATCH = 500;
const PASSES = 3;

/**
 * Deletes a project's events in one environment, in small batches that let ingest commit in
 * between, with the figures they made up. The environment itself stays, as in Sentry: it can
 * be hidden, never deleted.
 */
export async function deleteEnvironmentData(
  db: Db,
  projectId: number,
  environmentId: number,
  onBatch?: (issueIds: number[]) => void,
  /** Awaited between batches: ingest's writer takes its turn (Writer.turn). */
  pause: () => Promise<void> = nextTurn,
): Promise<number> {
  const remove = createEventRemover(db);
  // The events are found through the issues seen in the environment, along the index on
  // (issue, environment, time). Asking for the environment's events directly scanned the table
  // from its start for every batch, past all that went before: 80,000 events of a million took
  // a minute.
  const issues = db
    .prepare(
      `SELECT ie.issue_id FROM issue_environments ie JOIN issues i ON i.id = ie.issue_id
       WHERE ie.environment_id = ? AND i.project_id = ?`,
    )
    .pluck();
  const eventsOf = db.prepare(
    `SELECT id, issue_id, environment_id, timestamp FROM events
     WHERE issue_id = ? AND environment_id = ? LIMIT ?`,
  );
  let deleted = 0;
  let batch: Doomed[] = [];
  const removeBatch = async () => {
    // Not inside `onBatch?.(…)`: without a listener, that would skip the removal itself.
    const touched = remove(batch);
    onBatch?.(touched);
    deleted += batch.length;
    batch = [];
    await pause();
  };
  // An issue's row in the environment goes with its last event there. Another pass takes what
  // ingest added meanwhile; what arrives during the last is kept, as if sent after the call.
  for (let pass = 0; pass < PASSES; pass++) {
    const before = deleted;
    for (const issueId of issues.all(environmentId, projectId) as number[]) {
      for (;;) {
        const wanted = BATCH - batch.length;
        const rows = eventsOf.all(issueId, environmentId, wanted) as Doomed[];
        batch.push(...rows);
        if (rows.length < wanted) break;
        await removeBatch();
      }
    }
    if (batch.length > 0) await removeBatch();
    if (deleted === before) break;
  }
  db.prepare(
    `DELETE FROM issue_users WHERE environment_id = ?
     AND issue_id IN (SELECT id FROM issues WHERE project_id = ?)`,
  ).run(environmentId, projectId);
  return deleted;
}
