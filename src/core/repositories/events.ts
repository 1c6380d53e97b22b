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

/** An issue's events, newest first, within a set of environments (null: all). */
export function listIssueEvents(
  db: Db,
  issueId: number,
  environmentIds: number[] | null,
  offset: number,
  limit: number,
): EventRow[] {
  const envClause = environmentIds ? `AND ev.environment_id IN (${marks(environmentIds)})` : '';
  return db
    .prepare(
      `${SELECT} WHERE ev.issue_id = ? ${envClause}
       ORDER BY ev.timestamp DESC, ev.id DESC LIMIT ? OFFSET ?`,
    )
    .all(issueId, ...(environmentIds ?? []), limit, offset) as EventRow[];
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
