import type { Db } from '../db/open.js';
import { notFound } from '../errors.js';
import {
  type EventRow,
  eventData,
  getEvent,
  latestIssueEvent,
  listIssueEvents,
} from '../repositories/events.js';
import {
  type IssueRow,
  countIssueUsers,
  getIssue,
  lastDayCounts,
  listIssueEnvironments,
  listIssues,
} from '../repositories/issues.js';
import { type ProjectRow, getProjectById, listProjects } from '../repositories/projects.js';
import { listOrganizations } from '../repositories/organizations.js';
import { parseIssueQuery } from '../services/issue-query.js';
import { formatShortId } from '../services/short-id.js';
import {
  type Figures,
  deleteIssue,
  issueFigures,
  requireIssue,
  setIssueStatus,
} from '../services/issues.js';
import type { EventDetail, EventSummary, IssueSummary, Level } from '../../shared/types.js';
import type { AppContext } from './context.js';
import type { Handlers } from './handlers.js';

/** Names → environment ids within the organizations of the given projects; '' is "(No Environment)". */
function resolveEnvironments(db: Db, projects: ProjectRow[], names: string[]): number[] | null {
  if (names.length === 0) return null;
  const orgIds = [...new Set(projects.map((project) => project.organization_id))];
  const find = db.prepare(
    `SELECT id FROM environments WHERE name = ? AND organization_id IN (${orgIds.map(() => '?').join(',')})`,
  );
  const ids: number[] = [];
  for (const name of new Set(names)) {
    const rows = find.all(name, ...orgIds) as { id: number }[];
    if (rows.length === 0) {
      throw notFound(
        name === ''
          ? 'No event without an environment exists yet.'
          : `Environment "${name}" does not exist.`,
      );
    }
    ids.push(...rows.map((row) => row.id));
  }
  return ids;
}

function eventSummary(row: EventRow): EventSummary {
  return {
    eventId: row.event_id,
    issueId: row.issue_id,
    projectId: row.project_id,
    environment: row.environment,
    release: row.release,
    level: row.level as Level,
    title: row.title,
    timestamp: row.timestamp,
    received: row.received,
  };
}

const eventDetail = (row: EventRow): EventDetail => ({
  ...eventSummary(row),
  payload: eventData(row),
});

export function issueHandlers(
  ctx: AppContext,
): Pick<
  Handlers,
  'listIssues' | 'getIssue' | 'listIssueEvents' | 'getEvent' | 'updateIssue' | 'deleteIssue'
> {
  const { db } = ctx;
  const projectOf = (id: number) => getProjectById(db, id)!;

  function summary(
    issue: IssueRow,
    figures: Figures,
    environmentIds: number[] | null,
  ): IssueSummary {
    const project = projectOf(issue.project_id);
    return {
      id: issue.id,
      projectId: project.id,
      projectSlug: project.slug,
      shortId: formatShortId(project.slug, issue.short_id),
      title: issue.title,
      culprit: issue.culprit,
      level: issue.level as Level,
      status: issue.status as IssueSummary['status'],
      type: issue.type as IssueSummary['type'],
      count: figures.count,
      userCount: countIssueUsers(db, issue.id, environmentIds),
      firstSeen: figures.firstSeen,
      lastSeen: figures.lastSeen,
      sparkline: lastDayCounts(db, issue.id, environmentIds, ctx.now()).map(([, count]) => count),
    };
  }

  function selectedProjects(projectIds: number[]): ProjectRow[] {
    if (projectIds.length === 0)
      return listOrganizations(db).flatMap((org) => listProjects(db, org.id));
    return projectIds.map((id) => {
      const project = getProjectById(db, id);
      if (!project) throw notFound(`Project ${id} does not exist.`);
      return project;
    });
  }

  function issueEnvironments(issue: IssueRow, names: string[]) {
    return resolveEnvironments(db, [projectOf(issue.project_id)], names);
  }

  return {
    listIssues: ({ projectIds, environments, query, sort, cursor = 0, limit = 50 }) => {
      const projects = selectedProjects(projectIds);
      const environmentIds = resolveEnvironments(db, projects, environments);
      const rows = listIssues(db, {
        projectIds: projects.map((project) => project.id),
        environmentIds,
        search: parseIssueQuery(query.trim() === '' ? 'is:unresolved' : query),
        since: null,
        sort,
        offset: cursor,
        limit,
      });
      const issues = rows
        .slice(0, limit)
        .map((row) =>
          summary(
            getIssue(db, row.id)!,
            { count: row.count, firstSeen: row.first_seen, lastSeen: row.last_seen },
            environmentIds,
          ),
        );
      return { issues, nextCursor: rows.length > limit ? cursor + limit : null };
    },
    getIssue: ({ issueId, environments }) => {
      const issue = requireIssue(db, issueId);
      const environmentIds = issueEnvironments(issue, environments);
      const figures = issueFigures(db, issue, environmentIds) ?? {
        count: 0,
        firstSeen: 0,
        lastSeen: 0,
      };
      const latest = latestIssueEvent(db, issue.id, environmentIds);
      return {
        ...summary(issue, figures, environmentIds),
        metadata: JSON.parse(issue.metadata) as Record<string, unknown>,
        firstRelease: issue.first_release,
        lifetime: {
          count: issue.times_seen,
          userCount: countIssueUsers(db, issue.id, null),
          firstSeen: issue.first_seen,
          lastSeen: issue.last_seen,
        },
        environments: listIssueEnvironments(db, issue.id).map((row) => ({
          environment: row.name,
          count: row.times_seen,
          userCount: countIssueUsers(db, issue.id, [row.environment_id]),
          firstSeen: row.first_seen,
          lastSeen: row.last_seen,
          firstRelease: row.first_release,
        })),
        latestEvent: latest ? eventDetail(latest) : null,
      };
    },
    listIssueEvents: ({ issueId, environments, cursor = 0, limit = 50 }) => {
      const issue = requireIssue(db, issueId);
      const rows = listIssueEvents(
        db,
        issue.id,
        issueEnvironments(issue, environments),
        cursor,
        limit + 1,
      );
      return {
        events: rows.slice(0, limit).map(eventSummary),
        nextCursor: rows.length > limit ? cursor + limit : null,
      };
    },
    getEvent: ({ projectId, eventId }) => {
      const row = getEvent(db, projectId, eventId);
      if (!row) throw notFound(`Event ${eventId} does not exist in project ${projectId}.`);
      return eventDetail(row);
    },
    updateIssue: ({ issueId, status }) => {
      const issue = setIssueStatus(db, issueId, status);
      ctx.emit({ type: 'issues-changed', issueIds: [issueId] });
      const figures = issueFigures(db, issue, null)!;
      return summary(issue, figures, null);
    },
    deleteIssue: async ({ issueId }) => {
      await deleteIssue(db, issueId, ctx.yieldToIngest);
      ctx.emit({ type: 'issues-changed', issueIds: [issueId] });
      return { deleted: true };
    },
  };
}
