import type { ProjectEnvironmentRow } from '../repositories/environments.js';
import {
  getProjectEnvironment,
  listProjectEnvironments,
  setEnvironmentsHidden,
} from '../repositories/environments.js';
import { deleteEnvironmentData } from '../services/environment-data.js';
import { getProjectById } from '../repositories/projects.js';
import { notFound } from '../errors.js';
import type { ProjectEnvironment } from '../../shared/types.js';
import type { AppContext } from './context.js';
import type { Handlers } from './handlers.js';

const environmentOf = (row: ProjectEnvironmentRow): ProjectEnvironment => ({
  id: row.id,
  name: row.name,
  isHidden: row.is_hidden === 1,
});

export function environmentHandlers(
  ctx: AppContext,
): Pick<
  Handlers,
  | 'listEnvironmentOptions'
  | 'listProjectEnvironments'
  | 'setEnvironmentsHidden'
  | 'deleteEnvironmentData'
> {
  const { db } = ctx;
  const requireProject = (projectId: number) => {
    const project = getProjectById(db, projectId);
    if (!project) throw notFound(`Project ${projectId} does not exist.`);
    return project;
  };
  return {
    // Spec §7: the selector offers the selected projects' visible environments; a name hidden
    // in every selected project is not offered, though its data stays queryable.
    listEnvironmentOptions: ({ projectIds }) => {
      const marks = projectIds.map(() => '?').join(',');
      const projectClause = projectIds.length ? `AND ep.project_id IN (${marks})` : '';
      const rows = db
        .prepare(
          `SELECT e.name, MAX(CASE WHEN ep.is_hidden = 1 THEN 0 ELSE 1 END) AS visible
           FROM environments e JOIN environment_projects ep ON ep.environment_id = e.id
           WHERE 1 = 1 ${projectClause}
           GROUP BY e.name ORDER BY e.name`,
        )
        .all(...projectIds) as { name: string; visible: number }[];
      return {
        environments: rows
          .filter((row) => row.name !== '' && row.visible === 1)
          .map((row) => row.name),
        hasNoEnvironment: rows.some((row) => row.name === ''),
      };
    },
    listProjectEnvironments: ({ projectId, visibility }) => {
      requireProject(projectId);
      return listProjectEnvironments(db, projectId, visibility).map(environmentOf);
    },
    setEnvironmentsHidden: ({ projectId, names, hidden }) => {
      requireProject(projectId);
      const rows = setEnvironmentsHidden(db, projectId, names, hidden).map(environmentOf);
      ctx.emit({ type: 'environments-changed', projectId });
      return rows;
    },
    deleteEnvironmentData: async ({ projectId, environment }) => {
      requireProject(projectId);
      const row = getProjectEnvironment(db, projectId, environment);
      if (!row) throw notFound(`The project has no environment "${environment}".`);
      const deleted = await deleteEnvironmentData(
        db,
        projectId,
        row.environment_id,
        (issueIds) => ctx.emit({ type: 'issues-changed', issueIds }),
        ctx.yieldToIngest,
      );
      ctx.emit({ type: 'environments-changed', projectId });
      return { deleted };
    },
  };
}
