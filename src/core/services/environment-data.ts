import type { Db } from '../db/open.js';
import { type Doomed, createEventRemover } from '../store/retention.js';

const BATCH = 500;

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
  pause: () => Promise<void> = () => new Promise((resolve) => setImmediate(resolve)),
): Promise<number> {
  const remove = createEventRemover(db);
  const next = db.prepare(
    `SELECT id, issue_id, environment_id, timestamp FROM events
     WHERE project_id = ? AND environment_id = ? LIMIT ?`,
  );
  let deleted = 0;
  for (;;) {
    const batch = next.all(projectId, environmentId, BATCH) as Doomed[];
    if (batch.length === 0) break;
    onBatch?.(remove(batch));
    deleted += batch.length;
    await pause();
  }
  db.prepare(
    `DELETE FROM issue_users WHERE environment_id = ?
     AND issue_id IN (SELECT id FROM issues WHERE project_id = ?)`,
  ).run(environmentId, projectId);
  return deleted;
}
