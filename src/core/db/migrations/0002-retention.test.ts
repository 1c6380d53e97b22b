import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate.js';
import { migrations } from './index.js';

describe('migration 0002 (retention)', () => {
  it('gives existing projects the default limits of 90 days and 1,000,000 events', () => {
    const db = new Database(':memory:');
    migrate(db, migrations, 1);
    db.prepare(
      "INSERT INTO organizations (id, slug, name, date_added) VALUES (1, 'o', 'O', 0)",
    ).run();
    db.prepare(
      "INSERT INTO projects (id, organization_id, slug, name, date_added) VALUES (1, 1, 'a', 'A', 0)",
    ).run();
    migrate(db, migrations, 2);
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    expect(db.prepare('SELECT slug, retention_days, retention_events FROM projects').get()).toEqual(
      {
        slug: 'a',
        retention_days: 90,
        retention_events: 1_000_000,
      },
    );
  });
});
