import type { Statement } from 'better-sqlite3';
import type { Db } from './open.js';

const MAX_CACHED = 500;
const caches = new WeakMap<Db, Map<string, Statement>>();

/**
 * The prepared statement for this SQL text, prepared once per database. Preparing costs tens
 * of microseconds, which adds up when a page of 100 issues asks four small questions of each.
 */
export function cached(db: Db, sql: string): Statement {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  let statement = cache.get(sql);
  if (!statement) {
    // IN lists make the text vary with their length: keep the cache bounded all the same.
    if (cache.size >= MAX_CACHED) cache.clear();
    statement = db.prepare(sql);
    cache.set(sql, statement);
  }
  return statement;
}
