import { describe, expect, it } from 'vitest';
import { writeJobOf } from '../../../test/support/jobs.js';
import { openDatabase } from '../db/open.js';
import { parseEnvelope } from '../ingest/envelope.js';
import { createEventStore } from '../store/event-store.js';
import { createWriter } from '../store/writer.js';
import { ensureDefaults } from './bootstrap.js';
import { exportProject } from './export.js';

const envelope = (id: number) => {
  const eventId = id.toString(16).padStart(32, '0');
  return `{"event_id":"${eventId}"}\n{"type":"event"}\n{"message":"event ${id}"}\n{"type":"session"}\n{"sid":"s${id}","status":"ok"}`;
};

describe('exporting a project', () => {
  it('reads page by page, so the connection can write while a reader is slow', async () => {
    const db = openDatabase({ file: ':memory:' });
    ensureDefaults(db);
    const writer = createWriter(db, createEventStore(db));
    // More than two pages of events, each with a session item.
    await Promise.all(
      Array.from({ length: 450 }, (_, index) => writer.write(writeJobOf(envelope(index + 1)))),
    );
    const chunks = exportProject(db, 1);
    const first = chunks.next();
    // With a statement left open, this write would fail: "busy executing a query".
    expect(() => db.prepare('UPDATE issues SET status = ?').run('resolved')).not.toThrow();
    const rest = [...chunks];
    const envelopes = [first.value as Buffer, ...rest].map((chunk) => parseEnvelope(chunk));
    const types = envelopes.map((parsed) => parsed.items[0]!.headers.type);
    expect(types.filter((type) => type === 'event')).toHaveLength(450);
    expect(types.filter((type) => type === 'session')).toHaveLength(450);
    // Events in the order they came, each once.
    const ids = envelopes
      .filter((parsed) => parsed.items[0]!.headers.type === 'event')
      .map((parsed) => parsed.headers.event_id);
    expect(ids).toEqual(
      Array.from({ length: 450 }, (_, index) => (index + 1).toString(16).padStart(32, '0')),
    );
    await writer.close();
    db.close();
  });
});
