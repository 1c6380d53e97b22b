import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate.js';
import { migrations } from './index.js';

describe('migration 0004 (one event time index)', () => {
  it('drops the index by issue and time, keeping the one by issue, environment and time', () => {
    const db = new Database(':memory:');
    migrate(db, migrations, 3);
    const indexes = () =>
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'index'").pluck().all() as string[];
    expect(indexes()).toContain('events_issue_time');
    migrate(db, migrations, 4);
    expect(indexes()).not.toContain('events_issue_time');
    expect(indexes()).toContain('events_issue_environment_time');
  });
});
