import type { Migration } from '../migrate.js';

/** Per-project retention: events older than the days or past the count are pruned. */
export const retention: Migration = {
  version: 2,
  name: 'retention',
  up(db) {
    db.exec(`
      ALTER TABLE projects ADD COLUMN retention_days INTEGER NOT NULL DEFAULT 90;
      ALTER TABLE projects ADD COLUMN retention_events INTEGER NOT NULL DEFAULT 1000000;
    `);
  },
};
