import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningCore, startCore } from './support/core.js';
import { type Target, sendEvent, targetOf } from './support/send.js';

// Spec §9 vectors 1, 9, 16–19 through the real listener.
describe('environments through the Web API', () => {
  let running: RunningCore;
  let a: Target;
  let b: Target;

  beforeAll(async () => {
    running = await startCore();
    for (const name of ['a', 'b']) {
      await running.api('/api/0/teams/local/local/projects/', {
        method: 'POST',
        body: JSON.stringify({ name, slug: name }),
      });
    }
    a = await targetOf(running.api, running.url, 'local', 'a');
    b = await targetOf(running.api, running.url, 'local', 'b');
    await sendEvent(a, { message: 'one', environment: 'production' });
    await sendEvent(b, { message: 'one', environment: 'production' });
    await sendEvent(a, { message: 'two', environment: 'staging' });
    await sendEvent(b, { message: 'two', environment: 'staging' });
    await sendEvent(a, { message: 'three' });
  });
  afterAll(() => running.stop());

  const json = async (path: string, init?: RequestInit) => {
    const response = await running.api(path, init);
    return { status: response.status, body: (await response.json()) as unknown };
  };

  it('vector 1: one Environment, one EnvironmentProject per project, both visible', async () => {
    const rows = running.core.db
      .prepare(
        `SELECT ep.project_id, ep.is_hidden FROM environment_projects ep
         JOIN environments e ON e.id = ep.environment_id WHERE e.name = 'production'`,
      )
      .all();
    expect(rows).toHaveLength(2);
    for (const project of ['a', 'b']) {
      const { body } = await json(`/api/0/projects/local/${project}/environments/`);
      expect(body).toContainEqual(expect.objectContaining({ name: 'production', isHidden: false }));
    }
  });

  it('keeps the empty-name environment out of every list, but reachable as `none` (vector 9)', async () => {
    const { body } = await json('/api/0/projects/local/a/environments/?visibility=all');
    expect((body as { name: string }[]).map((env) => env.name)).toEqual(['production', 'staging']);
    const none = await json('/api/0/projects/local/a/environments/none/');
    expect(none.status).toBe(200);
    expect(none.body).toMatchObject({ name: '', isHidden: false });
    expect((await json('/api/0/projects/local/b/environments/none/')).status).toBe(404);
  });

  it('rejects an unknown visibility (vector 16)', async () => {
    expect(await json('/api/0/projects/local/a/environments/?visibility=bogus')).toEqual({
      status: 400,
      body: {
        detail: "Invalid value for 'visibility', valid values are: ['all', 'hidden', 'visible']",
      },
    });
  });

  it('hides an environment in one project only, keeping its data (vector 17)', async () => {
    const put = await json('/api/0/projects/local/a/environments/staging/', {
      method: 'PUT',
      body: JSON.stringify({ isHidden: true }),
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ name: 'staging', isHidden: true });
    expect(typeof (put.body as { id: unknown }).id).toBe('string');

    const names = async (path: string) =>
      ((await json(path)).body as { name: string }[]).map((env) => env.name);
    expect(await names('/api/0/projects/local/a/environments/')).toEqual(['production']);
    expect(await names('/api/0/projects/local/a/environments/?visibility=hidden')).toEqual([
      'staging',
    ]);
    expect(await names('/api/0/organizations/local/environments/')).toEqual([
      'production',
      'staging',
    ]);
    expect(await names('/api/0/organizations/local/environments/?visibility=hidden')).toEqual([
      'staging',
    ]);
    expect(await names(`/api/0/organizations/local/environments/?project=${a.projectId}`)).toEqual([
      'production',
    ]);

    await sendEvent(a, { message: 'after hiding', environment: 'staging' });
    expect(await names('/api/0/projects/local/a/environments/?visibility=hidden')).toEqual([
      'staging',
    ]);
    const issues = await json('/api/0/projects/local/a/issues/?environment=staging');
    expect((issues.body as unknown[]).length).toBe(2);
  });

  it('shows it again, and bulk-updates by name', async () => {
    const bulk = await json('/api/0/projects/local/a/environments/', {
      method: 'PUT',
      body: JSON.stringify({
        environmentNames: ['staging', 'production', 'nope'],
        isHidden: false,
      }),
    });
    expect(bulk.body).toEqual([
      expect.objectContaining({ name: 'production', isHidden: false }),
      expect.objectContaining({ name: 'staging', isHidden: false }),
    ]);
    const invalid = await json('/api/0/projects/local/a/environments/', {
      method: 'PUT',
      body: JSON.stringify({ environmentNames: [], isHidden: 'yes' }),
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body).toHaveProperty('environmentNames');
    expect(invalid.body).toHaveProperty('isHidden');
  });

  it('answers 404 for an unknown environment (vectors 18, 19)', async () => {
    const put = await json('/api/0/projects/local/a/environments/nope/', {
      method: 'PUT',
      body: JSON.stringify({ isHidden: true }),
    });
    expect(put.status).toBe(404);
    expect((await json('/api/0/organizations/local/issues/?environment=doesnotexist')).status).toBe(
      404,
    );
  });

  it('rejects a non-boolean isHidden with a field error', async () => {
    const put = await json('/api/0/projects/local/a/environments/production/', {
      method: 'PUT',
      body: JSON.stringify({ isHidden: 'true' }),
    });
    expect(put).toEqual({ status: 400, body: { isHidden: ['Must be a valid boolean.'] } });
  });
});
