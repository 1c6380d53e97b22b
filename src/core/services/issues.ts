import type { Db } from '../db/open.js';
import { notFound } from '../errors.js';
import { type IssueRow, getIssue, listIssueEnvironments } from '../repositories/issues.js';
import type { IssueStatus } from './issue-query.js';
import { nextTurn } from '../once-per-turn.js';

export interface Figures {
  count: number;
  firstSeen: number;
  lastSeen: number;
}

export function requireIssue(db: Db, issueId: number): IssueRow {
  const issue = getIssue(db, issueId);
  if (!issue) throw notFound(`Issue ${issueId} does not exist.`);
  return issue;
}

/** An issue's count, first and last seen within a set of environments (null: all). */
export function issueFigures(
  db: Db,
  issue: IssueRow,
  environmentIds: number[] | null,
): Figures | null {
  if (environmentIds === null) {
    return { count: issue.times_seen, firstSeen: issue.first_seen, lastSeen: issue.last_seen };
  }
  const rows = listIssueEnvironments(db, issue.id).filter((row) =>
    environmentIds.includes(row.environment_id),
  );
  if (rows.length === 0) return null;
  return {
    count: rows.reduce((sum, row) => sum + row.times_seen, 0),
    firstSeen: Math.min(...rows.map((row) => row.first_seen)),
    lastSeen: Math.max(...rows.map((row) => row.last_seen)),
  };
}

/** Resolve, unresolve or ignore, as Sentry's status update. */
export function setIssueStatus(db: Db, issueId: number, status: IssueStatus): IssueRow {
  requireIssue(db, issueId);
  db.prepare('UPDATE issues SET status = ? WHERE id = ?').run(status, issueId);
  return getIssue(db, issueId)!;
}

const DELETE_BATCH = 500;

/**
 * Deletes an issue with its events and figures. A busy issue has many events, and deleting them
 * in one statement held the event loop for seconds (3 s for 25,000), answering nothing. So its
 * hashes go first, which sends new events of its kind to a new issue, as in Sentry; then its
 * events in batches, with `pause` between them (ingest's turn); then the issue, whose figures
 * the schema cascades.
 */
export async function deleteIssue(
  db: Db,
  issueId: number,
  pause: () => Promise<void> = nextTurn,
): Promise<void> {
  const { project_id: projectId } = requireIssue(db, issueId);
  db.prepare('DELETE FROM issue_hashes WHERE issue_id = ?').run(issueId);
  const deleteSome = db.prepare(
    'DELETE FROM events WHERE id IN (SELECT id FROM events WHERE issue_id = ? LIMIT ?)',
  );
  const lessProject = db.prepare('UPDATE projects SET event_count = event_count - ? WHERE id = ?');
  const deleteBatch = db.transaction(() => {
    const { changes } = deleteSome.run(issueId, DELETE_BATCH);
    lessProject.run(changes, projectId);
    return changes;
  });
  while (deleteBatch.immediate() === DELETE_BATCH) await pause();
  // The issue's row goes with a count of whatever events are left, so that its cascade cannot
  // take any uncounted.
  const deleteRest = db.prepare('DELETE FROM events WHERE issue_id = ?');
  const deleteRow = db.prepare('DELETE FROM issues WHERE id = ?');
  db.transaction(() => {
    lessProject.run(deleteRest.run(issueId).changes, projectId);
    deleteRow.run(issueId);
  }).immediate();
}
