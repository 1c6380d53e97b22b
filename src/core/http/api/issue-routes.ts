import { StatusError, fieldErrors, notFound } from '../../errors.js';
import { deleteIssue, setIssueStatus } from '../../services/issues.js';
import { resolveEnvironmentNames } from '../../repositories/environments.js';
import { getEvent, listIssueEvents } from '../../repositories/events.js';
import {
  type IssueSort,
  getIssue,
  listIssueEnvironments,
  listIssues,
} from '../../repositories/issues.js';
import { type ProjectRow, getProjectById, listProjects } from '../../repositories/projects.js';
import { parseIssueQuery } from '../../services/issue-query.js';
import { type ApiContext, requireOrganization, requireProject } from './context.js';
import { serializeEvent, serializeEventSummary, serializeIssue } from './issue-serializers.js';
import { linkHeader, readPage } from './paginate.js';
import { parseProjectIds, parseStatsPeriod } from './query.js';
import type { ApiRequest, Router } from './router.js';

const SORTS: IssueSort[] = ['date', 'new', 'freq'];

export function addIssueRoutes(router: Router, ctx: ApiContext) {
  const { db } = ctx;

  /** Spec §2: repeated `environment=`; none means all; any unknown name → 404. */
  function environmentFilter(organizationId: number, query: URLSearchParams): number[] | null {
    const names = query.getAll('environment');
    if (names.length === 0) return null;
    const { ids, missing } = resolveEnvironmentNames(db, organizationId, names);
    if (missing !== undefined) throw notFound(`Environment "${missing}" does not exist.`);
    return ids;
  }

  function issueList(request: ApiRequest, organizationId: number, projects: ProjectRow[]) {
    const { query } = request;
    const sort = (query.get('sort') ?? 'date') as IssueSort;
    if (!SORTS.includes(sort)) {
      throw new StatusError(400, `Invalid sort: ${sort}. Use one of: date, new, freq.`);
    }
    const environmentIds = environmentFilter(organizationId, query);
    const period = parseStatsPeriod(query);
    const now = ctx.now();
    const page = readPage(request, 25);
    const rows = listIssues(db, {
      projectIds: projects.map((project) => project.id),
      environmentIds,
      search: parseIssueQuery(query.get('query')),
      since: period === null ? null : now - period,
      sort,
      offset: page.offset,
      limit: page.limit,
    });
    const byId = new Map(projects.map((project) => [project.id, project]));
    const body = rows.slice(0, page.limit).map((row) => {
      const issue = getIssue(db, row.id)!;
      const figures = { count: row.count, firstSeen: row.first_seen, lastSeen: row.last_seen };
      return serializeIssue(db, issue, byId.get(issue.project_id)!, figures, environmentIds, now);
    });
    return { body, headers: { Link: linkHeader(request, page, rows.length > page.limit) } };
  }

  router.add('GET', '/api/0/projects/:org/:project/issues/', (request) => {
    const org = requireOrganization(db, request.params.org!);
    return issueList(request, org.id, [requireProject(db, org, request.params.project!)]);
  });

  router.add('GET', '/api/0/organizations/:org/issues/', (request) => {
    const org = requireOrganization(db, request.params.org!);
    const all = listProjects(db, org.id);
    const ids = parseProjectIds(request.query);
    const unknown = ids.find((id) => !all.some((project) => project.id === id));
    if (unknown !== undefined)
      throw new StatusError(403, `You do not have access to project ${unknown}.`);
    const projects = ids.length ? all.filter((project) => ids.includes(project.id)) : all;
    return issueList(request, org.id, projects);
  });

  /** Under `/organizations/{org}/`, an issue of another organization does not exist. */
  function requireIssue(id: string, organizationSlug?: string) {
    const issue = /^\d+$/.test(id) ? getIssue(db, Number(id)) : undefined;
    if (!issue) throw notFound();
    const project = getProjectById(db, issue.project_id)!;
    if (
      organizationSlug !== undefined &&
      requireOrganization(db, organizationSlug).id !== project.organization_id
    ) {
      throw notFound();
    }
    return { issue, project };
  }

  const issueDetail = ({ params, query }: ApiRequest) => {
    const { issue, project } = requireIssue(params.id!, params.org);
    const environmentIds = environmentFilter(project.organization_id, query);
    let figures = {
      count: issue.times_seen,
      firstSeen: issue.first_seen,
      lastSeen: issue.last_seen,
    };
    if (environmentIds) {
      const rows = listIssueEnvironments(db, issue.id).filter((row) =>
        environmentIds.includes(row.environment_id),
      );
      if (rows.length === 0)
        throw notFound('The issue has no events in the selected environments.');
      figures = {
        count: rows.reduce((sum, row) => sum + row.times_seen, 0),
        firstSeen: Math.min(...rows.map((row) => row.first_seen)),
        lastSeen: Math.max(...rows.map((row) => row.last_seen)),
      };
    }
    return { body: serializeIssue(db, issue, project, figures, environmentIds, ctx.now()) };
  };
  router.add('GET', '/api/0/issues/:id/', issueDetail);

  // Sentry's status update: resolve, unresolve or ignore; answers with what changed.
  router.add('PUT', '/api/0/issues/:id/', async ({ params, json }) => {
    const { issue } = requireIssue(params.id!);
    const body = (await json()) as { status?: unknown } | null;
    const status = body && typeof body === 'object' ? body.status : undefined;
    if (status !== 'resolved' && status !== 'unresolved' && status !== 'ignored') {
      throw fieldErrors({ status: ['Give one of: resolved, unresolved, ignored.'] });
    }
    setIssueStatus(db, issue.id, status);
    ctx.emit({ type: 'issues-changed', issueIds: [issue.id] });
    return { body: { status, statusDetails: {} } };
  });

  router.add('DELETE', '/api/0/issues/:id/', async ({ params }) => {
    const { issue } = requireIssue(params.id!);
    await deleteIssue(db, issue.id, ctx.yieldToIngest);
    ctx.emit({ type: 'issues-changed', issueIds: [issue.id] });
    return { status: 202, body: null };
  });
  router.add('GET', '/api/0/organizations/:org/issues/:id/', issueDetail);

  router.add('GET', '/api/0/issues/:id/events/', (request) => {
    const { issue, project } = requireIssue(request.params.id!);
    const environmentIds = environmentFilter(project.organization_id, request.query);
    const page = readPage(request);
    const rows = listIssueEvents(db, issue.id, environmentIds, page.offset, page.limit + 1);
    return {
      body: rows.slice(0, page.limit).map((row) => serializeEventSummary(row)),
      headers: { Link: linkHeader(request, page, rows.length > page.limit) },
    };
  });

  router.add('GET', '/api/0/projects/:org/:project/events/:eventId/', ({ params }) => {
    const project = requireProject(db, requireOrganization(db, params.org!), params.project!);
    const event = getEvent(db, project.id, params.eventId!.replace(/-/g, '').toLowerCase());
    if (!event) throw notFound('Event not found');
    return { body: serializeEvent(event) };
  });
}
