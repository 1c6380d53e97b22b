import type { Db } from '../db/open.js';
import { StatusError, fieldErrors } from '../errors.js';
import { newKeyHex } from '../ids.js';
import { insertKey } from '../repositories/keys.js';
import {
  type OrganizationRow,
  getOrganizationBySlug,
  getOrganizationById,
  insertOrganization,
} from '../repositories/organizations.js';
import {
  type ProjectRow,
  getProjectById,
  getProjectBySlug,
  insertProject,
} from '../repositories/projects.js';
import { isValidSlug, slugify } from './slugs.js';

export interface NameAndSlug {
  name?: unknown;
  slug?: unknown;
}

/** Checks a create body as Sentry's serializers do, answering per-field errors. */
function nameAndSlug(input: NameAndSlug): { name: string; slug: string } {
  const errors: Record<string, string[]> = {};
  const name = typeof input.name === 'string' ? input.name.trim() : '';
  if (input.name === undefined || input.name === null) errors.name = ['This field is required.'];
  else if (typeof input.name !== 'string' || name === '')
    errors.name = ['This field may not be blank.'];
  else if (name.length > 64) errors.name = ['Ensure this field has no more than 64 characters.'];
  let slug = '';
  if (input.slug !== undefined && input.slug !== null && input.slug !== '') {
    slug = typeof input.slug === 'string' ? input.slug : '';
    if (!isValidSlug(slug)) {
      errors.slug = [
        'Enter a valid slug consisting of lowercase letters, numbers, underscores or hyphens. It cannot be entirely numeric.',
      ];
    }
  } else if (!errors.name) {
    slug = slugify(name);
    if (!isValidSlug(slug)) errors.name = ['The name gives no valid slug: give a slug.'];
  }
  if (Object.keys(errors).length > 0) throw fieldErrors(errors);
  return { name, slug };
}

export function createOrganization(db: Db, input: NameAndSlug, now: number): OrganizationRow {
  const { name, slug } = nameAndSlug(input);
  if (getOrganizationBySlug(db, slug)) {
    throw new StatusError(409, 'An organization with this slug already exists.');
  }
  return getOrganizationById(db, insertOrganization(db, slug, name, now))!;
}

/** A new project with one key, as Sentry creates it. */
export function createProject(
  db: Db,
  org: OrganizationRow,
  input: NameAndSlug & { platform?: unknown },
  now: number,
): ProjectRow {
  const { name, slug } = nameAndSlug(input);
  const platform =
    typeof input.platform === 'string' && input.platform !== '' ? input.platform : null;
  if (getProjectBySlug(db, org.id, slug)) {
    throw new StatusError(409, 'A project with this slug already exists.');
  }
  const id = db
    .transaction(() => {
      const projectId = insertProject(db, { organizationId: org.id, slug, name, platform }, now);
      insertKey(
        db,
        { projectId, label: 'Default', publicKey: newKeyHex(), secretKey: newKeyHex() },
        now,
      );
      return projectId;
    })
    .immediate();
  return getProjectById(db, id)!;
}
