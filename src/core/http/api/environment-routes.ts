import { StatusError, fieldErrors, notFound } from '../../errors.js';
import {
  type ProjectEnvironmentRow,
  type Visibility,
  getProjectEnvironment,
  listOrganizationEnvironments,
  listProjectEnvironments,
  setEnvironmentsHidden,
} from '../../repositories/environments.js';
import { type ApiContext, requireOrganization, requireProject } from './context.js';
import { parseProjectIds } from './query.js';
import type { Router } from './router.js';

const VISIBILITIES = ['all', 'hidden', 'visible'];

function readVisibility(query: URLSearchParams): Visibility {
  const value = query.get('visibility') ?? 'visible';
  if (!VISIBILITIES.includes(value)) {
    throw new StatusError(
      400,
      `Invalid value for 'visibility', valid values are: ['all', 'hidden', 'visible']`,
    );
  }
  return value as Visibility;
}

/** Spec §2: `id` is the EnvironmentProject's id; only `is_hidden = 1` is hidden. */
const serializeProjectEnvironment = (row: ProjectEnvironmentRow) => ({
  id: String(row.id),
  name: row.name,
  isHidden: row.is_hidden === 1,
});

/** Spec §1.5: the path segment `none` is the empty name. */
const environmentFromPath = (segment: string) => (segment === 'none' ? '' : segment);

function readIsHidden(body: unknown): boolean | undefined {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw new StatusError(400, 'The request body must be a JSON object.');
  }
  const value = (body as Record<string, unknown>).isHidden;
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') throw fieldErrors({ isHidden: ['Must be a valid boolean.'] });
  return value;
}

function readBulk(body: unknown): { names: string[]; isHidden: boolean } {
  const errors: Record<string, string[]> = {};
  const object = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const names = object.environmentNames;
  if (!Array.isArray(names) || names.length === 0) {
    errors.environmentNames = ['This field is required and must be a non-empty list.'];
  } else if (names.length > 1000) {
    errors.environmentNames = ['Ensure this field has no more than 1000 elements.'];
  } else if (!names.every((name) => typeof name === 'string')) {
    errors.environmentNames = ['Every environment name must be a string.'];
  }
  if (typeof object.isHidden !== 'boolean') errors.isHidden = ['Must be a valid boolean.'];
  if (Object.keys(errors).length > 0) throw fieldErrors(errors);
  return { names: names as string[], isHidden: object.isHidden as boolean };
}

export function addEnvironmentRoutes(router: Router, { db, emit }: ApiContext) {
  router.add('GET', '/api/0/organizations/:org/environments/', ({ params, query }) => {
    const org = requireOrganization(db, params.org!);
    const rows = listOrganizationEnvironments(
      db,
      org.id,
      readVisibility(query),
      parseProjectIds(query),
    );
    return { body: rows.map((row) => ({ id: String(row.id), name: row.name })) };
  });

  router.add('GET', '/api/0/projects/:org/:project/environments/', ({ params, query }) => {
    const project = requireProject(db, requireOrganization(db, params.org!), params.project!);
    const rows = listProjectEnvironments(db, project.id, readVisibility(query));
    return { body: rows.map(serializeProjectEnvironment) };
  });

  router.add('PUT', '/api/0/projects/:org/:project/environments/', async ({ params, json }) => {
    const project = requireProject(db, requireOrganization(db, params.org!), params.project!);
    const { names, isHidden } = readBulk(await json());
    const rows = setEnvironmentsHidden(db, project.id, names, isHidden);
    emit({ type: 'environments-changed', projectId: project.id });
    return { body: rows.map(serializeProjectEnvironment) };
  });

  router.add('GET', '/api/0/projects/:org/:project/environments/:name/', ({ params }) => {
    const project = requireProject(db, requireOrganization(db, params.org!), params.project!);
    const row = getProjectEnvironment(db, project.id, environmentFromPath(params.name!));
    if (!row) throw notFound();
    return { body: serializeProjectEnvironment(row) };
  });

  router.add(
    'PUT',
    '/api/0/projects/:org/:project/environments/:name/',
    async ({ params, json }) => {
      const project = requireProject(db, requireOrganization(db, params.org!), params.project!);
      const name = environmentFromPath(params.name!);
      const row = getProjectEnvironment(db, project.id, name);
      if (!row) throw notFound();
      const isHidden = readIsHidden(await json());
      if (isHidden === undefined) return { body: serializeProjectEnvironment(row) };
      db.prepare('UPDATE environment_projects SET is_hidden = ? WHERE id = ?').run(
        isHidden ? 1 : 0,
        row.id,
      );
      emit({ type: 'environments-changed', projectId: project.id });
      return { body: serializeProjectEnvironment({ ...row, is_hidden: isHidden ? 1 : 0 }) };
    },
  );
}
