import type { Db } from '../../db/open.js';
import { type EventRow, eventData } from '../../repositories/events.js';
import { type IssueRow, countIssueUsers, lastDayCounts } from '../../repositories/issues.js';
import type { ProjectRow } from '../../repositories/projects.js';
import { formatShortId } from '../../services/short-id.js';
import { iso } from './context.js';

export const shortId = (project: ProjectRow, issue: IssueRow) =>
  formatShortId(project.slug, issue.short_id);

/** Figures within the selected environments and window, as the list computed them. */
export interface IssueFigures {
  count: number;
  firstSeen: number;
  lastSeen: number;
}

/**
 * An issue as Sentry's group serializer shapes it: `count` a string, `userCount` a number,
 * both within the selected environments; `lifetime` over all of them.
 */
export function serializeIssue(
  db: Db,
  issue: IssueRow,
  project: ProjectRow,
  figures: IssueFigures,
  environmentIds: number[] | null,
  now: number,
) {
  return {
    id: String(issue.id),
    shortId: shortId(project, issue),
    title: issue.title,
    culprit: issue.culprit,
    level: issue.level,
    status: issue.status,
    substatus: issue.status === 'unresolved' ? 'ongoing' : null,
    type: issue.type,
    issueType: 'error',
    issueCategory: 'error',
    metadata: JSON.parse(issue.metadata) as unknown,
    platform: project.platform ?? 'other',
    project: {
      id: String(project.id),
      name: project.name,
      slug: project.slug,
      platform: project.platform,
    },
    isPublic: false,
    isBookmarked: false,
    isSubscribed: false,
    hasSeen: false,
    numComments: 0,
    assignedTo: null,
    permalink: null,
    firstRelease: issue.first_release ? { version: issue.first_release } : null,
    count: String(figures.count),
    userCount: countIssueUsers(db, issue.id, environmentIds),
    firstSeen: iso(figures.firstSeen),
    lastSeen: iso(figures.lastSeen),
    // Sentry's `stats['24h']`: `[epoch seconds, count]` an hour.
    stats: {
      '24h': lastDayCounts(db, issue.id, environmentIds, now).map(([hour, count]) => [
        hour / 1000,
        count,
      ]),
    },
    lifetime: {
      count: String(issue.times_seen),
      userCount: countIssueUsers(db, issue.id, null),
      firstSeen: iso(issue.first_seen),
      lastSeen: iso(issue.last_seen),
    },
  };
}

// Sentry's event serializers show `sentry:release`, `sentry:user` and `sentry:dist` as
// `release`, `user` and `dist`: the prefix only marks the tags Sentry derives.
function tagList(payload: Record<string, unknown>) {
  const tags = Array.isArray(payload.tags) ? payload.tags : [];
  return tags
    .filter((tag): tag is [string, string] => Array.isArray(tag) && tag.length === 2)
    .map(([key, value]) => ({ key: key.replace(/^sentry:/, ''), value }));
}

/** Sentry's event `entries`: the interfaces the issue page renders. */
function entries(payload: Record<string, unknown>) {
  const list: { type: string; data: unknown }[] = [];
  const exception = payload.exception as { values?: unknown } | undefined;
  if (exception && Array.isArray(exception.values))
    list.push({ type: 'exception', data: exception });
  const logentry = payload.logentry as { formatted?: string; message?: string } | undefined;
  if (logentry) list.push({ type: 'message', data: logentry });
  else if (typeof payload.message === 'string')
    list.push({ type: 'message', data: { formatted: payload.message } });
  if (payload.threads) list.push({ type: 'threads', data: payload.threads });
  const breadcrumbs = payload.breadcrumbs as { values?: unknown } | unknown[] | undefined;
  if (Array.isArray(breadcrumbs)) list.push({ type: 'breadcrumbs', data: { values: breadcrumbs } });
  else if (breadcrumbs) list.push({ type: 'breadcrumbs', data: breadcrumbs });
  if (payload.request) list.push({ type: 'request', data: payload.request });
  return list;
}

/** The short form used in an issue's event list. */
export function serializeEventSummary(event: EventRow, payload = eventData(event)) {
  return {
    id: event.event_id,
    eventID: event.event_id,
    groupID: String(event.issue_id),
    projectID: String(event.project_id),
    title: event.title,
    message: typeof payload.message === 'string' ? payload.message : '',
    platform: payload.platform ?? 'other',
    'event.type': payload.exception ? 'error' : 'default',
    environment: event.environment || null,
    release: event.release,
    level: event.level,
    dateCreated: iso(event.timestamp),
    dateReceived: iso(event.received),
    user: payload.user ?? null,
    tags: tagList(payload),
  };
}

/** The full event, with the interfaces as `entries` and the stored payload besides. */
export function serializeEvent(event: EventRow) {
  const payload = eventData(event);
  const summary = serializeEventSummary(event, payload);
  return {
    ...summary,
    // The full event lists its tags by key, as Sentry's EventSerializer does.
    tags: summary.tags.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
    type: payload.exception ? 'error' : 'default',
    culprit: payload.culprit ?? payload.transaction ?? null,
    contexts: payload.contexts ?? {},
    sdk: payload.sdk ?? null,
    errors: payload.errors ?? [],
    fingerprints: payload.fingerprint ?? null,
    entries: entries(payload),
    payload,
  };
}
