import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate.js';
import { migrations } from './index.js';

describe('migration 0003 (list indexes)', () => {
  it('replaces the environment list index with one per sort key, keeping the rows', () => {
    const db = new Database(':memory:');
    migrate(db, migrations, 2);
    db.exec(`
      INSERT INTO organizations (id, slug, name, date_added) VALUES (1, 'o', 'O', 0);
      INSERT INTO projects (id, organization_id, slug, name, date_added) VALUES (1, 1, 'a', 'A', 0);
      INSERT INTO environments (id, organization_id, name, date_added) VALUES (1, 1, 'production', 0);
      INSERT INTO issues (id, project_id, short_id, type, title, culprit, level, metadata, first_seen, last_seen, times_seen)
        VALUES (1, 1, 1, 'error', 't', 'c', 'error', '{}', 1, 2, 3);
      INSERT INTO issue_environments (issue_id, environment_id, project_id, first_seen, last_seen, times_seen)
        VALUES (1, 1, 1, 1, 2, 3);
    `);
    migrate(db, migrations, 3);
    const indexes = (
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'index'").all() as { name: string }[]
    ).map((row) => row.name);
    expect(indexes).not.toContain('issue_environments_list');
    for (const name of [
      'issue_environments_last_seen',
      'issue_environments_times_seen',
      'events_issue_time',
    ]) {
      expect(indexes).toContain(name);
    }
    const plan = db
      .prepare(
        'EXPLAIN QUERY PLAN SELECT issue_id FROM issue_environments WHERE environment_id = 1 ORDER BY last_seen DESC',
      )
      .all() as { detail: string }[];
    expect(plan.map((row) => row.detail).join(' ')).toContain('issue_environments_last_seen');
    expect(db.prepare('SELECT times_seen FROM issue_environments').get()).toEqual({
      times_seen: 3,
    });
  });
});
