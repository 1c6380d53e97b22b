/** The domain as the user interface sees it. Times are epoch milliseconds. */

export type IssueStatus = 'unresolved' | 'resolved' | 'ignored';
export type IssueSort = 'date' | 'new' | 'freq';
export type Visibility = 'visible' | 'hidden' | 'all';
export type Level = 'debug' | 'info' | 'warning' | 'error' | 'fatal';

/** The name of "(No Environment)" in filters: events sent without one. */
export const NO_ENVIRONMENT = '';

export interface OrganizationSummary {
  id: number;
  slug: string;
  name: string;
}

export interface ProjectSummary {
  id: number;
  organizationId: number;
  organizationSlug: string;
  slug: string;
  name: string;
  platform: string | null;
  /** The DSN of the project's first active key. */
  dsn: string;
}

/** What the environment selector offers for the selected projects. */
export interface EnvironmentOptions {
  /** Visible, named environments of the selected projects, by name. */
  environments: string[];
  /** Whether the selected projects have events without an environment. */
  hasNoEnvironment: boolean;
}

export interface ProjectEnvironment {
  id: number;
  name: string;
  isHidden: boolean;
}

export interface IssueSummary {
  id: number;
  projectId: number;
  projectSlug: string;
  shortId: string;
  title: string;
  culprit: string;
  level: Level;
  status: IssueStatus;
  type: 'error' | 'default';
  /** Within the selected environments. */
  count: number;
  userCount: number;
  firstSeen: number;
  lastSeen: number;
  /** Events per hour over the last 24 hours, oldest first, within the selected environments. */
  sparkline: number[];
}

export interface IssuePage {
  issues: IssueSummary[];
  /** Pass as `cursor` for the next page; null on the last. */
  nextCursor: number | null;
}

export interface IssueEnvironmentFigures {
  environment: string;
  count: number;
  userCount: number;
  firstSeen: number;
  lastSeen: number;
  firstRelease: string | null;
}

export interface EventSummary {
  eventId: string;
  issueId: number;
  projectId: number;
  environment: string;
  release: string | null;
  level: Level;
  title: string;
  timestamp: number;
  received: number;
}

/** An event with the payload as stored, for the interfaces the issue page renders. */
export interface EventDetail extends EventSummary {
  payload: Record<string, unknown>;
}

export interface IssueDetail extends IssueSummary {
  metadata: Record<string, unknown>;
  firstRelease: string | null;
  /** All-environment figures besides the filtered ones. */
  lifetime: { count: number; userCount: number; firstSeen: number; lastSeen: number };
  /** One row for every environment the issue was seen in, whatever the filter. */
  environments: IssueEnvironmentFigures[];
  /** The newest event within the selected environments. */
  latestEvent: EventDetail | null;
}

export interface EventPage {
  events: EventSummary[];
  nextCursor: number | null;
}

export interface ConnectionInfo {
  /** Where SDKs and sentry-cli reach this Outpost. */
  baseUrl: string;
  authToken: string;
}

export interface ServerSettings {
  host: string;
  port: number;
  baseUrl: string;
  dataDir: string;
  databaseBytes: number;
}

export interface RetentionSettings {
  projectId: number;
  /** Events received longer ago are deleted. */
  days: number;
  /** The oldest events past this count are deleted. */
  maxEvents: number;
  /** Events the project holds now. */
  events: number;
}

/** Pushed to the user interface as things change. */
export type AppEvent =
  | { type: 'ingested'; projectIds: number[]; issueIds: number[]; newEnvironment: boolean }
  | { type: 'issues-changed'; issueIds: number[] }
  | { type: 'environments-changed'; projectId: number }
  | { type: 'projects-changed' }
  | { type: 'data-cleared' }
  | { type: 'listener-changed'; baseUrl: string };
