import { statSync } from 'node:fs';
import { join } from 'node:path';

/** What the project held at a moment of the run. */
export interface Sample {
  /** Since the load started. */
  seconds: number;
  events: number;
  /** The database file and its write-ahead log. */
  bytes: number;
}

/** The project the bench's DSN writes to: the default project. */
const PROJECT_ID = 1;

/** An app contract call over HTTP, as the interface in a browser makes it. */
async function call<T>(base: string, name: string, input: unknown): Promise<T> {
  const response = await fetch(`${base}/app/call/${name}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
  });
  const outcome = (await response.json()) as
    { ok: true; value: T } | { ok: false; error: { message: string } };
  if (!outcome.ok) throw new Error(`${name}: ${outcome.error.message}`);
  return outcome.value;
}

export const setRetention = (base: string, maxEvents: number) =>
  call(base, 'setRetention', { projectId: PROJECT_ID, days: 90, maxEvents });

/** The events the project holds, as Settings → Retention shows them. */
export const readStored = async (base: string) =>
  (await call<{ events: number }>(base, 'getRetention', { projectId: PROJECT_ID })).events;

const sizeOf = (file: string) => {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
};

export const dataBytes = (dataDir: string) =>
  sizeOf(join(dataDir, 'outpost.db')) + sizeOf(join(dataDir, 'outpost.db-wal'));
