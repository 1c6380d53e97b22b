import { z } from 'zod';
import type {
  AppEvent,
  ConnectionInfo,
  EnvironmentOptions,
  EventDetail,
  EventPage,
  IssueDetail,
  IssuePage,
  IssueSummary,
  OrganizationSummary,
  ProjectEnvironment,
  ProjectSummary,
  RetentionSettings,
  ServerSettings,
} from './types.js';

/**
 * Every call the user interface can make, declared once: its name, the schema its input must
 * pass, and the type of its result. The IPC channels, the preload's `window.outpost`, the main
 * process handlers and the HTTP transport are all derived from this object.
 */
interface Call<Input extends z.ZodType, Result> {
  input: Input;
  /** Never set: carries the result type. */
  result?: Result;
}

const call =
  <Result>() =>
  <Input extends z.ZodType>(input: Input): Call<Input, Result> => ({ input });

const none = z.object({}).strict();
const id = z.number().int().positive();
const projectIds = z.array(id).max(1000);
/** '' stands for "(No Environment)"; an empty list means all environments. */
const environments = z.array(z.string().max(256)).max(1000);
const cursor = z.number().int().min(0).optional();
const limit = z.number().int().min(1).max(500).optional();
const name = z.string().trim().min(1, 'Give a name.').max(64, 'At most 64 characters.');
const slug = z.string().max(50).optional();

export const contract = {
  listOrganizations: call<OrganizationSummary[]>()(none),
  createOrganization: call<OrganizationSummary>()(z.object({ name, slug }).strict()),
  listProjects: call<ProjectSummary[]>()(none),
  createProject: call<ProjectSummary>()(
    z.object({ organizationId: id, name, slug, platform: z.string().max(64).optional() }).strict(),
  ),
  listEnvironmentOptions: call<EnvironmentOptions>()(z.object({ projectIds }).strict()),
  listProjectEnvironments: call<ProjectEnvironment[]>()(
    z.object({ projectId: id, visibility: z.enum(['visible', 'hidden', 'all']) }).strict(),
  ),
  setEnvironmentsHidden: call<ProjectEnvironment[]>()(
    z
      .object({
        projectId: id,
        names: z.array(z.string().max(256)).min(1).max(1000),
        hidden: z.boolean(),
      })
      .strict(),
  ),
  deleteEnvironmentData: call<{ deleted: number }>()(
    z
      .object({
        projectId: id,
        environment: z.string().max(256),
        /** The environment's name again: deleting is confirmed by typing it. */
        confirm: z.string().max(256),
      })
      .strict()
      .refine((input) => input.confirm === input.environment, {
        message: 'Type the environment name to confirm.',
        path: ['confirm'],
      }),
  ),
  listIssues: call<IssuePage>()(
    z
      .object({
        projectIds,
        environments,
        query: z.string().max(1000),
        sort: z.enum(['date', 'new', 'freq']),
        cursor,
        limit,
      })
      .strict(),
  ),
  getIssue: call<IssueDetail>()(z.object({ issueId: id, environments }).strict()),
  listIssueEvents: call<EventPage>()(
    z.object({ issueId: id, environments, cursor, limit }).strict(),
  ),
  getEvent: call<EventDetail>()(
    z
      .object({
        projectId: id,
        eventId: z.string().regex(/^[0-9a-f]{32}$/, 'An event id is 32 hex digits.'),
      })
      .strict(),
  ),
  updateIssue: call<IssueSummary>()(
    z.object({ issueId: id, status: z.enum(['unresolved', 'resolved', 'ignored']) }).strict(),
  ),
  deleteIssue: call<{ deleted: true }>()(z.object({ issueId: id }).strict()),
  getConnectionInfo: call<ConnectionInfo>()(none),
  getServerSettings: call<ServerSettings>()(none),
  setListenAddress: call<ServerSettings>()(
    z
      .object({ host: z.string().min(1).max(255), port: z.number().int().min(0).max(65535) })
      .strict(),
  ),
  getRetention: call<RetentionSettings>()(z.object({ projectId: id }).strict()),
  setRetention: call<RetentionSettings>()(
    z
      .object({
        projectId: id,
        days: z.number().int().min(1, 'At least 1 day.').max(36_500, 'At most 36,500 days.'),
        maxEvents: z.number().int().min(1, 'At least 1 event.').max(1_000_000_000),
      })
      .strict(),
  ),
  clearAllData: call<{ cleared: true }>()(
    z
      .object({
        confirm: z.literal('clear all data', { message: 'Type "clear all data" to confirm.' }),
      })
      .strict(),
  ),
};

export type Contract = typeof contract;
export type CallName = keyof Contract;
export type CallInput<Name extends CallName> = z.input<Contract[Name]['input']>;
export type CallResult<Name extends CallName> = NonNullable<Contract[Name]['result']>;

export const callNames = Object.keys(contract) as CallName[];

/** What a call returns over either transport: errors are data, with a message a person can act on. */
export type CallOutcome<Result> =
  { ok: true; value: Result } | { ok: false; error: { message: string; status: number } };

/** The IPC channel of a call, and of pushed events. */
export const channelOf = (name: CallName) => `outpost:${name}`;
export const EVENT_CHANNEL = 'outpost:event';

/** The preload's API: one method a call, and a subscription to pushed events. */
export type OutpostBridge = {
  [Name in CallName]: (input: CallInput<Name>) => Promise<CallOutcome<CallResult<Name>>>;
} & {
  onEvent(listener: (event: AppEvent) => void): () => void;
};
