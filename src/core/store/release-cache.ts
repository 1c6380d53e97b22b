import type { Db } from '../db/open.js';

export interface ReleaseEventFacts {
  organizationId: number;
  projectId: number;
  environmentId: number;
  version: string;
  timestamp: number;
  isNew: boolean;
  isNewGroupEnvironment: boolean;
}

/**
 * Records an event's release as Sentry does (spec §6.4): the release, its link to the project
 * (counting issues new to the project) and its ReleaseProjectEnvironment row (counting issues
 * new to the environment, with first and last seen). Runs inside the writer's transaction.
 */
export function createReleaseCache(db: Db) {
  const select = db.prepare('SELECT id FROM releases WHERE organization_id = ? AND version = ?');
  const insert = db.prepare(
    'INSERT INTO releases (organization_id, version, date_added) VALUES (?, ?, ?)',
  );
  const linkProject = db.prepare(
    `INSERT INTO release_projects (release_id, project_id, new_groups) VALUES (?, ?, ?)
     ON CONFLICT (release_id, project_id) DO UPDATE SET new_groups = new_groups + excluded.new_groups`,
  );
  const touchEnvironment = db.prepare(
    `INSERT INTO release_project_environments
       (release_id, project_id, environment_id, new_issues_count, first_seen, last_seen)
     VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (project_id, release_id, environment_id) DO UPDATE SET
       new_issues_count = new_issues_count + excluded.new_issues_count,
       first_seen = min(first_seen, excluded.first_seen),
       last_seen = max(last_seen, excluded.last_seen)`,
  );
  const ids = new Map<string, number>();

  function releaseId(organizationId: number, version: string, now: number): number {
    const key = `${organizationId}\u0000${version}`;
    let id = ids.get(key);
    if (id === undefined) {
      const row = select.get(organizationId, version) as { id: number } | undefined;
      id = row ? row.id : Number(insert.run(organizationId, version, now).lastInsertRowid);
      ids.set(key, id);
    }
    return id;
  }

  return {
    recordEvent(facts: ReleaseEventFacts) {
      const id = releaseId(facts.organizationId, facts.version, facts.timestamp);
      linkProject.run(id, facts.projectId, facts.isNew ? 1 : 0);
      touchEnvironment.run(
        id,
        facts.projectId,
        facts.environmentId,
        facts.isNewGroupEnvironment ? 1 : 0,
        facts.timestamp,
        facts.timestamp,
      );
    },
    clear() {
      ids.clear();
    },
  };
}
