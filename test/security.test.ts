import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError, readServeOptions } from '../src/core/cli/options.js';
import { type RunningCore, startCore } from './support/core.js';
import { eventEnvelope, postEnvelope, targetOf } from './support/send.js';

describe('security', () => {
  let running: RunningCore;
  beforeAll(async () => {
    running = await startCore();
  });
  afterAll(() => running.stop());

  it('binds loopback by default and needs --allow-remote for anything else', () => {
    expect(readServeOptions([], {}).host).toBe('127.0.0.1');
    expect(() => readServeOptions(['--host', '0.0.0.0'], {})).toThrow(UsageError);
    expect(() => readServeOptions([], { OUTPOST_HOST: '192.0.2.1' })).toThrow(/--allow-remote/);
    expect(readServeOptions(['--host', '0.0.0.0', '--allow-remote'], {}).host).toBe('0.0.0.0');
  });

  it('revokes a key: its DSN is refused at once; restored, it works again; deleted, it is gone', async () => {
    const target = await targetOf(running.api, running.url, 'local', 'default');
    const keyPath = `/api/0/projects/local/default/keys/${target.publicKey}/`;
    const put = (body: unknown) =>
      running.api(keyPath, { method: 'PUT', body: JSON.stringify(body) });

    expect((await put({ isActive: false })).status).toBe(200);
    expect((await postEnvelope(target, eventEnvelope({ message: 'revoked' }))).status).toBe(403);
    expect((await put({ isActive: 'no' })).status).toBe(400);
    await put({ isActive: true });
    expect((await postEnvelope(target, eventEnvelope({ message: 'restored' }))).status).toBe(200);

    expect((await running.api(keyPath, { method: 'DELETE' })).status).toBe(204);
    expect((await postEnvelope(target, eventEnvelope({ message: 'deleted' }))).status).toBe(403);
    expect((await running.api(keyPath, { method: 'DELETE' })).status).toBe(404);
  });

  it('refuses the Web API without the token, with a wrong one, and with one of another length', async () => {
    for (const header of [undefined, 'Bearer wrong', `Bearer ${'x'.repeat(200)}`, 'Basic abc']) {
      const response = await fetch(`${running.url}/api/0/organizations/`, {
        headers: header ? { Authorization: header } : {},
      });
      expect(response.status).toBe(401);
      expect(await response.json()).toHaveProperty('detail');
    }
  });
});
