import type { RunningCore } from './core.js';
import { type Target, targetOf } from './send.js';

export interface Issue {
  id: string;
  title: string;
  level: string;
  status: string;
  count: string;
  userCount: number;
  firstSeen: string;
  lastSeen: string;
  project: { id: string; slug: string };
}

export const MINUTE = 60_000;

/** A fixed "now" on a whole second, so that the times an event is sent with read back exactly. */
export const wholeSecond = () => Math.floor(Date.now() / 1000) * 1000;

/** An event's `timestamp` field (epoch seconds) for a time in epoch milliseconds. */
export const at = (ms: number) => ms / 1000;

export const isoAt = (ms: number) => new Date(ms).toISOString();

export type ProjectTarget = Target & { slug: string };

/** A new project in the `local` organization, and the target its first key sends to. */
export async function createProject(running: RunningCore, slug: string): Promise<ProjectTarget> {
  const response = await running.api('/api/0/teams/local/local/projects/', {
    method: 'POST',
    body: JSON.stringify({ name: slug, slug }),
  });
  if (response.status !== 201) throw new Error(`project ${slug}: ${response.status}`);
  return { ...(await targetOf(running.api, running.url, 'local', slug)), slug };
}

/** A JSON GET with the token: the status, the body and the Link header. */
export async function getJson<T = unknown>(running: RunningCore, path: string) {
  const response = await running.api(path);
  return {
    status: response.status,
    body: (await response.json()) as T,
    link: response.headers.get('link'),
  };
}
