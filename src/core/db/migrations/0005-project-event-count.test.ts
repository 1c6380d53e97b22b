import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate.js';
import { migrations } from './index.js';

describe('migration 0005 (project event count)', () => {
  it("counts each project's events already stored", () => {
    const db = new Database(':memory:');
    migrate(db, migrations, 4);
    db.exec(`
      INSERT INTO organizations (id, slug, name, date_added) VALUES (1, 'o', 'O', 0);
      INSERT INTO projects (id, organization_id, slug, name, date_added)
        VALUES (1, 1, 'a', 'A', 0), (2, 1, 'b', 'B', 0), (3, 1, 'c', 'C', 0);
      INSERT INTO issues (id, project_id, short_id, type, title, culprit, level, metadata,
          first_seen, last_seen, times_seen)
        VALUES (1, 1, 1, 'error', 't', '', 'error', '{}', 0, 0, 2),
               (2, 2, 1, 'error', 't', '', 'error', '{}', 0, 0, 1);
    `);
    const addEvent = db.prepare(
      `INSERT INTO events (project_id, event_id, issue_id, environment_id, level, title, timestamp,
         received, payload) VALUES (?, ?, ?, 1, 'error', 't', 0, 0, x'00')`,
    );
    addEvent.run(1, 'a1', 1);
    addEvent.run(1, 'a2', 1);
    addEvent.run(2, 'b1', 2);
    migrate(db, migrations, 5);
    expect(db.prepare('SELECT id, event_count FROM projects ORDER BY id').all()).toEqual([
      { id: 1, event_count: 2 },
      { id: 2, event_count: 1 },
      { id: 3, event_count: 0 },
    ]);
  });
});
