import { listKeys } from '../repositories/keys.js';
import { getOrganizationById, listOrganizations } from '../repositories/organizations.js';
import type { ProjectRow } from '../repositories/projects.js';
import { listProjects } from '../repositories/projects.js';
import { notFound } from '../errors.js';
import { projectDsn } from '../http/api/serializers.js';
import { createOrganization, createProject } from '../services/organizations.js';
import type { OrganizationSummary, ProjectSummary } from '../../shared/types.js';
import type { AppContext } from './context.js';
import type { Handlers } from './handlers.js';

const organizationSummary = (org: {
  id: number;
  slug: string;
  name: string;
}): OrganizationSummary => ({
  id: org.id,
  slug: org.slug,
  name: org.name,
});

export function projectSummary(
  ctx: AppContext,
  project: ProjectRow,
  organizationSlug: string,
): ProjectSummary {
  const key = listKeys(ctx.db, project.id).find((row) => row.is_active === 1);
  return {
    id: project.id,
    organizationId: project.organization_id,
    organizationSlug,
    slug: project.slug,
    name: project.name,
    platform: project.platform,
    dsn: key ? projectDsn(ctx.baseUrl(), key.public_key, project.id) : '',
  };
}

export function projectHandlers(
  ctx: AppContext,
): Pick<
  Handlers,
  | 'listOrganizations'
  | 'createOrganization'
  | 'listProjects'
  | 'createProject'
  | 'getConnectionInfo'
> {
  const { db } = ctx;
  return {
    listOrganizations: () => listOrganizations(db).map(organizationSummary),
    createOrganization: (input) => {
      const org = createOrganization(db, input, ctx.now());
      ctx.emit({ type: 'projects-changed' });
      return organizationSummary(org);
    },
    listProjects: () =>
      listOrganizations(db).flatMap((org) =>
        listProjects(db, org.id).map((project) => projectSummary(ctx, project, org.slug)),
      ),
    createProject: ({ organizationId, ...input }) => {
      const org = getOrganizationById(db, organizationId);
      if (!org) throw notFound(`Organization ${organizationId} does not exist.`);
      const project = createProject(db, org, input, ctx.now());
      ctx.keys.reload();
      ctx.emit({ type: 'projects-changed' });
      return projectSummary(ctx, project, org.slug);
    },
    getConnectionInfo: () => ({ baseUrl: ctx.baseUrl(), authToken: ctx.authToken }),
  };
}
