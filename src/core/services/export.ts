import type { Db } from '../db/open.js';
import { serializeEnvelope } from '../ingest/envelope.js';
import { decodePayload } from '../store/payload-codec.js';

/**
 * A project's data as Sentry envelopes, one after another, in the format the SDKs send: every
 * stored event (its normalised payload) and every other item kept as it came. Sending the file's
 * envelopes to any DSN, Outpost's or a hosted Sentry's, moves the data there.
 */
export function* exportProject(db: Db, projectId: number): Generator<Buffer> {
  const events = db
    .prepare('SELECT event_id, payload FROM events WHERE project_id = ? ORDER BY id')
    .iterate(projectId) as IterableIterator<{ event_id: string; payload: Buffer }>;
  for (const event of events) {
    yield serializeEnvelope({
      headers: { event_id: event.event_id },
      items: [{ headers: {}, type: 'event', payload: Buffer.from(decodePayload(event.payload)) }],
    });
  }
  const items = db
    .prepare(
      'SELECT type, event_id, headers, payload FROM envelope_items WHERE project_id = ? ORDER BY id',
    )
    .iterate(projectId) as IterableIterator<{
    type: string;
    event_id: string | null;
    headers: string;
    payload: Buffer;
  }>;
  for (const item of items) {
    const headers = JSON.parse(item.headers) as Record<string, unknown>;
    yield serializeEnvelope({
      headers: item.event_id ? { event_id: item.event_id } : {},
      items: [{ headers, type: item.type, payload: item.payload }],
    });
  }
}
