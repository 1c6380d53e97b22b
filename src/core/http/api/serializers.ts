import type { Db } from '../../db/open.js';
import { listProjectEnvironments } from '../../repositories/environments.js';
import type { ProjectKeyRow } from '../../repositories/keys.js';
import type { OrganizationRow } from '../../repositories/organizations.js';
import type { ProjectRow } from '../../repositories/projects.js';
import { iso } from './context.js';

export function serializeOrganization(org: OrganizationRow) {
  return {
    id: String(org.id),
    slug: org.slug,
    name: org.name,
    dateCreated: iso(org.date_added),
    status: { id: 'active', name: 'active' },
    isEarlyAdopter: false,
    require2FA: false,
    features: [],
    avatar: { avatarType: 'letter_avatar', avatarUuid: null },
  };
}

/** Each organization has one team, whose slug is the organization's. */
export function serializeTeam(org: OrganizationRow) {
  return { id: String(org.id), slug: org.slug, name: org.name };
}

export function serializeProject(db: Db, project: ProjectRow, org: OrganizationRow) {
  const team = serializeTeam(org);
  return {
    id: String(project.id),
    slug: project.slug,
    name: project.name,
    platform: project.platform,
    dateCreated: iso(project.date_added),
    status: 'active',
    isBookmarked: false,
    isMember: true,
    hasAccess: true,
    features: [],
    // Spec §2: the visible, named environments.
    environments: listProjectEnvironments(db, project.id, 'visible').map((env) => env.name),
    organization: serializeOrganization(org),
    team,
    teams: [team],
  };
}

export function projectDsn(baseUrl: string, publicKey: string, projectId: number, secret?: string) {
  const url = new URL(baseUrl);
  url.username = publicKey;
  if (secret) url.password = secret;
  url.pathname = `/${projectId}`;
  return url.toString();
}

export function serializeKey(key: ProjectKeyRow, baseUrl: string) {
  const base = `${baseUrl}/api/${key.project_id}`;
  return {
    id: key.public_key,
    name: key.label,
    label: key.label,
    public: key.public_key,
    secret: key.secret_key,
    projectId: key.project_id,
    isActive: key.is_active === 1,
    dateCreated: iso(key.date_added),
    rateLimit: null,
    dsn: {
      public: projectDsn(baseUrl, key.public_key, key.project_id),
      secret: projectDsn(baseUrl, key.public_key, key.project_id, key.secret_key),
      csp: `${base}/csp-report/?sentry_key=${key.public_key}`,
      security: `${base}/security/?sentry_key=${key.public_key}`,
      minidump: `${base}/minidump/?sentry_key=${key.public_key}`,
      unreal: `${base}/unreal/${key.public_key}/`,
      cdn: null,
    },
  };
}
