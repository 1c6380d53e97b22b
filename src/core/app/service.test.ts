import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppEvent } from '../../shared/types.js';
import { type RunningCore, startCore } from '../../../test/support/core.js';
import { type Target, sendEvent, targetOf } from '../../../test/support/send.js';

describe('the app contract', () => {
  let running: RunningCore;
  let target: Target;
  const call = (name: string, input: unknown) => running.core.app.call(name, input);

  beforeAll(async () => {
    running = await startCore();
    target = await targetOf(running.api, running.url, 'local', 'default');
    await sendEvent(target, { message: 'one', environment: 'production' });
    await sendEvent(target, { message: 'two', environment: 'staging' });
    await sendEvent(target, { message: 'three' });
  });
  afterAll(() => running.stop());

  it('refuses unknown calls and inputs that do not pass the schema, saying why', async () => {
    expect(await call('dropTables', {})).toMatchObject({ ok: false, error: { status: 404 } });
    expect(await call('__proto__', {})).toMatchObject({ ok: false, error: { status: 404 } });
    const bad = await call('listIssues', {
      projectIds: ['1'],
      environments: [],
      query: '',
      sort: 'date',
    });
    expect(bad).toMatchObject({ ok: false, error: { status: 400 } });
    expect(bad.ok ? '' : bad.error.message).toContain('projectIds');
    const extra = await call('listProjects', { evil: true });
    expect(extra).toMatchObject({ ok: false, error: { status: 400 } });
    const clear = await call('clearAllData', { confirm: 'yes' });
    expect(clear.ok ? '' : clear.error.message).toContain('clear all data');
  });

  it('offers the visible environments and (No Environment), and filters issues by them', async () => {
    expect(await call('listEnvironmentOptions', { projectIds: [1] })).toEqual({
      ok: true,
      value: { environments: ['production', 'staging'], hasNoEnvironment: true },
    });
    const none = await call('listIssues', {
      projectIds: [1],
      environments: [''],
      query: '',
      sort: 'date',
    });
    expect(
      none.ok && (none.value as { issues: { title: string }[] }).issues.map((issue) => issue.title),
    ).toEqual(['three']);
    const unknown = await call('listIssues', {
      projectIds: [1],
      environments: ['nope'],
      query: '',
      sort: 'date',
    });
    expect(unknown).toMatchObject({ ok: false, error: { status: 404 } });
  });

  it('hides an environment from the options, keeps its issues, and tells listeners', async () => {
    const events: AppEvent[] = [];
    const stop = running.core.app.onEvent((event) => events.push(event));
    const hidden = await call('setEnvironmentsHidden', {
      projectId: 1,
      names: ['staging'],
      hidden: true,
    });
    expect(hidden).toMatchObject({ ok: true, value: [{ name: 'staging', isHidden: true }] });
    expect(events).toContainEqual({ type: 'environments-changed', projectId: 1 });
    const options = await call('listEnvironmentOptions', { projectIds: [1] });
    expect(options.ok && (options.value as { environments: string[] }).environments).toEqual([
      'production',
    ]);
    const staging = await call('listIssues', {
      projectIds: [1],
      environments: ['staging'],
      query: '',
      sort: 'date',
    });
    expect(staging.ok && (staging.value as { issues: unknown[] }).issues).toHaveLength(1);
    stop();
  });

  it('pushes an ingested event after new events commit', async () => {
    const received = new Promise<AppEvent>((resolve) => {
      const stop = running.core.app.onEvent((event) => {
        if (event.type !== 'ingested') return;
        stop();
        resolve(event);
      });
    });
    await sendEvent(target, { message: 'live', environment: 'qa' });
    expect(await received).toMatchObject({
      type: 'ingested',
      projectIds: [1],
      newEnvironment: true,
    });
  });

  it('clears all data but keeps projects and their DSNs', async () => {
    const before = await call('listProjects', {});
    expect(await call('clearAllData', { confirm: 'clear all data' })).toEqual({
      ok: true,
      value: { cleared: true },
    });
    const issues = await call('listIssues', {
      projectIds: [],
      environments: [],
      query: '',
      sort: 'date',
    });
    expect(issues.ok && (issues.value as { issues: unknown[] }).issues).toHaveLength(0);
    expect(await call('listProjects', {})).toEqual(before);
    // Emptied with foreign keys off for speed: they are back on, and nothing refers to a lost row.
    const { db } = running.core;
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    // The writer's caches were cleared with the rows: ingest recreates what it needs.
    await sendEvent(target, { message: 'after clearing', environment: 'production' });
    const options = await call('listEnvironmentOptions', { projectIds: [1] });
    expect(options.ok && (options.value as { environments: string[] }).environments).toEqual([
      'production',
    ]);
  });
});
