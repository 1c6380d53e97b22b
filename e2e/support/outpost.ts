import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base } from '@playwright/test';

export interface Outpost {
  url: string;
  dsn: string;
  token: string;
  /** Calls the Web API with the token. */
  api(path: string, init?: RequestInit): Promise<Response>;
}

const root = join(import.meta.dirname, '..', '..');

/** `npm run serve` on a free port with a fresh data folder, as a user would start it. */
async function startServe(): Promise<{ outpost: Outpost; child: ChildProcess; dataDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'outpost-e2e-'));
  const child = spawn(
    process.execPath,
    [join(root, 'scripts', 'serve.mjs'), '--port', '0', '--data-dir', dataDir],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk));
  const lines = await new Promise<string[]>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk;
      const found = stdout.trim().split('\n');
      if (found.length >= 3) resolve(found);
    });
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
  });
  const url = lines[0]!.split(' ').at(-1)!;
  const token = lines[2]!.replace('Auth token: ', '');
  return {
    child,
    dataDir,
    outpost: {
      url,
      dsn: lines[1]!.replace('DSN: ', ''),
      token,
      api: (path, init = {}) =>
        fetch(`${url}${path}`, {
          ...init,
          headers: {
            Authorization: `Bearer ${token}`,
            'Content-Type': 'application/json',
            ...init.headers,
          },
        }),
    },
  };
}

/** Each test file gets its own Outpost; `baseURL` points the page at it. */
export const test = base.extend<{ baseURL: string }, { outpost: Outpost }>({
  outpost: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const { outpost, child, dataDir } = await startServe();
      await use(outpost);
      const exited = new Promise((resolve) => child.on('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],
  baseURL: async ({ outpost }, use) => use(outpost.url),
});

export { expect } from '@playwright/test';
