import type { Migration } from '../migrate.js';

/**
 * An issue's events are found through one index, by environment and time. The second, by time
 * across environments, cost every ingest commit a page per issue it touched (a fifth of what
 * a commit writes); an issue's events across environments are now merged from its
 * environments' newest, each read in order from the remaining index (repositories/events.ts).
 */
export const oneEventTimeIndex: Migration = {
  version: 4,
  name: 'one-event-time-index',
  up(db) {
    db.exec('DROP INDEX events_issue_time');
  },
};
