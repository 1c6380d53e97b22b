import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningCore, startCore } from './support/core.js';
import { type Target, sendEvent, targetOf } from './support/send.js';

describe('issue actions through the Web API', () => {
  let running: RunningCore;
  let target: Target;
  let issueId: string;

  beforeAll(async () => {
    running = await startCore();
    target = await targetOf(running.api, running.url, 'local', 'default');
    await sendEvent(target, { message: 'flaky job', environment: 'production' });
    const [issue] = (await (await running.api('/api/0/projects/local/default/issues/')).json()) as {
      id: string;
    }[];
    issueId = issue!.id;
  });
  afterAll(() => running.stop());

  const status = async () =>
    ((await (await running.api(`/api/0/issues/${issueId}/`)).json()) as { status: string }).status;
  const put = (body: unknown) =>
    running.api(`/api/0/issues/${issueId}/`, { method: 'PUT', body: JSON.stringify(body) });

  it('resolves; a new event reopens the issue as a regression', async () => {
    const response = await put({ status: 'resolved' });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'resolved' });
    expect(await status()).toBe('resolved');
    const unresolved = (await (
      await running.api('/api/0/projects/local/default/issues/')
    ).json()) as unknown[];
    expect(unresolved).toHaveLength(0);

    await sendEvent(target, { message: 'flaky job', environment: 'staging' });
    expect(await status()).toBe('unresolved');
  });

  it('ignores: an ignored issue stays ignored when events arrive, and is listed by is:ignored', async () => {
    await put({ status: 'ignored' });
    await sendEvent(target, { message: 'flaky job', environment: 'production' });
    expect(await status()).toBe('ignored');
    const ignored = (await (
      await running.api('/api/0/projects/local/default/issues/?query=is:ignored')
    ).json()) as { id: string }[];
    expect(ignored.map((issue) => issue.id)).toEqual([issueId]);
  });

  it('refuses an unknown status with a field error', async () => {
    const response = await put({ status: 'gone' });
    expect(response.status).toBe(400);
    expect(await response.json()).toHaveProperty('status');
  });

  it('deletes the issue with its events', async () => {
    const response = await running.api(`/api/0/issues/${issueId}/`, { method: 'DELETE' });
    expect(response.status).toBe(202);
    expect((await running.api(`/api/0/issues/${issueId}/`)).status).toBe(404);
    const events = running.core.db.prepare('SELECT COUNT(*) AS n FROM events').get() as {
      n: number;
    };
    expect(events.n).toBe(0);
  });
});
