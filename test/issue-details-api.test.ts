import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningCore, startCore } from './support/core.js';
import {
  type Issue,
  MINUTE,
  type ProjectTarget,
  at,
  createProject,
  getJson,
  isoAt,
  wholeSecond,
} from './support/issues.js';
import { sendEvent } from './support/send.js';

interface EventSummary {
  eventID: string;
  groupID: string;
  environment: string | null;
  dateCreated: string;
  user: { id?: string } | null;
}
interface EventDetail extends EventSummary {
  entries: { type: string; data: { values?: { type: string; value: string }[] } }[];
  tags: { key: string; value: string }[];
}

// One issue, its events, and one event, as the issue page and sentry-cli read them.
describe('an issue, its events and one event', () => {
  let running: RunningCore;
  const now = wholeSecond();
  let project: ProjectTarget;
  let issueId: string;
  let exceptionEventId: string;

  beforeAll(async () => {
    running = await startCore();
    project = await createProject(running, 'details');
    for (const [environment, user, minutesAgo] of [
      ['production', '1', 60],
      ['production', '2', 50],
      ['staging', '2', 30],
      ['staging', '3', 20],
      [null, '4', 5],
    ] as const) {
      await sendEvent(project, {
        message: 'checkout failed',
        user: { id: user },
        timestamp: at(now - minutesAgo * MINUTE),
        ...(environment ? { environment } : {}),
      });
    }
    const issues = await getJson<Issue[]>(running, '/api/0/projects/local/details/issues/');
    issueId = issues.body.find((issue) => issue.title === 'checkout failed')!.id;

    const sent = await sendEvent(project, {
      environment: 'production',
      release: 'shop@1.2.3',
      tags: { feature: 'checkout' },
      user: { id: '7' },
      exception: {
        values: [
          {
            type: 'TypeError',
            value: "Cannot read properties of undefined (reading 'id')",
            stacktrace: {
              frames: [{ function: 'handler', filename: 'app.js', lineno: 10, in_app: true }],
            },
          },
        ],
      },
    });
    exceptionEventId = sent.id;
  });
  afterAll(() => running.stop());

  const get = <T>(path: string) => getJson<T>(running, path);

  describe('GET /api/0/issues/{id}/', () => {
    it('gives the figures over every environment without a filter', async () => {
      const { status, body } = await get<Issue>(`/api/0/issues/${issueId}/`);
      expect(status).toBe(200);
      expect(body).toMatchObject({
        id: issueId,
        title: 'checkout failed',
        count: '5',
        userCount: 4,
        firstSeen: isoAt(now - 60 * MINUTE),
        lastSeen: isoAt(now - 5 * MINUTE),
        project: { id: String(project.projectId), slug: 'details' },
      });
      const viaOrganization = await get<Issue>(`/api/0/organizations/local/issues/${issueId}/`);
      expect(viaOrganization.body).toEqual(body);
    });

    it('gives them within the selected environments, users counted once over the union', async () => {
      const production = await get<Issue>(`/api/0/issues/${issueId}/?environment=production`);
      expect(production.body).toMatchObject({
        count: '2',
        userCount: 2,
        firstSeen: isoAt(now - 60 * MINUTE),
        lastSeen: isoAt(now - 50 * MINUTE),
      });
      const both = await get<Issue>(
        `/api/0/issues/${issueId}/?environment=production&environment=staging`,
      );
      expect(both.body).toMatchObject({
        count: '4',
        userCount: 3,
        firstSeen: isoAt(now - 60 * MINUTE),
        lastSeen: isoAt(now - 20 * MINUTE),
      });
    });

    it('answers 404 under an organization the issue does not belong to', async () => {
      const other = await running.api('/api/0/organizations/', {
        method: 'POST',
        body: JSON.stringify({ name: 'Other' }),
      });
      expect(other.status).toBe(201);
      for (const org of ['other', 'nope']) {
        const { status } = await get(`/api/0/organizations/${org}/issues/${issueId}/`);
        expect({ org, status }).toEqual({ org, status: 404 });
      }
    });

    it('answers 404 for an unknown issue or environment', async () => {
      for (const path of [
        '/api/0/issues/999999/',
        '/api/0/issues/abc/',
        `/api/0/issues/${issueId}/?environment=nope`,
      ]) {
        const { status, body } = await get(path);
        expect({ path, status, body }).toEqual({ path, status: 404, body: expect.any(Object) });
        expect(body).toHaveProperty('detail');
      }
    });
  });

  describe('GET /api/0/issues/{id}/events/', () => {
    it('lists the events of the selected environment only, newest first', async () => {
      const { status, body } = await get<EventSummary[]>(
        `/api/0/issues/${issueId}/events/?environment=staging`,
      );
      expect(status).toBe(200);
      expect(body.map((event) => [event.environment, event.user?.id, event.dateCreated])).toEqual([
        ['staging', '3', isoAt(now - 20 * MINUTE)],
        ['staging', '2', isoAt(now - 30 * MINUTE)],
      ]);
      expect(body.every((event) => event.groupID === issueId)).toBe(true);
    });

    it('lists every event without a filter, and answers 404 for an unknown environment', async () => {
      const all = await get<EventSummary[]>(`/api/0/issues/${issueId}/events/`);
      expect(all.body.map((event) => event.environment)).toEqual([
        null,
        'staging',
        'staging',
        'production',
        'production',
      ]);
      expect((await get(`/api/0/issues/${issueId}/events/?environment=nope`)).status).toBe(404);
      expect((await get('/api/0/issues/999999/events/')).status).toBe(404);
    });
  });

  describe('GET /api/0/projects/{org}/{project}/events/{event_id}/', () => {
    it('gives the event with its exception entry, tags and environment', async () => {
      const { status, body } = await get<EventDetail>(
        `/api/0/projects/local/details/events/${exceptionEventId}/`,
      );
      expect(status).toBe(200);
      expect(body.eventID).toBe(exceptionEventId);
      expect(body.environment).toBe('production');
      const exception = body.entries.find((entry) => entry.type === 'exception');
      expect(exception?.data.values?.[0]).toMatchObject({
        type: 'TypeError',
        value: "Cannot read properties of undefined (reading 'id')",
      });
      // Sorted by key, with Sentry's own `sentry:` prefix taken off, as Sentry shows them.
      expect(body.tags).toEqual([
        { key: 'environment', value: 'production' },
        { key: 'feature', value: 'checkout' },
        { key: 'level', value: 'error' },
        { key: 'release', value: 'shop@1.2.3' },
        { key: 'user', value: 'id:7' },
      ]);
      const issue = await get<Issue>(`/api/0/issues/${body.groupID}/`);
      expect(issue.body.title).toMatch(/^TypeError/);
    });

    it('finds it by its dashed UUID too', async () => {
      const dashed = exceptionEventId.replace(/^(.{8})(.{4})(.{4})(.{4})/, '$1-$2-$3-$4-');
      const { status } = await get(`/api/0/projects/local/details/events/${dashed}/`);
      expect(status).toBe(200);
    });

    it('answers 404 for an unknown event, or one asked for under another project', async () => {
      const unknown = await get(`/api/0/projects/local/details/events/${'0'.repeat(32)}/`);
      expect(unknown).toMatchObject({ status: 404, body: { detail: expect.any(String) } });
      const other = await get(`/api/0/projects/local/default/events/${exceptionEventId}/`);
      expect(other.status).toBe(404);
    });
  });
});
