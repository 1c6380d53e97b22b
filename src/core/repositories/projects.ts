import type { Db } from '../db/open.js';
import { cached } from '../db/statements.js';

export interface ProjectRow {
  id: number;
  organization_id: number;
  slug: string;
  name: string;
  platform: string | null;
  date_added: number;
}

const columns = 'id, organization_id, slug, name, platform, date_added';

export function listProjects(db: Db, organizationId: number): ProjectRow[] {
  return db
    .prepare(`SELECT ${columns} FROM projects WHERE organization_id = ? ORDER BY slug`)
    .all(organizationId) as ProjectRow[];
}

export function getProjectBySlug(
  db: Db,
  organizationId: number,
  slug: string,
): ProjectRow | undefined {
  return db
    .prepare(`SELECT ${columns} FROM projects WHERE organization_id = ? AND slug = ?`)
    .get(organizationId, slug) as ProjectRow | undefined;
}

export function getProjectById(db: Db, id: number): ProjectRow | undefined {
  return cached(db, `SELECT ${columns} FROM projects WHERE id = ?`).get(id) as
    ProjectRow | undefined;
}

export function insertProject(
  db: Db,
  project: { organizationId: number; slug: string; name: string; platform: string | null },
  now: number,
): number {
  const result = db
    .prepare(
      'INSERT INTO projects (organization_id, slug, name, platform, date_added) VALUES (?, ?, ?, ?, ?)',
    )
    .run(project.organizationId, project.slug, project.name, project.platform, now);
  return Number(result.lastInsertRowid);
}
