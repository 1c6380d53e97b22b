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

// The issue lists, per project and per organization, as the issue stream and sentry-cli read them.
describe('the issue lists', () => {
  let running: RunningCore;
  const now = wholeSecond();
  let envs: ProjectTarget;
  let search: ProjectTarget;
  let sorting: ProjectTarget;
  let windowed: ProjectTarget;
  let pages: ProjectTarget;

  beforeAll(async () => {
    running = await startCore();
    envs = await createProject(running, 'envs');
    search = await createProject(running, 'search');
    sorting = await createProject(running, 'sorting');
    windowed = await createProject(running, 'windowed');
    pages = await createProject(running, 'pages');

    // One issue across two environments and none; a user in both environments counts once.
    const checkout = (environment: string | null, user: object, minutesAgo: number) =>
      sendEvent(envs, {
        message: 'checkout failed',
        user,
        timestamp: at(now - minutesAgo * MINUTE),
        ...(environment ? { environment } : {}),
      });
    await checkout('production', { id: '1' }, 60);
    await checkout('production', { id: '2' }, 50);
    await checkout('production', { id: '1' }, 40);
    await checkout('staging', { id: '2' }, 30);
    await checkout('staging', { email: 'c@example.com' }, 20);
    await checkout(null, { id: '4' }, 5);
    await sendEvent(envs, {
      message: 'cart empty',
      environment: 'staging',
      user: { id: '9' },
      timestamp: at(now - 25 * MINUTE),
    });

    for (const event of [
      { message: 'Database timeout in worker', release: 'app@1.0', environment: 'production' },
      { message: 'Payment declined', level: 'warning', release: 'app@2.0', environment: 'staging' },
      { message: 'Payment declined', level: 'warning', release: 'app@1.0', environment: 'qa' },
      { message: 'Cache miss', level: 'info' },
    ]) {
      await sendEvent(search, event);
    }

    // alpha: 3 events, first −50 min, last −10; beta: 1 at −20; gamma: 2, first −40, last −35.
    for (const [message, minutesAgo] of [
      ['alpha', 50],
      ['alpha', 45],
      ['alpha', 10],
      ['beta', 20],
      ['gamma', 40],
      ['gamma', 35],
    ] as const) {
      await sendEvent(sorting, { message, timestamp: at(now - minutesAgo * MINUTE) });
    }

    for (const [message, environment, minutesAgo] of [
      ['old failure', 'production', 180],
      ['recent failure', 'production', 180],
      ['recent failure', 'production', 90],
      ['recent failure', 'production', 5],
      ['recent failure', 'staging', 10],
    ] as const) {
      await sendEvent(windowed, { message, environment, timestamp: at(now - minutesAgo * MINUTE) });
    }

    for (const [index, word] of ['one', 'two', 'three', 'four', 'five'].entries()) {
      await sendEvent(pages, { message: `page ${word}`, timestamp: at(now - index * MINUTE) });
    }
  });
  afterAll(() => running.stop());

  const list = (path: string) => getJson<Issue[]>(running, path);
  const projectIssues = (project: ProjectTarget, params = '') =>
    list(`/api/0/projects/local/${project.slug}/issues/${params}`);
  const titles = async (project: ProjectTarget, params = '') =>
    (await projectIssues(project, params)).body.map((issue) => issue.title);

  describe('figures within the selected environments', () => {
    const checkoutIn = async (params: string) => {
      const both = [
        (await projectIssues(envs, `?${params}`)).body,
        (await list(`/api/0/organizations/local/issues/?project=${envs.projectId}&${params}`)).body,
      ];
      expect(both[1]).toEqual(both[0]);
      return both[0]!.find((issue) => issue.title === 'checkout failed');
    };

    it('counts events and distinct users in one environment', async () => {
      const issue = await checkoutIn('environment=production');
      expect(issue).toMatchObject({
        count: '3',
        userCount: 2,
        firstSeen: isoAt(now - 60 * MINUTE),
        lastSeen: isoAt(now - 40 * MINUTE),
      });
      expect(typeof issue!.id).toBe('string');
    });

    it('counts users over the union of two environments, not the sum', async () => {
      const issue = await checkoutIn('environment=production&environment=staging');
      expect(issue).toMatchObject({
        count: '5',
        userCount: 3,
        firstSeen: isoAt(now - 60 * MINUTE),
        lastSeen: isoAt(now - 20 * MINUTE),
      });
      const staging = await checkoutIn('environment=staging');
      expect(staging).toMatchObject({ count: '2', userCount: 2 });
    });

    it('counts every environment, including none, without a filter', async () => {
      const issue = await checkoutIn('');
      expect(issue).toMatchObject({
        count: '6',
        userCount: 4,
        firstSeen: isoAt(now - 60 * MINUTE),
        lastSeen: isoAt(now - 5 * MINUTE),
      });
    });

    it('lists only the issues seen in the selected environments', async () => {
      expect(await titles(envs, '?environment=production')).toEqual(['checkout failed']);
      expect(await titles(envs, '?environment=staging')).toEqual(['checkout failed', 'cart empty']);
      expect(await titles(envs)).toEqual(['checkout failed', 'cart empty']);
    });
  });

  describe('the search query', () => {
    it('finds free text, levels and releases', async () => {
      expect(await titles(search, '?query=timeout')).toEqual(['Database timeout in worker']);
      expect(await titles(search, '?query=level:warning')).toEqual(['Payment declined']);
      expect(await titles(search, '?query=release:app@2.0')).toEqual(['Payment declined']);
      expect((await titles(search, '?query=release:app@1.0')).sort()).toEqual([
        'Database timeout in worker',
        'Payment declined',
      ]);
      expect(await titles(search, '?query=' + encodeURIComponent('miss level:info'))).toEqual([
        'Cache miss',
      ]);
    });

    it('matches a release only on events of the selected environments', async () => {
      expect(await titles(search, '?query=release:app@1.0&environment=production')).toEqual([
        'Database timeout in worker',
      ]);
      expect(await titles(search, '?query=release:app@1.0&environment=staging')).toEqual([]);
      expect(await titles(search, '?query=release:app@2.0&environment=staging')).toEqual([
        'Payment declined',
      ]);
    });

    it('lists only unresolved issues without a query, and resolved ones with is:resolved', async () => {
      running.core.db
        .prepare(
          `UPDATE issues SET status = 'resolved' WHERE title = 'Cache miss' AND project_id = ?`,
        )
        .run(search.projectId);
      const unresolved = await titles(search);
      expect(unresolved).toHaveLength(2);
      expect(unresolved).not.toContain('Cache miss');
      expect(await titles(search, '?query=is:unresolved')).toEqual(unresolved);
      const viaOrganization = await list(
        `/api/0/organizations/local/issues/?project=${search.projectId}`,
      );
      expect(viaOrganization.body.map((issue) => issue.title)).toEqual(unresolved);
      const resolved = await projectIssues(search, '?query=is:resolved');
      expect(resolved.body.map((issue) => [issue.title, issue.status])).toEqual([
        ['Cache miss', 'resolved'],
      ]);
    });
  });

  describe('sorting', () => {
    it('orders by last seen, first seen or event count', async () => {
      expect(await titles(sorting)).toEqual(['alpha', 'beta', 'gamma']);
      expect(await titles(sorting, '?sort=date')).toEqual(['alpha', 'beta', 'gamma']);
      expect(await titles(sorting, '?sort=new')).toEqual(['beta', 'gamma', 'alpha']);
      expect(await titles(sorting, '?sort=freq')).toEqual(['alpha', 'gamma', 'beta']);
    });

    it('refuses an unknown sort', async () => {
      const bad = await projectIssues(sorting, '?sort=priority');
      expect(bad.status).toBe(400);
      expect(bad.body).toEqual({ detail: expect.any(String) });
    });
  });

  describe('statsPeriod', () => {
    const countsIn = async (params: string) =>
      Object.fromEntries(
        (await projectIssues(windowed, `?${params}`)).body.map((issue) => [
          issue.title,
          issue.count,
        ]),
      );

    it('leaves out issues last seen before the window and counts only events within it', async () => {
      expect(await countsIn('statsPeriod=1h')).toEqual({ 'recent failure': '2' });
      expect(await countsIn('statsPeriod=1h&environment=production')).toEqual({
        'recent failure': '1',
      });
      expect(await countsIn('statsPeriod=1h&environment=staging')).toEqual({
        'recent failure': '1',
      });
      expect(await countsIn('statsPeriod=24h')).toEqual({
        'recent failure': '4',
        'old failure': '1',
      });
      expect(await countsIn('')).toEqual({ 'recent failure': '4', 'old failure': '1' });
    });

    it('refuses a period it cannot read', async () => {
      expect((await projectIssues(windowed, '?statsPeriod=soon')).status).toBe(400);
    });
  });

  describe('errors', () => {
    it('answers 404 for an unknown environment', async () => {
      const unknown = await projectIssues(envs, '?environment=production&environment=nope');
      expect(unknown).toMatchObject({ status: 404, body: { detail: expect.any(String) } });
      expect((await list('/api/0/organizations/local/issues/?environment=nope')).status).toBe(404);
    });

    it('answers 403 for a project id the organization does not have', async () => {
      const response = await list(`/api/0/organizations/local/issues/?project=9999`);
      expect(response).toMatchObject({ status: 403, body: { detail: expect.any(String) } });
      const mixed = await list(
        `/api/0/organizations/local/issues/?project=${envs.projectId}&project=9999`,
      );
      expect(mixed.status).toBe(403);
    });
  });

  describe('pagination', () => {
    const cursorLink = (link: string | null, rel: string) => {
      const part = link?.split(', ').find((item) => item.includes(`rel="${rel}"`));
      const match = /^<([^>]+)>; rel="\w+"; results="(true|false)"; cursor="([^"]+)"$/.exec(
        part ?? '',
      );
      if (!match) throw new Error(`no ${rel} link in ${link}`);
      return { url: match[1]!, results: match[2] === 'true', cursor: match[3]! };
    };

    it('walks five issues two at a time by the Link header', async () => {
      const first = await projectIssues(pages, '?per_page=2');
      expect(first.body.map((issue) => issue.title)).toEqual(['page one', 'page two']);
      expect(first.link).toContain('rel="next"; results="true"; cursor="0:2:0"');
      expect(cursorLink(first.link, 'previous').results).toBe(false);

      const secondUrl = new URL(cursorLink(first.link, 'next').url);
      const second = await list(secondUrl.pathname + secondUrl.search);
      expect(second.body.map((issue) => issue.title)).toEqual(['page three', 'page four']);
      expect(cursorLink(second.link, 'next')).toMatchObject({ results: true, cursor: '0:4:0' });
      expect(cursorLink(second.link, 'previous')).toMatchObject({
        results: true,
        cursor: '0:0:1',
      });

      const thirdUrl = new URL(cursorLink(second.link, 'next').url);
      const third = await list(thirdUrl.pathname + thirdUrl.search);
      expect(third.body.map((issue) => issue.title)).toEqual(['page five']);
      expect(cursorLink(third.link, 'next').results).toBe(false);
    });

    it('pages the organization list the same way', async () => {
      const first = await list(
        `/api/0/organizations/local/issues/?project=${pages.projectId}&per_page=2`,
      );
      expect(first.body).toHaveLength(2);
      expect(cursorLink(first.link, 'next')).toMatchObject({ results: true, cursor: '0:2:0' });
      expect(new URL(cursorLink(first.link, 'next').url).searchParams.get('project')).toBe(
        String(pages.projectId),
      );
    });
  });
});
