import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from './open.js';

const dirs: string[] = [];
const newFile = () => {
  const dir = mkdtempSync(join(tmpdir(), 'outpost-open-'));
  dirs.push(dir);
  return join(dir, 'outpost.db');
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('openDatabase', () => {
  it('gives a new database 8 KB pages, in WAL mode', () => {
    const db = openDatabase({ file: newFile() });
    expect(db.pragma('page_size', { simple: true })).toBe(8192);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('keeps the page size of a database made before, and migrates it', () => {
    const file = newFile();
    const old = new Database(file);
    old.pragma('page_size = 4096');
    old.pragma('journal_mode = WAL');
    old.exec('CREATE TABLE kept (a)');
    old.close();
    const db = openDatabase({ file });
    expect(db.pragma('page_size', { simple: true })).toBe(4096);
    expect(
      db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'events'").get(),
    ).toEqual({ n: 1 });
    db.close();
  });
});
