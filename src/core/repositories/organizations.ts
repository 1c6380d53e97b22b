import type { Db } from '../db/open.js';

export interface OrganizationRow {
  id: number;
  slug: string;
  name: string;
  date_added: number;
}

export function listOrganizations(db: Db): OrganizationRow[] {
  return db.prepare('SELECT * FROM organizations ORDER BY name, id').all() as OrganizationRow[];
}

export function getOrganizationBySlug(db: Db, slug: string): OrganizationRow | undefined {
  return db.prepare('SELECT * FROM organizations WHERE slug = ?').get(slug) as
    OrganizationRow | undefined;
}

export function getOrganizationById(db: Db, id: number): OrganizationRow | undefined {
  return db.prepare('SELECT * FROM organizations WHERE id = ?').get(id) as
    OrganizationRow | undefined;
}

export function insertOrganization(db: Db, slug: string, name: string, now: number): number {
  const result = db
    .prepare('INSERT INTO organizations (slug, name, date_added) VALUES (?, ?, ?)')
    .run(slug, name, now);
  return Number(result.lastInsertRowid);
}
