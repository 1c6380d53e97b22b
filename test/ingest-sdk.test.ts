import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendWithNodeSdk } from './support/clients.js';
import { type RunningCore, dsnOf, startCore } from './support/core.js';

interface Env {
  id: string;
  name: string;
  isHidden?: boolean;
}
interface Issue {
  id: string;
  title: string;
  count: string;
  userCount: number;
  project: { slug: string };
}

describe('the real @sentry/node SDK against a running Outpost', () => {
  let running: RunningCore;

  beforeAll(async () => {
    running = await startCore();
    const created = await running.api('/api/0/teams/local/local/projects/', {
      method: 'POST',
      body: JSON.stringify({ name: 'Web' }),
    });
    expect(created.status).toBe(201);
    const defaultDsn = await dsnOf(running, 'local', 'default');
    const webDsn = await dsnOf(running, 'local', 'web');
    await Promise.all([
      sendWithNodeSdk(defaultDsn, 'production', 'app@1.0.0', 'checkout failed', 2),
      sendWithNodeSdk(defaultDsn, 'staging', 'app@1.0.0', 'checkout failed'),
      sendWithNodeSdk(webDsn, 'production', 'web@2.0.0', 'render failed'),
    ]);
  });
  afterAll(() => running.stop());

  it('creates one Environment per organization and name, linked to each project that used it', () => {
    const { db } = running.core;
    const envs = db.prepare("SELECT id FROM environments WHERE name = 'production'").all();
    expect(envs).toHaveLength(1);
    const links = db
      .prepare(
        `SELECT p.slug, ep.is_hidden FROM environment_projects ep
         JOIN projects p ON p.id = ep.project_id JOIN environments e ON e.id = ep.environment_id
         WHERE e.name = 'production' ORDER BY p.slug`,
      )
      .all();
    expect(links).toEqual([
      { slug: 'default', is_hidden: null },
      { slug: 'web', is_hidden: null },
    ]);
  });

  it('lists the environments per organization and per project', async () => {
    const org = (await (
      await running.api('/api/0/organizations/local/environments/')
    ).json()) as Env[];
    expect(org.map((env) => env.name)).toEqual(['production', 'staging']);
    const web = (await (
      await running.api('/api/0/projects/local/web/environments/')
    ).json()) as Env[];
    expect(web.map((env) => [env.name, env.isHidden])).toEqual([['production', false]]);
  });

  it('groups the repeated error into one issue with counts per environment', async () => {
    const all = (await (
      await running.api('/api/0/projects/local/default/issues/')
    ).json()) as Issue[];
    expect(all).toHaveLength(1);
    expect(all[0]!.title).toBe('Error: checkout failed');
    expect(all[0]!.count).toBe('3');
    expect(all[0]!.userCount).toBe(1);

    const staging = (await (
      await running.api('/api/0/projects/local/default/issues/?environment=staging')
    ).json()) as Issue[];
    expect(staging.map((issue) => issue.count)).toEqual(['1']);

    const events = (await (
      await running.api(`/api/0/issues/${all[0]!.id}/events/?environment=production`)
    ).json()) as { environment: string }[];
    expect(events).toHaveLength(2);
    expect(events.every((event) => event.environment === 'production')).toBe(true);
  });

  it('filters the organization issue list by project and environment', async () => {
    const web = (await (await running.api('/api/0/projects/local/web/')).json()) as { id: string };
    const response = await running.api(
      `/api/0/organizations/local/issues/?project=${web.id}&environment=production&environment=staging`,
    );
    const issues = (await response.json()) as Issue[];
    expect(issues.map((issue) => [issue.project.slug, issue.title])).toEqual([
      ['web', 'Error: render failed'],
    ]);
  });
});
