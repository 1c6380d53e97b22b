import type { Db } from '../db/open.js';
import { newKeyHex } from '../ids.js';
import { insertKey } from '../repositories/keys.js';
import { insertOrganization, listOrganizations } from '../repositories/organizations.js';
import { insertProject } from '../repositories/projects.js';

/** On the first start: organization `local` with project `default` (id 1) and one key. */
export function ensureDefaults(db: Db, now = Date.now()) {
  if (listOrganizations(db).length > 0) return;
  db.transaction(() => {
    const organizationId = insertOrganization(db, 'local', 'Local', now);
    const projectId = insertProject(
      db,
      { organizationId, slug: 'default', name: 'Default', platform: null },
      now,
    );
    insertKey(
      db,
      { projectId, label: 'Default', publicKey: newKeyHex(), secretKey: newKeyHex() },
      now,
    );
  })();
}
