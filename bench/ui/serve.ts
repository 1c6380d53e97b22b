import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { onInterrupt } from '../interrupt.js';

const root = join(import.meta.dirname, '..', '..');

export interface RunningServe {
  url: string;
  stop(): Promise<void>;
}

/**
 * `scripts/serve.mjs --port 0 --data-dir DIR`, as a user starts the headless mode; it builds the
 * interface first when the build is missing or stale, hence the long first wait.
 */
export async function startServe(dataDir: string, timeoutMs = 300_000): Promise<RunningServe> {
  const child: ChildProcess = spawn(
    process.execPath,
    [join(root, 'scripts', 'serve.mjs'), '--port', '0', '--data-dir', dataDir],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // Ctrl-C during `npm run bench`: this server goes too, by its own pid.
  const dropUndo = onInterrupt(() => child.kill('SIGTERM'));
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    dropUndo();
  };
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`serve did not start within ${timeoutMs} ms: ${stderr}`)),
        timeoutMs,
      );
      child.stdout!.on('data', (chunk: Buffer) => {
        stdout += chunk;
        const match = /listening on (http:\/\/\S+)/.exec(stdout);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`serve exited with ${code}: ${stderr}`));
      });
    });
    return { url, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
