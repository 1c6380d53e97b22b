import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningCore, TEST_TOKEN, startCore } from './support/core.js';
import { type Target, eventEnvelope, postEnvelope, sendEvent } from './support/send.js';

interface Organization {
  id: string;
  slug: string;
  name: string;
}
interface Project {
  id: string;
  slug: string;
  name: string;
  environments: string[];
  organization: { slug: string };
}
interface Key {
  id: string;
  name: string;
  public: string;
  projectId: number;
  dsn: { public: string; secret: string };
}

// The Web API as sentry-cli and Sentry's own clients call it, through the real listener.
describe('the Web API: authentication, organizations, projects and keys', () => {
  let running: RunningCore;

  beforeAll(async () => {
    running = await startCore();
  });
  afterAll(() => running.stop());

  const call = async (path: string, init?: RequestInit) => {
    const response = await running.api(path, init);
    return { status: response.status, body: (await response.json()) as unknown };
  };
  const post = (path: string, body: unknown) =>
    call(path, { method: 'POST', body: JSON.stringify(body) });

  describe('GET /api/0/', () => {
    it('answers 401 with a detail without a token, and with a wrong one', async () => {
      const none = await fetch(`${running.url}/api/0/`);
      expect(none.status).toBe(401);
      expect(await none.json()).toEqual({ detail: expect.any(String) });
      const wrong = await fetch(`${running.url}/api/0/`, {
        headers: { Authorization: `Bearer ${TEST_TOKEN}x` },
      });
      expect(wrong.status).toBe(401);
      expect(await wrong.json()).toEqual({ detail: expect.any(String) });
    });

    it('describes the user and the token scopes with the right token', async () => {
      const { status, body } = await call('/api/0/');
      expect(status).toBe(200);
      expect(body).toMatchObject({
        user: { id: expect.any(String), email: expect.any(String) },
        auth: { scopes: expect.arrayContaining(['org:read', 'project:write', 'event:read']) },
      });
    });
  });

  describe('organizations', () => {
    it('lists the default organization, with a string id', async () => {
      const { status, body } = await call('/api/0/organizations/');
      expect(status).toBe(200);
      expect(body).toEqual([expect.objectContaining({ id: '1', slug: 'local', name: 'Local' })]);
    });

    it('creates one with a slug made from its name, and refuses a slug already taken', async () => {
      const created = await post('/api/0/organizations/', { name: 'Acme Corp' });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ slug: 'acme-corp', name: 'Acme Corp' });
      expect(typeof (created.body as Organization).id).toBe('string');

      const sameSlug = await post('/api/0/organizations/', { name: 'Other', slug: 'acme-corp' });
      expect(sameSlug).toEqual({ status: 409, body: { detail: expect.any(String) } });

      const slugs = ((await call('/api/0/organizations/')).body as Organization[]).map(
        (org) => org.slug,
      );
      expect(slugs).toEqual(['acme-corp', 'local']);
    });

    it('answers per-field errors for a missing name and an invalid slug', async () => {
      expect(await post('/api/0/organizations/', {})).toEqual({
        status: 400,
        body: { name: ['This field is required.'] },
      });
      for (const slug of ['Not A Slug', '12345']) {
        const invalid = await post('/api/0/organizations/', { name: 'Bad', slug });
        expect(invalid.status).toBe(400);
        expect(invalid.body).toEqual({ slug: [expect.any(String)] });
      }
    });

    it('finds one by slug and by numeric id, and answers 404 for an unknown one', async () => {
      const bySlug = await call('/api/0/organizations/acme-corp/');
      expect(bySlug.status).toBe(200);
      const { id } = bySlug.body as Organization;
      const byId = await call(`/api/0/organizations/${id}/`);
      expect(byId).toEqual(bySlug);
      for (const unknown of ['nope', '999']) {
        const missing = await call(`/api/0/organizations/${unknown}/`);
        expect(missing).toEqual({ status: 404, body: { detail: expect.any(String) } });
      }
    });
  });

  describe('projects', () => {
    it('creates one under the team named like the organization', async () => {
      const created = await post('/api/0/teams/acme-corp/acme-corp/projects/', {
        name: 'Storefront',
        platform: 'node',
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        slug: 'storefront',
        name: 'Storefront',
        environments: [],
        organization: { slug: 'acme-corp' },
      });
      expect((created.body as Project).id).toMatch(/^\d+$/);
    });

    it('answers 404 for another team and 409 for an existing slug', async () => {
      const otherTeam = await post('/api/0/teams/acme-corp/backend/projects/', { name: 'Api' });
      expect(otherTeam.status).toBe(404);
      const taken = await post('/api/0/teams/acme-corp/acme-corp/projects/', {
        name: 'Shop',
        slug: 'storefront',
      });
      expect(taken).toEqual({ status: 409, body: { detail: expect.any(String) } });
      const unknownOrg = await post('/api/0/teams/nope/nope/projects/', { name: 'Api' });
      expect(unknownOrg.status).toBe(404);
    });

    it('lists an organization’s projects and gets one by slug or id', async () => {
      const list = await call('/api/0/organizations/acme-corp/projects/');
      expect((list.body as Project[]).map((project) => project.slug)).toEqual(['storefront']);
      const one = await call('/api/0/projects/acme-corp/storefront/');
      expect(one.status).toBe(200);
      const { id } = one.body as Project;
      expect((await call(`/api/0/projects/acme-corp/${id}/`)).body).toEqual(one.body);
      expect((await call('/api/0/projects/acme-corp/nope/')).status).toBe(404);
      // A project is only reached through its own organization.
      expect((await call('/api/0/projects/local/storefront/')).status).toBe(404);
    });

    it('lists only the visible, named environments in the project payload', async () => {
      const keys = (await call('/api/0/projects/acme-corp/storefront/keys/')).body as Key[];
      const target: Target = {
        url: running.url,
        projectId: keys[0]!.projectId,
        publicKey: keys[0]!.public,
      };
      for (const environment of ['production', 'staging', 'qa', undefined]) {
        await sendEvent(target, { message: 'boom', ...(environment ? { environment } : {}) });
      }
      const hide = await call('/api/0/projects/acme-corp/storefront/environments/qa/', {
        method: 'PUT',
        body: JSON.stringify({ isHidden: true }),
      });
      expect(hide.status).toBe(200);
      const { body } = await call('/api/0/projects/acme-corp/storefront/');
      expect((body as Project).environments).toEqual(['production', 'staging']);
    });
  });

  describe('keys', () => {
    const dsnPattern = (projectId: string) =>
      new RegExp(`^http://[0-9a-f]{32}@127\\.0\\.0\\.1:${new URL(running.url).port}/${projectId}$`);

    it('lists a project’s keys with their DSNs', async () => {
      const project = (await call('/api/0/projects/acme-corp/storefront/')).body as Project;
      const { status, body } = await call('/api/0/projects/acme-corp/storefront/keys/');
      expect(status).toBe(200);
      const keys = body as Key[];
      expect(keys).toHaveLength(1);
      expect(keys[0]!.dsn.public).toMatch(dsnPattern(project.id));
      expect(keys[0]!.dsn.public).toContain(`//${keys[0]!.public}@`);
    });

    it('creates a key that ingests at once', async () => {
      const project = (await call('/api/0/projects/acme-corp/storefront/')).body as Project;
      const created = await post('/api/0/projects/acme-corp/storefront/keys/', { name: 'CI' });
      expect(created.status).toBe(201);
      const key = created.body as Key;
      expect(key).toMatchObject({ name: 'CI', projectId: Number(project.id) });
      expect(key.dsn.public).toMatch(dsnPattern(project.id));

      const listed = (await call('/api/0/projects/acme-corp/storefront/keys/')).body as Key[];
      expect(listed.map((item) => item.public)).toContain(key.public);

      const target = { url: running.url, projectId: key.projectId, publicKey: key.public };
      const response = await postEnvelope(target, eventEnvelope({ message: 'from the new key' }));
      expect(response.status).toBe(200);
    });

    it('refuses a key of one project on another project’s path', async () => {
      const storefront = (await call('/api/0/projects/acme-corp/storefront/keys/')).body as Key[];
      const other = await post('/api/0/teams/acme-corp/acme-corp/projects/', { name: 'Backend' });
      expect(other.status).toBe(201);
      const backendId = Number((other.body as Project).id);
      const response = await postEnvelope(
        { url: running.url, projectId: backendId, publicKey: storefront[0]!.public },
        eventEnvelope({ message: 'wrong project' }),
      );
      expect(response.status).toBe(403);
      const events = running.core.db
        .prepare('SELECT COUNT(*) AS n FROM events WHERE project_id = ?')
        .get(backendId) as { n: number };
      expect(events.n).toBe(0);
    });
  });
});
