import { describe, expect, it } from 'vitest';
import { isAppUrl, isExternalWebUrl } from './guards.js';
import { handleIpcCall } from './ipc-handler.js';

describe('the desktop window rules', () => {
  it('treats only app://outpost as the app', () => {
    expect(isAppUrl('app://outpost/issues?environment=a')).toBe(true);
    for (const url of [
      'app://evil/',
      'http://127.0.0.1:8930/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      '',
    ]) {
      expect(isAppUrl(url), url).toBe(false);
    }
  });

  it('opens only web links in the system browser', () => {
    expect(isExternalWebUrl('https://docs.sentry.io/')).toBe(true);
    for (const url of [
      'file:///etc/passwd',
      'smb://host/share',
      'javascript:alert(1)',
      'not a url',
    ]) {
      expect(isExternalWebUrl(url), url).toBe(false);
    }
  });

  it('refuses IPC calls from any frame but the app and validates the rest through the service', async () => {
    const calls: unknown[] = [];
    const service = {
      call: async (name: unknown, input: unknown) => {
        calls.push([name, input]);
        return { ok: true as const, value: 'done' };
      },
    };
    const refused = await handleIpcCall(service, 'https://evil.example/', 'clearAllData', {});
    expect(refused).toMatchObject({ ok: false, error: { status: 403 } });
    expect(await handleIpcCall(service, undefined, 'listProjects', {})).toMatchObject({
      ok: false,
    });
    expect(calls).toEqual([]);
    expect(await handleIpcCall(service, 'app://outpost/', 'listProjects', {})).toEqual({
      ok: true,
      value: 'done',
    });
  });
});
