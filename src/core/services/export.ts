import type { Db } from '../db/open.js';
import { serializeEnvelope } from '../ingest/envelope.js';
import { decodePayload } from '../store/payload-codec.js';

const PAGE = 200;

/**
 * A project's rows in the order of `key` (its index's columns, then the id), a page at a time.
 * Each page is read whole, so no statement stays open while the caller waits for a slow
 * reader: an open one makes every write on the connection fail ("busy executing a query").
 */
function* pages<Row extends Record<string, unknown>>(
  db: Db,
  select: string,
  projectId: number,
  key: (keyof Row & string)[],
) {
  const order = `ORDER BY ${key.join(', ')} LIMIT ${PAGE}`;
  const first = db.prepare(`${select} WHERE project_id = ? ${order}`);
  const next = db.prepare(
    `${select} WHERE project_id = ? AND (${key.join(', ')}) > (${key.map(() => '?').join(', ')}) ${order}`,
  );
  let rows = first.all(projectId) as Row[];
  for (;;) {
    yield* rows;
    if (rows.length < PAGE) return;
    const last = rows.at(-1)!;
    rows = next.all(projectId, ...key.map((column) => last[column])) as Row[];
  }
}

/**
 * A project's data as Sentry envelopes, one after another, in the format the SDKs send: every
 * stored event (its normalised payload) and every other item kept as it came. Sending the file's
 * envelopes to any DSN, Outpost's or a hosted Sentry's, moves the data there.
 */
export function* exportProject(db: Db, projectId: number): Generator<Buffer> {
  // In the order they were received, along the index on (project_id, received).
  const events = pages<{ id: number; received: number; event_id: string; payload: Buffer }>(
    db,
    'SELECT id, received, event_id, payload FROM events',
    projectId,
    ['received', 'id'],
  );
  for (const event of events) {
    yield serializeEnvelope({
      headers: { event_id: event.event_id },
      items: [{ headers: {}, type: 'event', payload: Buffer.from(decodePayload(event.payload)) }],
    });
  }
  // By type, each in the order received (a session's updates after its start).
  const items = pages<{
    id: number;
    type: string;
    received: number;
    event_id: string | null;
    headers: string;
    payload: Buffer;
  }>(db, 'SELECT id, type, received, event_id, headers, payload FROM envelope_items', projectId, [
    'type',
    'received',
    'id',
  ]);
  for (const item of items) {
    const headers = JSON.parse(item.headers) as Record<string, unknown>;
    yield serializeEnvelope({
      headers: item.event_id ? { event_id: item.event_id } : {},
      items: [{ headers, type: item.type, payload: item.payload }],
    });
  }
}
