import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onInterrupt } from '../interrupt.js';
import { type ServerProcess, startServer } from './server-process.js';
import type { SpotlightSetup } from './spotlight.js';

export const REPO_ROOT = join(import.meta.dirname, '..', '..');
const AUTH_TOKEN = 'outpost-bench-token';

export type TargetName = 'outpost' | 'null' | 'spotlight';

/** A receiver under test, started fresh for each variant. */
export interface RunningTarget {
  name: TargetName;
  server: ServerProcess;
  /** Where the load generator posts: the same envelope path for every target. */
  ingestUrl: string;
  /** Outpost only: its data folder, counted afterwards, then removed. */
  dataDir?: string;
  cleanup(): void;
}

/**
 * Outpost's headless server on a fresh data folder, started as the README documents it, with
 * the default number of processing threads for this machine.
 */
export async function startOutpost(): Promise<RunningTarget> {
  const dataDir = mkdtempSync(join(tmpdir(), 'outpost-bench-data-'));
  const remove = () => rmSync(dataDir, { recursive: true, force: true });
  const dropUndo = onInterrupt(remove);
  try {
    const server = await startServer(
      'Outpost',
      ['scripts/serve.mjs', '--port', '0', '--data-dir', dataDir, '--auth-token', AUTH_TOKEN],
      { cwd: REPO_ROOT },
    );
    // The DSN line comes right after the address; give it a moment if the pipe split them.
    let dsn: RegExpExecArray | null = null;
    for (let tries = 0; tries < 100 && !dsn; tries++) {
      dsn = /DSN: http:\/\/([0-9a-f]+)@/.exec(server.output());
      if (!dsn) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    if (!dsn) {
      await server.stop();
      throw new Error(`Outpost printed no DSN:\n${server.output()}`);
    }
    return {
      name: 'outpost',
      server,
      ingestUrl: `${server.url}/api/1/envelope/?sentry_version=7&sentry_key=${dsn[1]}`,
      dataDir,
      cleanup: () => {
        remove();
        dropUndo();
      },
    };
  } catch (error) {
    remove();
    dropUndo();
    throw error;
  }
}

async function startNull(): Promise<RunningTarget> {
  const server = await startServer(
    'The null receiver',
    ['--import', 'tsx', join('bench', 'ingest', 'null-receiver.ts')],
    { cwd: REPO_ROOT },
  );
  return {
    name: 'null',
    server,
    ingestUrl: `${server.url}/api/1/envelope/?sentry_version=7&sentry_key=bench`,
    cleanup: () => {},
  };
}

async function startSpotlight(setup: { entry: string; dir: string }): Promise<RunningTarget> {
  const server = await startServer('Spotlight', [setup.entry], { cwd: setup.dir });
  return {
    name: 'spotlight',
    server,
    // Where SDKs' Spotlight integration posts; the same handler answers /api/:id/envelope/.
    ingestUrl: `${server.url}/stream`,
    cleanup: () => {},
  };
}

export function startTarget(name: TargetName, spotlight: SpotlightSetup): Promise<RunningTarget> {
  if (name === 'outpost') return startOutpost();
  if (name === 'null') return startNull();
  if ('skipped' in spotlight) throw new Error(spotlight.skipped);
  return startSpotlight(spotlight);
}
