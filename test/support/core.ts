import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Core, type CoreOptions, createCore } from '../../src/core/create-core.js';

export const TEST_TOKEN = 'sntryu_' + 'ab'.repeat(32);

export interface RunningCore {
  core: Core;
  url: string;
  dataDir: string;
  /** Fetch a Web API path with the token. */
  api(path: string, init?: RequestInit): Promise<Response>;
  stop(): Promise<void>;
}

/** A real core on a free loopback port with its own data folder. */
export async function startCore(
  dataDir?: string,
  options: Partial<CoreOptions> = {},
): Promise<RunningCore> {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'outpost-test-'));
  const core = createCore({
    ...options,
    dataDir: dir,
    host: '127.0.0.1',
    port: 0,
    authToken: TEST_TOKEN,
  });
  await core.listen();
  const url = core.baseUrl();
  return {
    core,
    url,
    dataDir: dir,
    api: (path, init = {}) =>
      fetch(`${url}${path}`, {
        ...init,
        headers: {
          Authorization: `Bearer ${TEST_TOKEN}`,
          ...(init.body ? { 'Content-Type': 'application/json' } : {}),
          ...(init.headers as Record<string, string> | undefined),
        },
      }),
    async stop() {
      await core.close();
      if (!dataDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The DSN of a project's first key. */
export async function dsnOf(running: RunningCore, org: string, project: string): Promise<string> {
  const response = await running.api(`/api/0/projects/${org}/${project}/keys/`);
  const keys = (await response.json()) as { dsn: { public: string } }[];
  return keys[0]!.dsn.public;
}
