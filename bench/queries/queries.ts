import type { Core } from '../../src/core/create-core.js';
import { listOrganizationEnvironments } from '../../src/core/repositories/environments.js';
import type { CallInput, CallName, CallResult } from '../../src/shared/contract.js';
import type { IssueSort } from '../../src/shared/types.js';

/** What a row may use: the core (not listening for app calls), its Web API, and seeded ids. */
export interface QueryContext {
  core: Core;
  /** An app contract call, as the UI makes it; throws when the outcome is an error. */
  call<Name extends CallName>(name: Name, input: CallInput<Name>): Promise<CallResult<Name>>;
  /** The same call over HTTP (`POST /app/call/{name}`), as the UI in a browser makes it. */
  callOverHttp<Name extends CallName>(
    name: Name,
    input: CallInput<Name>,
  ): Promise<CallResult<Name>>;
  /** A Web API GET over HTTP with the token; throws unless it answers 2xx. */
  api(path: string): Promise<unknown>;
  /** The issue with the most events, and the environment it has most events in. */
  busyIssue: { id: number; environment: string };
}

/** One benchmark row: a name and the one thing it times. */
export interface QueryRow {
  name: string;
  run(ctx: QueryContext): unknown;
}

const ONE = ['production'];
const THREE = ['production', 'staging', 'development'];
/** The page size the UI asks for (src/renderer/src/stores/issues.ts). */
const UI_PAGE = 100;

const issues = (environments: string[], sort: IssueSort) => (ctx: QueryContext) =>
  ctx.call('listIssues', {
    projectIds: [],
    environments,
    query: 'is:unresolved',
    sort,
    limit: UI_PAGE,
  });

const envQuery = (names: string[]) => names.map((name) => `environment=${name}`).join('&');

/** The Web API's issue list: what sentry-cli and scripts call; 25 a page, as Sentry's default. */
const apiIssues = (environments: string[], sort: IssueSort) => (ctx: QueryContext) =>
  ctx.api(`/api/0/organizations/local/issues/?${envQuery(environments)}&sort=${sort}`);

/** Adding a row: one entry here. */
export const queryRows: QueryRow[] = [
  { name: 'Issues, 1 env, last seen', run: issues(ONE, 'date') },
  { name: 'Issues, 1 env, events', run: issues(ONE, 'freq') },
  { name: 'Issues, 3 envs, last seen', run: issues(THREE, 'date') },
  { name: 'Issues, 3 envs, events', run: issues(THREE, 'freq') },
  { name: 'Issues, all envs, last seen', run: issues([], 'date') },
  { name: 'Issues, all envs, events', run: issues([], 'freq') },
  {
    name: 'Environment selector options (all projects)',
    run: (ctx) => ctx.call('listEnvironmentOptions', { projectIds: [] }),
  },
  // The app has no call for the organization's lists: they are what the Web API route runs.
  {
    name: 'Org environments, visible',
    run: (ctx) => listOrganizationEnvironments(ctx.core.db, 1, 'visible'),
  },
  {
    name: 'Org environments, hidden',
    run: (ctx) => listOrganizationEnvironments(ctx.core.db, 1, 'hidden'),
  },
  {
    name: 'Project environments, visible',
    run: (ctx) => ctx.call('listProjectEnvironments', { projectId: 1, visibility: 'visible' }),
  },
  {
    name: 'Project environments, hidden',
    run: (ctx) => ctx.call('listProjectEnvironments', { projectId: 1, visibility: 'hidden' }),
  },
  {
    name: 'Busy issue page, all envs (breakdown, latest event)',
    run: (ctx) => ctx.call('getIssue', { issueId: ctx.busyIssue.id, environments: [] }),
  },
  {
    name: 'Busy issue page, 1 env',
    run: (ctx) =>
      ctx.call('getIssue', {
        issueId: ctx.busyIssue.id,
        environments: [ctx.busyIssue.environment],
      }),
  },
  {
    name: 'Busy issue events, all envs, first page',
    run: (ctx) =>
      ctx.call('listIssueEvents', { issueId: ctx.busyIssue.id, environments: [], limit: 50 }),
  },
  {
    name: 'Busy issue events, 1 env, first page',
    run: (ctx) =>
      ctx.call('listIssueEvents', {
        issueId: ctx.busyIssue.id,
        environments: [ctx.busyIssue.environment],
        limit: 50,
      }),
  },
  {
    name: 'UI over HTTP: issues, 1 env, last seen',
    run: (ctx) =>
      ctx.callOverHttp('listIssues', {
        projectIds: [],
        environments: ONE,
        query: 'is:unresolved',
        sort: 'date',
        limit: UI_PAGE,
      }),
  },
  { name: 'Web API: org issues, 1 env, last seen', run: apiIssues(ONE, 'date') },
  { name: 'Web API: org issues, 3 envs, events', run: apiIssues(THREE, 'freq') },
  {
    name: 'Web API: org environments, visible',
    run: (ctx) => ctx.api('/api/0/organizations/local/environments/?visibility=visible'),
  },
  {
    name: 'Web API: org environments, hidden',
    run: (ctx) => ctx.api('/api/0/organizations/local/environments/?visibility=hidden'),
  },
  {
    name: 'Web API: project environments, visible',
    run: (ctx) => ctx.api('/api/0/projects/local/default/environments/?visibility=visible'),
  },
  {
    name: 'Web API: project environments, hidden',
    run: (ctx) => ctx.api('/api/0/projects/local/default/environments/?visibility=hidden'),
  },
  {
    name: 'Retention settings, busiest project (events stored)',
    run: (ctx) => ctx.call('getRetention', { projectId: 1 }),
  },
  { name: 'Web API: busy issue', run: (ctx) => ctx.api(`/api/0/issues/${ctx.busyIssue.id}/`) },
  {
    name: 'Web API: busy issue events, 1 env',
    run: (ctx) =>
      ctx.api(`/api/0/issues/${ctx.busyIssue.id}/events/?${envQuery([ctx.busyIssue.environment])}`),
  },
];
