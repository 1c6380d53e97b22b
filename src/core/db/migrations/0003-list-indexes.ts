import type { Migration } from '../migrate.js';

/**
 * Indexes that give every issue list its order without a sort: per environment by each sort
 * key, per status by each sort key; an issue's events by time across environments; an issue's
 * distinct users across environments.
 */
export const listIndexes: Migration = {
  version: 3,
  name: 'list-indexes',
  up(db) {
    db.exec(`
      DROP INDEX issue_environments_list;
      CREATE INDEX issue_environments_last_seen ON issue_environments(environment_id, last_seen);
      CREATE INDEX issue_environments_times_seen ON issue_environments(environment_id, times_seen);
      CREATE INDEX issue_environments_first_seen ON issue_environments(environment_id, first_seen);
      CREATE INDEX issues_status_last_seen ON issues(status, last_seen);
      CREATE INDEX issues_status_times_seen ON issues(status, times_seen);
      CREATE INDEX issues_status_first_seen ON issues(status, first_seen);
      CREATE INDEX events_issue_time ON events(issue_id, timestamp);
      CREATE INDEX issue_users_user ON issue_users(issue_id, user_tag);
    `);
  },
};
