import type { Db } from '../db/open.js';

/**
 * Finds or creates environments and their project links (spec §1.4 `get_or_create` and
 * `add_project`), remembering what it has seen so that the hot path rarely touches SQL.
 * Must run inside the writer's transaction; `clear()` after a rollback, since it may then
 * remember rows that were never committed.
 */
export function createEnvironmentCache(db: Db) {
  const select = db.prepare('SELECT id FROM environments WHERE organization_id = ? AND name = ?');
  const insert = db.prepare(
    'INSERT INTO environments (organization_id, name, date_added) VALUES (?, ?, ?)',
  );
  // A new link is NULL (never touched); an existing one, hidden or not, is left as it is.
  const link = db.prepare(
    'INSERT OR IGNORE INTO environment_projects (project_id, environment_id, is_hidden) VALUES (?, ?, NULL)',
  );
  const ids = new Map<string, number>();
  const links = new Set<string>();

  return {
    /** Returns the environment's id and whether this call created it or its link to the project. */
    ensure(organizationId: number, projectId: number, name: string, now: number) {
      const key = `${organizationId}\u0000${name}`;
      let id = ids.get(key);
      let created = false;
      if (id === undefined) {
        const row = select.get(organizationId, name) as { id: number } | undefined;
        if (row) {
          id = row.id;
        } else {
          id = Number(insert.run(organizationId, name, now).lastInsertRowid);
          created = true;
        }
        ids.set(key, id);
      }
      const linkKey = `${projectId}:${id}`;
      if (!links.has(linkKey)) {
        if (link.run(projectId, id).changes > 0) created = true;
        links.add(linkKey);
      }
      return { id, created };
    },
    clear() {
      ids.clear();
      links.clear();
    },
  };
}
