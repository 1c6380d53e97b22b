import Database from 'better-sqlite3';
import { migrate } from './migrate.js';
import { migrations } from './migrations/index.js';

export type Db = Database.Database;

export interface OpenOptions {
  /** Path of the database file, or ':memory:'. */
  file: string;
  /** A native addon to load instead of the one npm built (the desktop app points at its Electron build). */
  nativeBinding?: string;
}

/**
 * Opens the store and brings its schema up to date.
 * WAL lets readers work while the single writer commits; synchronous=FULL makes every
 * acknowledged commit survive a crash of the process or of the machine.
 */
export function openDatabase({ file, nativeBinding }: OpenOptions): Db {
  const db = new Database(file, nativeBinding ? { nativeBinding } : {});
  // A new database gets 8 KB pages, where a compressed event of 2-3 KB shares its page with
  // two others instead of having one of 4 KB to itself: the write touches fewer pages and the
  // file is a third smaller. An existing database keeps its page size (WAL cannot change it).
  db.pragma('page_size = 8192');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('cache_size = -32000');
  const latest = migrations.at(-1)!.version;
  migrate(
    db,
    migrations,
    undefined,
    file === ':memory:' ? undefined : `${file}.before-v${latest}.bak`,
  );
  return db;
}
