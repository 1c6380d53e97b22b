import type { Db } from '../db/open.js';

export type Visibility = 'visible' | 'hidden' | 'all';

export interface ProjectEnvironmentRow {
  id: number;
  environment_id: number;
  name: string;
  is_hidden: number | null;
}

export interface EnvironmentRow {
  id: number;
  name: string;
}

// Spec §1.4: only is_hidden = 1 hides; NULL and 0 are both visible.
const visibilityClause: Record<Visibility, string> = {
  visible: 'AND (ep.is_hidden IS NULL OR ep.is_hidden = 0)',
  hidden: 'AND ep.is_hidden = 1',
  all: '',
};

/** A project's environments, '' excluded, ordered by name (spec §2). */
export function listProjectEnvironments(
  db: Db,
  projectId: number,
  visibility: Visibility,
): ProjectEnvironmentRow[] {
  return db
    .prepare(
      `SELECT ep.id, ep.environment_id, e.name, ep.is_hidden
       FROM environment_projects ep JOIN environments e ON e.id = ep.environment_id
       WHERE ep.project_id = ? AND e.name != '' ${visibilityClause[visibility]}
       ORDER BY e.name`,
    )
    .all(projectId) as ProjectEnvironmentRow[];
}

export function getProjectEnvironment(
  db: Db,
  projectId: number,
  name: string,
): ProjectEnvironmentRow | undefined {
  return db
    .prepare(
      `SELECT ep.id, ep.environment_id, e.name, ep.is_hidden
       FROM environment_projects ep JOIN environments e ON e.id = ep.environment_id
       WHERE ep.project_id = ? AND e.name = ?`,
    )
    .get(projectId, name) as ProjectEnvironmentRow | undefined;
}

/** Sets is_hidden on the named, non-empty environments of a project; unknown names are ignored. */
export function setEnvironmentsHidden(
  db: Db,
  projectId: number,
  names: readonly string[],
  hidden: boolean,
): ProjectEnvironmentRow[] {
  const update = db.prepare(
    `UPDATE environment_projects SET is_hidden = ?
     WHERE project_id = ? AND environment_id =
       (SELECT e.id FROM environments e JOIN projects p ON p.organization_id = e.organization_id
        WHERE p.id = ? AND e.name = ? AND e.name != '')`,
  );
  return db
    .transaction(() => {
      const rows: ProjectEnvironmentRow[] = [];
      for (const name of new Set(names)) {
        update.run(hidden ? 1 : 0, projectId, projectId, name);
        const row = getProjectEnvironment(db, projectId, name);
        if (row && name !== '') rows.push(row);
      }
      return rows.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    })
    .immediate();
}

/**
 * The organization's environments that have a project link passing the visibility filter,
 * in the given projects (all when none are given). An environment hidden in one project and
 * visible in another is listed under both 'visible' and 'hidden', as in Sentry (spec §2).
 */
export function listOrganizationEnvironments(
  db: Db,
  organizationId: number,
  visibility: Visibility,
  projectIds: readonly number[] = [],
): EnvironmentRow[] {
  const projectClause = projectIds.length
    ? `AND ep.project_id IN (${projectIds.map(() => '?').join(',')})`
    : '';
  return db
    .prepare(
      `SELECT DISTINCT e.id, e.name
       FROM environments e JOIN environment_projects ep ON ep.environment_id = e.id
       WHERE e.organization_id = ? AND e.name != '' ${visibilityClause[visibility]} ${projectClause}
       ORDER BY e.name`,
    )
    .all(organizationId, ...projectIds) as EnvironmentRow[];
}

/**
 * Resolves filter names to environment ids. Any name the organization does not have → the
 * missing name is returned instead, so the caller can answer 404 (spec §2).
 */
export function resolveEnvironmentNames(
  db: Db,
  organizationId: number,
  names: readonly string[],
): { ids: number[]; missing?: string } {
  const find = db.prepare('SELECT id FROM environments WHERE organization_id = ? AND name = ?');
  const ids: number[] = [];
  for (const name of new Set(names)) {
    const row = find.get(organizationId, name) as { id: number } | undefined;
    if (!row) return { ids: [], missing: name };
    ids.push(row.id);
  }
  return { ids };
}
