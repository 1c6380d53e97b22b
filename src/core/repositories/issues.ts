import type { Db } from '../db/open.js';
import { cached } from '../db/statements.js';
import type { IssueSearch } from '../services/issue-query.js';

export interface IssueRow {
  id: number;
  project_id: number;
  short_id: number;
  type: string;
  title: string;
  culprit: string;
  level: string;
  metadata: string;
  status: string;
  first_seen: number;
  last_seen: number;
  times_seen: number;
  first_release: string | null;
}

export type IssueSort = 'date' | 'new' | 'freq';

export interface IssueListFilter {
  projectIds: number[];
  /** null: every environment, including none. */
  environmentIds: number[] | null;
  search: IssueSearch;
  /** Only issues seen since then, with counts within the window. */
  since: number | null;
  sort: IssueSort;
  offset: number;
  limit: number;
}

/** An issue's figures within the selected environments (and window). */
export interface IssueListRow {
  id: number;
  count: number;
  first_seen: number;
  last_seen: number;
}

const HOUR = 3_600_000;
const ORDER: Record<IssueSort, string> = {
  date: 'last_seen DESC, id DESC',
  new: 'first_seen DESC, id DESC',
  freq: 'count DESC, id DESC',
};

const marks = (values: readonly unknown[]) => values.map(() => '?').join(',');

function issueConditions(filter: IssueListFilter, params: unknown[]): string[] {
  const where = [`i.project_id IN (${marks(filter.projectIds)})`];
  params.push(...filter.projectIds);
  const { search } = filter;
  if (search.status) {
    where.push('i.status = ?');
    params.push(search.status);
  }
  if (search.levels.length) {
    where.push(`i.level IN (${marks(search.levels)})`);
    params.push(...search.levels);
  }
  // As in Sentry, the release must be on an event the list selects: in its environments and window.
  const eventEnv = filter.environmentIds
    ? `AND e.environment_id IN (${marks(filter.environmentIds)})`
    : '';
  const eventSince = filter.since !== null ? 'AND e.timestamp >= ?' : '';
  for (const release of search.releases) {
    where.push(
      `EXISTS (SELECT 1 FROM events e WHERE e.issue_id = i.id AND e.release = ? ${eventEnv} ${eventSince})`,
    );
    params.push(release, ...(filter.environmentIds ?? []));
    if (filter.since !== null) params.push(filter.since);
  }
  for (const word of search.text) {
    where.push(`(i.title LIKE ? ESCAPE '\\' OR i.culprit LIKE ? ESCAPE '\\')`);
    const pattern = `%${word.replace(/[\\%_]/g, '\\$&')}%`;
    params.push(pattern, pattern);
  }
  return where;
}

const COLUMN: Record<IssueSort, string> = {
  date: 'last_seen',
  new: 'first_seen',
  freq: 'times_seen',
};

/** One environment: an issue's figures are its row there, read in the order of an index. */
function listInEnvironment(db: Db, filter: IssueListFilter, environmentId: number) {
  const params: unknown[] = [environmentId];
  const where = issueConditions(filter, params);
  const column = COLUMN[filter.sort];
  return db
    .prepare(
      `SELECT i.id, ie.times_seen AS count, ie.first_seen, ie.last_seen
       FROM issue_environments ie JOIN issues i ON i.id = ie.issue_id
       WHERE ie.environment_id = ? AND ${where.join(' AND ')}
       ORDER BY ie.${column} DESC, ie.issue_id DESC LIMIT ? OFFSET ?`,
    )
    .all(...params, filter.limit + 1, filter.offset) as IssueListRow[];
}

/**
 * Several environments: the figures add up across them, so no one index holds the order.
 * Fagin's threshold algorithm: the first `depth` issues of each environment's index are the
 * candidates, whose figures are added up exactly; an issue outside every such list has, in each
 * environment, at most that list's last value, which bounds its sum (or max, or min). Once the
 * page's last candidate beats that bound the page is exact; else the lists grow.
 */
function listAcrossEnvironments(db: Db, filter: IssueListFilter, environmentIds: number[]) {
  const wanted = filter.offset + filter.limit + 1;
  const column = COLUMN[filter.sort];
  const figures = db.prepare(
    `SELECT ie.issue_id AS id, SUM(ie.times_seen) AS count, MIN(ie.first_seen) AS first_seen,
            MAX(ie.last_seen) AS last_seen
     FROM issue_environments ie
     WHERE ie.issue_id IN (SELECT value FROM json_each(?))
       AND ie.environment_id IN (${marks(environmentIds)})
     GROUP BY ie.issue_id ORDER BY ${ORDER[filter.sort]} LIMIT ?`,
  );
  const key = (row: IssueListRow) =>
    filter.sort === 'freq' ? row.count : filter.sort === 'new' ? row.first_seen : row.last_seen;
  for (let depth = wanted; ; depth *= 4) {
    const candidates = new Set<number>();
    const edges: number[] = [];
    for (const environmentId of environmentIds) {
      const params: unknown[] = [environmentId];
      const where = issueConditions(filter, params);
      const rows = db
        .prepare(
          `SELECT ie.issue_id AS id, ie.${column} AS value
           FROM issue_environments ie JOIN issues i ON i.id = ie.issue_id
           WHERE ie.environment_id = ? AND ${where.join(' AND ')}
           ORDER BY ie.${column} DESC, ie.issue_id DESC LIMIT ?`,
        )
        .all(...params, depth) as { id: number; value: number }[];
      for (const row of rows) candidates.add(row.id);
      if (rows.length === depth) edges.push(rows.at(-1)!.value);
    }
    const rows = figures.all(
      JSON.stringify([...candidates]),
      ...environmentIds,
      wanted,
    ) as IssueListRow[];
    const bound =
      filter.sort === 'freq'
        ? edges.reduce((sum, edge) => sum + edge, 0)
        : Math.max(-Infinity, ...edges);
    // Every list ran out (edges empty), or the last row wanted outranks any issue not seen.
    if (edges.length === 0 || (rows.length === wanted && key(rows.at(-1)!) > bound)) {
      return rows.slice(filter.offset);
    }
  }
}

/**
 * One page of issues (plus one row, to tell whether there is more), with count, first and last
 * seen added up over the selected environments from the figures kept on write.
 */
export function listIssues(db: Db, filter: IssueListFilter): IssueListRow[] {
  if (filter.projectIds.length === 0) return [];
  if (filter.since === null && filter.environmentIds?.length === 1) {
    return listInEnvironment(db, filter, filter.environmentIds[0]!);
  }
  if (filter.since === null && filter.environmentIds && filter.environmentIds.length > 1) {
    return listAcrossEnvironments(db, filter, filter.environmentIds);
  }
  const params: unknown[] = [];
  const where = issueConditions(filter, params);
  let sql: string;
  if (filter.environmentIds === null && filter.since === null) {
    sql = `SELECT i.id, i.times_seen AS count, i.first_seen, i.last_seen FROM issues i
           WHERE ${where.join(' AND ')}`;
  } else {
    const envClause = filter.environmentIds
      ? `AND ie.environment_id IN (${marks(filter.environmentIds)})`
      : '';
    const envParams = filter.environmentIds ?? [];
    let countExpr = 'SUM(ie.times_seen)';
    const countParams: unknown[] = [];
    if (filter.since !== null) {
      // The hourly figures cover the whole hours inside the window; the events of the hour the
      // window starts in are counted one by one, else a 1h window could count 2h of events.
      const fullHours = Math.ceil(filter.since / HOUR) * HOUR;
      const hourEnv = filter.environmentIds
        ? `AND h.environment_id IN (${marks(filter.environmentIds)})`
        : '';
      // Naming the environments, all of the issue's when unfiltered, lets the range use the index.
      const eventEnv = filter.environmentIds
        ? `AND ev.environment_id IN (${marks(filter.environmentIds)})`
        : 'AND ev.environment_id IN (SELECT environment_id FROM issue_environments WHERE issue_id = i.id)';
      countExpr = `(SELECT COALESCE(SUM(h.count), 0) FROM issue_hourly h
                    WHERE h.issue_id = i.id AND h.hour >= ? ${hourEnv})
                 + (SELECT COUNT(*) FROM events ev
                    WHERE ev.issue_id = i.id AND ev.timestamp >= ? AND ev.timestamp < ? ${eventEnv})`;
      countParams.push(fullHours, ...envParams, filter.since, fullHours, ...envParams);
    }
    const having = filter.since !== null ? 'HAVING MAX(ie.last_seen) >= ?' : '';
    sql = `SELECT i.id, ${countExpr} AS count, MIN(ie.first_seen) AS first_seen,
                  MAX(ie.last_seen) AS last_seen
           FROM issue_environments ie JOIN issues i ON i.id = ie.issue_id
           WHERE ${where.join(' AND ')} ${envClause}
           GROUP BY i.id ${having}`;
    params.unshift(...countParams);
    params.push(...envParams);
    if (filter.since !== null) params.push(filter.since);
  }
  sql += ` ORDER BY ${ORDER[filter.sort]} LIMIT ? OFFSET ?`;
  params.push(filter.limit + 1, filter.offset);
  return db.prepare(sql).all(...params) as IssueListRow[];
}

export function getIssue(db: Db, id: number): IssueRow | undefined {
  return cached(db, 'SELECT * FROM issues WHERE id = ?').get(id) as IssueRow | undefined;
}

/** Distinct users of an issue over a set of environments (null: all). */
export function countIssueUsers(db: Db, issueId: number, environmentIds: number[] | null): number {
  const envClause = environmentIds ? `AND environment_id IN (${marks(environmentIds)})` : '';
  const row = cached(
    db,
    `SELECT COUNT(DISTINCT user_tag) AS users FROM issue_users WHERE issue_id = ? ${envClause}`,
  ).get(issueId, ...(environmentIds ?? [])) as { users: number };
  return row.users;
}

/** Hourly event counts of an issue from `from` on, over a set of environments (null: all). */
export function issueHourlyCounts(
  db: Db,
  issueId: number,
  environmentIds: number[] | null,
  from: number,
): Map<number, number> {
  // Naming the issue's environments when unfiltered keeps to the hour range of each.
  const envClause = environmentIds
    ? `AND environment_id IN (${marks(environmentIds)})`
    : 'AND environment_id IN (SELECT environment_id FROM issue_environments WHERE issue_id = ?)';
  const rows = cached(
    db,
    `SELECT hour, SUM(count) AS count FROM issue_hourly
     WHERE issue_id = ? AND hour >= ? ${envClause} GROUP BY hour`,
  ).all(issueId, from, ...(environmentIds ?? [issueId])) as { hour: number; count: number }[];
  return new Map(rows.map((row) => [row.hour, row.count]));
}

export interface IssueEnvironmentRow {
  environment_id: number;
  name: string;
  first_seen: number;
  last_seen: number;
  times_seen: number;
  first_release: string | null;
}

/** The issue's figures for each environment it was seen in. */
export function listIssueEnvironments(db: Db, issueId: number): IssueEnvironmentRow[] {
  return db
    .prepare(
      `SELECT ie.environment_id, e.name, ie.first_seen, ie.last_seen, ie.times_seen, ie.first_release
       FROM issue_environments ie JOIN environments e ON e.id = ie.environment_id
       WHERE ie.issue_id = ? ORDER BY ie.times_seen DESC, e.name`,
    )
    .all(issueId) as IssueEnvironmentRow[];
}

/** The last 24 hours of an issue, one `[hour start, count]` pair an hour, oldest first. */
export function lastDayCounts(
  db: Db,
  issueId: number,
  environmentIds: number[] | null,
  now: number,
): [number, number][] {
  const end = Math.floor(now / HOUR) * HOUR;
  const start = end - 23 * HOUR;
  const counts = issueHourlyCounts(db, issueId, environmentIds, start);
  return Array.from({ length: 24 }, (_, index) => {
    const hour = start + index * HOUR;
    return [hour, counts.get(hour) ?? 0];
  });
}
