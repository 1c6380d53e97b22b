import type { Migration } from '../migrate.js';

/**
 * The first schema: organizations, projects and keys; org-unique environments linked to
 * projects (spec §1.1); issues with their grouping hashes; the per-(issue, environment)
 * figures that reads add up; events; releases per environment; and raw envelope items.
 * Times are epoch milliseconds.
 */
export const initial: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE organizations (
        id INTEGER PRIMARY KEY,
        slug TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        date_added INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE projects (
        id INTEGER PRIMARY KEY,
        organization_id INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        slug TEXT NOT NULL,
        name TEXT NOT NULL,
        platform TEXT,
        next_short_id INTEGER NOT NULL DEFAULT 1,
        date_added INTEGER NOT NULL,
        UNIQUE (organization_id, slug)
      ) STRICT;

      CREATE TABLE project_keys (
        id INTEGER PRIMARY KEY,
        project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        label TEXT NOT NULL,
        public_key TEXT NOT NULL UNIQUE,
        secret_key TEXT NOT NULL,
        is_active INTEGER NOT NULL DEFAULT 1,
        date_added INTEGER NOT NULL
      ) STRICT;

      -- Spec §1.1: one row per organization and name; case-sensitive; '' is "(No Environment)".
      CREATE TABLE environments (
        id INTEGER PRIMARY KEY,
        organization_id INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        date_added INTEGER NOT NULL,
        UNIQUE (organization_id, name)
      ) STRICT;

      -- is_hidden is tri-state as in Sentry: NULL (never touched) and 0 are visible, 1 hidden.
      CREATE TABLE environment_projects (
        id INTEGER PRIMARY KEY,
        project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        environment_id INTEGER NOT NULL REFERENCES environments(id) ON DELETE CASCADE,
        is_hidden INTEGER CHECK (is_hidden IN (0, 1)),
        UNIQUE (project_id, environment_id)
      ) STRICT;
      CREATE INDEX environment_projects_environment ON environment_projects(environment_id);

      CREATE TABLE issues (
        id INTEGER PRIMARY KEY,
        project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        short_id INTEGER NOT NULL,
        type TEXT NOT NULL,
        title TEXT NOT NULL,
        culprit TEXT NOT NULL,
        level TEXT NOT NULL,
        metadata TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'unresolved' CHECK (status IN ('unresolved', 'resolved', 'ignored')),
        first_seen INTEGER NOT NULL,
        last_seen INTEGER NOT NULL,
        times_seen INTEGER NOT NULL,
        first_release TEXT,
        UNIQUE (project_id, short_id)
      ) STRICT;
      CREATE INDEX issues_project_last_seen ON issues(project_id, last_seen);

      -- Spec §4.2: every hash an event carried points at the issue it joined.
      CREATE TABLE issue_hashes (
        project_id INTEGER NOT NULL,
        hash TEXT NOT NULL,
        issue_id INTEGER NOT NULL REFERENCES issues(id) ON DELETE CASCADE,
        PRIMARY KEY (project_id, hash)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX issue_hashes_issue ON issue_hashes(issue_id);

      -- Sentry's GroupEnvironment plus the figures a filtered issue list adds up.
      CREATE TABLE issue_environments (
        issue_id INTEGER NOT NULL REFERENCES issues(id) ON DELETE CASCADE,
        environment_id INTEGER NOT NULL REFERENCES environments(id) ON DELETE CASCADE,
        project_id INTEGER NOT NULL,
        first_seen INTEGER NOT NULL,
        last_seen INTEGER NOT NULL,
        times_seen INTEGER NOT NULL,
        first_release TEXT,
        PRIMARY KEY (issue_id, environment_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX issue_environments_list ON issue_environments(environment_id, project_id, last_seen);

      -- Distinct users must add up over any set of environments: keep the set, not a count.
      CREATE TABLE issue_users (
        issue_id INTEGER NOT NULL REFERENCES issues(id) ON DELETE CASCADE,
        environment_id INTEGER NOT NULL,
        user_tag TEXT NOT NULL,
        PRIMARY KEY (issue_id, environment_id, user_tag)
      ) STRICT, WITHOUT ROWID;

      -- Hourly event counts: sparklines, statsPeriod windows and frequency conditions.
      CREATE TABLE issue_hourly (
        issue_id INTEGER NOT NULL REFERENCES issues(id) ON DELETE CASCADE,
        environment_id INTEGER NOT NULL,
        hour INTEGER NOT NULL,
        count INTEGER NOT NULL,
        PRIMARY KEY (issue_id, environment_id, hour)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        event_id TEXT NOT NULL,
        issue_id INTEGER NOT NULL REFERENCES issues(id) ON DELETE CASCADE,
        environment_id INTEGER NOT NULL,
        level TEXT NOT NULL,
        release TEXT,
        user_tag TEXT,
        title TEXT NOT NULL,
        timestamp INTEGER NOT NULL,
        received INTEGER NOT NULL,
        -- The normalised event JSON, deflated (src/core/store/payload-codec.ts).
        payload BLOB NOT NULL,
        UNIQUE (project_id, event_id)
      ) STRICT;
      CREATE INDEX events_issue_environment_time ON events(issue_id, environment_id, timestamp);
      CREATE INDEX events_project_received ON events(project_id, received);

      CREATE TABLE releases (
        id INTEGER PRIMARY KEY,
        organization_id INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        version TEXT NOT NULL,
        date_added INTEGER NOT NULL,
        date_started INTEGER,
        date_released INTEGER,
        url TEXT,
        UNIQUE (organization_id, version)
      ) STRICT;

      CREATE TABLE release_projects (
        release_id INTEGER NOT NULL REFERENCES releases(id) ON DELETE CASCADE,
        project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        new_groups INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (release_id, project_id)
      ) STRICT, WITHOUT ROWID;

      -- Spec §6.4: ReleaseProjectEnvironment.
      CREATE TABLE release_project_environments (
        id INTEGER PRIMARY KEY,
        release_id INTEGER NOT NULL REFERENCES releases(id) ON DELETE CASCADE,
        project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        environment_id INTEGER NOT NULL REFERENCES environments(id) ON DELETE CASCADE,
        new_issues_count INTEGER NOT NULL DEFAULT 0,
        first_seen INTEGER NOT NULL,
        last_seen INTEGER NOT NULL,
        last_deploy_id INTEGER,
        adopted INTEGER,
        unadopted INTEGER,
        UNIQUE (project_id, release_id, environment_id)
      ) STRICT;

      -- Items other than error events (transactions, sessions, client reports, check-ins,
      -- logs, attachments, unknown types), kept as sent for the stages that read them.
      CREATE TABLE envelope_items (
        id INTEGER PRIMARY KEY,
        project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        type TEXT NOT NULL,
        event_id TEXT,
        received INTEGER NOT NULL,
        headers TEXT NOT NULL,
        payload BLOB NOT NULL
      ) STRICT;
      CREATE INDEX envelope_items_project_type ON envelope_items(project_id, type, received);
    `);
  },
};
