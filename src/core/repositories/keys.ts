import type { Db } from '../db/open.js';

export interface ProjectKeyRow {
  id: number;
  project_id: number;
  label: string;
  public_key: string;
  secret_key: string;
  is_active: number;
  date_added: number;
}

export interface ActiveKey {
  projectId: number;
  organizationId: number;
}

export function listKeys(db: Db, projectId: number): ProjectKeyRow[] {
  return db
    .prepare('SELECT * FROM project_keys WHERE project_id = ? ORDER BY id')
    .all(projectId) as ProjectKeyRow[];
}

export function insertKey(
  db: Db,
  key: { projectId: number; label: string; publicKey: string; secretKey: string },
  now: number,
): number {
  const result = db
    .prepare(
      `INSERT INTO project_keys (project_id, label, public_key, secret_key, date_added)
       VALUES (?, ?, ?, ?, ?)`,
    )
    .run(key.projectId, key.label, key.publicKey, key.secretKey, now);
  return Number(result.lastInsertRowid);
}

/** Every active public key with the project and organization it admits events to. */
export function loadActiveKeys(db: Db): Map<string, ActiveKey> {
  const rows = db
    .prepare(
      `SELECT k.public_key, k.project_id, p.organization_id
       FROM project_keys k JOIN projects p ON p.id = k.project_id
       WHERE k.is_active = 1`,
    )
    .all() as { public_key: string; project_id: number; organization_id: number }[];
  return new Map(
    rows.map((row) => [
      row.public_key,
      { projectId: row.project_id, organizationId: row.organization_id },
    ]),
  );
}

export function getKeyById(db: Db, id: number): ProjectKeyRow | undefined {
  return db.prepare('SELECT * FROM project_keys WHERE id = ?').get(id) as ProjectKeyRow | undefined;
}

export function getKeyByPublicKey(
  db: Db,
  projectId: number,
  publicKey: string,
): ProjectKeyRow | undefined {
  return db
    .prepare('SELECT * FROM project_keys WHERE project_id = ? AND public_key = ?')
    .get(projectId, publicKey) as ProjectKeyRow | undefined;
}

export function updateKey(db: Db, id: number, changes: { isActive?: boolean; label?: string }) {
  if (changes.isActive !== undefined) {
    db.prepare('UPDATE project_keys SET is_active = ? WHERE id = ?').run(
      changes.isActive ? 1 : 0,
      id,
    );
  }
  if (changes.label !== undefined) {
    db.prepare('UPDATE project_keys SET label = ? WHERE id = ?').run(changes.label, id);
  }
}

export function deleteKey(db: Db, id: number) {
  db.prepare('DELETE FROM project_keys WHERE id = ?').run(id);
}
