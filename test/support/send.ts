import { randomUUID } from 'node:crypto';

export interface Target {
  url: string;
  projectId: number;
  publicKey: string;
}

export const newEventId = () => randomUUID().replace(/-/g, '');

/** Builds an envelope with one event item, the way the JS SDKs write it (no `length`). */
export function eventEnvelope(event: Record<string, unknown>, eventId = newEventId()): string {
  const header = { event_id: eventId, sent_at: new Date().toISOString() };
  return `${JSON.stringify(header)}\n{"type":"event"}\n${JSON.stringify({ event_id: eventId, ...event })}`;
}

export function postEnvelope(
  target: Target,
  body: string | Buffer,
  headers: Record<string, string> = {},
): Promise<Response> {
  const url = `${target.url}/api/${target.projectId}/envelope/?sentry_version=7&sentry_key=${target.publicKey}`;
  return fetch(url, {
    method: 'POST',
    body: typeof body === 'string' ? body : new Uint8Array(body),
    headers,
  });
}

export async function sendEvent(target: Target, event: Record<string, unknown>) {
  const response = await postEnvelope(target, eventEnvelope(event));
  if (response.status !== 200)
    throw new Error(`ingest answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as { id: string };
}

/** The first key of a project, read through the Web API. */
export async function targetOf(
  api: (path: string) => Promise<Response>,
  url: string,
  org: string,
  project: string,
): Promise<Target> {
  const keys = (await (await api(`/api/0/projects/${org}/${project}/keys/`)).json()) as {
    public: string;
    projectId: number;
  }[];
  return { url, projectId: keys[0]!.projectId, publicKey: keys[0]!.public };
}
