import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { repoRoot } from './support/fixtures.js';

// As `npm run serve` runs it: the script builds the core (and the interface) when stale.
const entry = join(repoRoot, 'scripts', 'serve.mjs');

function serve(args: string[], env: Record<string, string> = {}) {
  // Node itself, not npm: a signal must reach the server, and a killed wrapper would leave its
  // child running.
  const child = spawn(process.execPath, [entry, ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const ready = new Promise<string[]>((resolve, reject) => {
    child.stdout.on('data', () => {
      const lines = stdout.trim().split('\n');
      if (lines.length >= 3) resolve(lines);
    });
    void exited.then(() => reject(new Error(`serve exited: ${stderr}`)));
  });
  // A run that is meant to fail never becomes ready: that is not an unhandled error.
  ready.catch(() => {});
  return { child, ready, exited, output: () => ({ stdout, stderr }) };
}

describe('npm run serve', () => {
  const children: ChildProcess[] = [];
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'outpost-serve-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const child of children.splice(0)) child.kill('SIGKILL');
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('prints the address, DSN and token, serves, and closes cleanly on SIGTERM', async () => {
    const dataDir = join(tempDir(), 'data');
    const run = serve(['--port', '0', '--data-dir', dataDir], {
      OUTPOST_AUTH_TOKEN: 'from-env',
      OUTPOST_PORT: '1',
    });
    children.push(run.child);
    const [address, dsn, token] = await run.ready;
    expect(address).toMatch(/^Outpost is listening on http:\/\/127\.0\.0\.1:\d+$/);
    expect(dsn).toMatch(/^DSN: http:\/\/[0-9a-f]{32}@127\.0\.0\.1:\d+\/1$/);
    expect(token).toBe('Auth token: from-env');
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);

    const url = address!.split(' ').at(-1)!;
    const api = await fetch(`${url}/api/0/organizations/`, {
      headers: { Authorization: 'Bearer from-env' },
    });
    expect(api.status).toBe(200);
    expect((await fetch(`${url}/api/0/organizations/`)).status).toBe(401);

    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
  });

  it('keeps a generated token in the data folder across restarts', async () => {
    const dataDir = tempDir();
    const first = serve(['--port', '0', '--data-dir', dataDir]);
    children.push(first.child);
    const token = (await first.ready)[2];
    expect(token).toMatch(/^Auth token: sntryu_[0-9a-f]{64}$/);
    first.child.kill('SIGINT');
    expect(await first.exited).toBe(0);
    const second = serve(['--port', '0', '--data-dir', dataDir]);
    children.push(second.child);
    expect((await second.ready)[2]).toBe(token);
  });

  it('names the port and the flag when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const run = serve(['--port', String(port), '--data-dir', tempDir()]);
      children.push(run.child);
      expect(await run.exited).toBe(1);
      const lines = run.output().stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(`Port ${port}`);
      expect(lines[0]).toContain('--port');
    } finally {
      blocker.close();
    }
  });
});
