import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { type Migration, migrate } from './migrate.js';

const create: Migration = {
  version: 1,
  name: 'create',
  up: (db) => db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL) STRICT'),
};
const broken: Migration = {
  version: 2,
  name: 'broken',
  up(db) {
    db.exec('ALTER TABLE notes ADD COLUMN extra TEXT');
    throw new Error('this upgrade fails half-way');
  },
};

describe('migrate', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('backs up the data before an upgrade, and a failed upgrade leaves the old file usable', () => {
    dir = mkdtempSync(join(tmpdir(), 'outpost-migrate-'));
    const file = join(dir, 'outpost.db');
    const backup = `${file}.before-v2.bak`;
    const db = new Database(file);
    migrate(db, [create], undefined, backup);
    expect(existsSync(backup)).toBe(false);
    db.prepare("INSERT INTO notes (text) VALUES ('kept')").run();

    expect(() => migrate(db, [create, broken], undefined, backup)).toThrow(/fails half-way/);
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(db.prepare('SELECT * FROM notes').all()).toEqual([{ id: 1, text: 'kept' }]);
    db.close();

    const copy = new Database(backup, { readonly: true });
    expect(copy.prepare('SELECT text FROM notes').all()).toEqual([{ text: 'kept' }]);
    copy.close();
  });
});
