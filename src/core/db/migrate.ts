import { rmSync } from 'node:fs';
import type Database from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
}

/**
 * Applies, in order and each in its own transaction, every migration newer than the
 * database's `user_version`. Migrations are append-only: a landed one is never edited.
 */
export function migrate(
  db: Database.Database,
  migrations: readonly Migration[],
  target?: number,
  backupFile?: string,
) {
  const current = db.pragma('user_version', { simple: true }) as number;
  const last = migrations.at(-1)?.version ?? 0;
  if (current > last) {
    throw new Error(
      `The database is at schema version ${current}, newer than this build knows (${last}): update Outpost.`,
    );
  }
  const pending = migrations.filter(
    (migration) =>
      migration.version > current && (target === undefined || migration.version <= target),
  );
  // A copy of the data as it was, before the first change to a schema that holds any.
  if (backupFile && current > 0 && pending.length > 0) {
    rmSync(backupFile, { force: true });
    db.prepare('VACUUM INTO ?').run(backupFile);
  }
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    if (target !== undefined && migration.version > target) break;
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
}
