import { StatusError, fieldErrors, notFound } from '../../errors.js';
import { newKeyHex } from '../../ids.js';
import {
  deleteKey,
  getKeyById,
  getKeyByPublicKey,
  insertKey,
  listKeys,
  updateKey,
} from '../../repositories/keys.js';
import { listOrganizations } from '../../repositories/organizations.js';
import { listProjects } from '../../repositories/projects.js';
import { createOrganization, createProject } from '../../services/organizations.js';
import { type ApiContext, requireOrganization, requireProject } from './context.js';
import { paginate } from './paginate.js';
import type { Router } from './router.js';
import { serializeKey, serializeOrganization, serializeProject } from './serializers.js';

const asObject = (body: unknown): Record<string, unknown> =>
  body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};

export function addOrganizationRoutes(router: Router, ctx: ApiContext) {
  const { db } = ctx;

  router.add('GET', '/api/0/organizations/', (request) =>
    paginate(request, listOrganizations(db).map(serializeOrganization)),
  );

  router.add('POST', '/api/0/organizations/', async (request) => {
    const org = createOrganization(db, asObject(await request.json()), ctx.now());
    return { status: 201, body: serializeOrganization(org) };
  });

  router.add('GET', '/api/0/organizations/:org/', ({ params }) => ({
    body: serializeOrganization(requireOrganization(db, params.org!)),
  }));

  router.add('GET', '/api/0/organizations/:org/projects/', (request) => {
    const org = requireOrganization(db, request.params.org!);
    const projects = listProjects(db, org.id).map((project) => serializeProject(db, project, org));
    return paginate(request, projects);
  });

  router.add('POST', '/api/0/teams/:org/:team/projects/', async ({ params, json }) => {
    const org = requireOrganization(db, params.org!);
    if (params.team !== org.slug) throw new StatusError(404, 'Team does not exist');
    const project = createProject(db, org, asObject(await json()), ctx.now());
    ctx.keys.reload();
    return { status: 201, body: serializeProject(db, project, org) };
  });

  router.add('GET', '/api/0/projects/:org/:project/', ({ params }) => {
    const org = requireOrganization(db, params.org!);
    return { body: serializeProject(db, requireProject(db, org, params.project!), org) };
  });

  router.add('GET', '/api/0/projects/:org/:project/keys/', (request) => {
    const org = requireOrganization(db, request.params.org!);
    const project = requireProject(db, org, request.params.project!);
    const keys = listKeys(db, project.id).map((key) => serializeKey(key, ctx.baseUrl()));
    return paginate(request, keys);
  });

  router.add('POST', '/api/0/projects/:org/:project/keys/', async ({ params, json }) => {
    const org = requireOrganization(db, params.org!);
    const project = requireProject(db, org, params.project!);
    const body = asObject(await json());
    if (body.name !== undefined && typeof body.name !== 'string') {
      throw new StatusError(400, 'name must be a string', { name: ['Not a valid string.'] });
    }
    const label =
      typeof body.name === 'string' && body.name.trim() !== '' ? body.name.trim() : 'Default';
    const id = insertKey(
      db,
      {
        projectId: project.id,
        label: label.slice(0, 64),
        publicKey: newKeyHex(),
        secretKey: newKeyHex(),
      },
      ctx.now(),
    );
    ctx.keys.reload();
    const key = getKeyById(db, id);
    if (!key) throw notFound();
    return { status: 201, body: serializeKey(key, ctx.baseUrl()) };
  });

  function requireKey(params: Record<string, string>) {
    const org = requireOrganization(db, params.org!);
    const project = requireProject(db, org, params.project!);
    const key = getKeyByPublicKey(db, project.id, params.keyId!);
    if (!key) throw notFound('Key not found');
    return key;
  }

  // Revoking a key (isActive false) or deleting it stops its DSN at once: the key ring reloads.
  router.add('PUT', '/api/0/projects/:org/:project/keys/:keyId/', async ({ params, json }) => {
    const key = requireKey(params);
    const body = asObject(await json());
    const errors: Record<string, string[]> = {};
    if (body.isActive !== undefined && typeof body.isActive !== 'boolean') {
      errors.isActive = ['Must be a valid boolean.'];
    }
    if (body.name !== undefined && (typeof body.name !== 'string' || body.name.trim() === '')) {
      errors.name = ['This field may not be blank.'];
    }
    if (Object.keys(errors).length > 0) throw fieldErrors(errors);
    updateKey(db, key.id, {
      ...(typeof body.isActive === 'boolean' ? { isActive: body.isActive } : {}),
      ...(typeof body.name === 'string' ? { label: body.name.trim().slice(0, 64) } : {}),
    });
    ctx.keys.reload();
    return { body: serializeKey(getKeyById(db, key.id)!, ctx.baseUrl()) };
  });

  router.add('DELETE', '/api/0/projects/:org/:project/keys/:keyId/', ({ params }) => {
    deleteKey(db, requireKey(params).id);
    ctx.keys.reload();
    return { status: 204, body: null };
  });
}
