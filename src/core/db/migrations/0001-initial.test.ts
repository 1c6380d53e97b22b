import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate.js';
import { migrations } from './index.js';

describe('migration 0001 (initial)', () => {
  it('creates the schema from nothing and enforces the environment rules of spec §1.1', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, migrations, 1);
    expect(db.pragma('user_version', { simple: true })).toBe(1);

    db.prepare(
      "INSERT INTO organizations (id, slug, name, date_added) VALUES (1, 'o', 'O', 0)",
    ).run();
    db.prepare(
      "INSERT INTO projects (id, organization_id, slug, name, date_added) VALUES (1, 1, 'a', 'A', 0), (2, 1, 'b', 'B', 0)",
    ).run();
    const addEnv = db.prepare(
      'INSERT INTO environments (organization_id, name, date_added) VALUES (1, ?, 0)',
    );
    addEnv.run('production');
    addEnv.run('Production');
    expect(() => addEnv.run('production')).toThrow(/UNIQUE/);

    const link = db.prepare(
      'INSERT INTO environment_projects (project_id, environment_id, is_hidden) VALUES (?, 1, ?)',
    );
    link.run(1, null);
    link.run(2, 1);
    expect(() => link.run(1, 0)).toThrow(/UNIQUE/);
    expect(() =>
      db.prepare('UPDATE environment_projects SET is_hidden = 2 WHERE project_id = 1').run(),
    ).toThrow(/CHECK/);

    expect(() =>
      db
        .prepare(
          "INSERT INTO projects (organization_id, slug, name, date_added) VALUES (1, 'a', 'again', 0)",
        )
        .run(),
    ).toThrow(/UNIQUE/);
  });

  it('is not applied twice, and a database newer than the build is refused', () => {
    const db = new Database(':memory:');
    migrate(db, migrations);
    expect(() => migrate(db, migrations)).not.toThrow();
    db.pragma('user_version = 999');
    expect(() => migrate(db, migrations)).toThrow(/newer than this build/);
  });
});
