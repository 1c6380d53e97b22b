import type { Db } from '../db/open.js';
import type { EventStore } from './event-store.js';
import type { WriteJob, WriteOutcome } from './write-types.js';

/**
 * Commits jobs together in one transaction (group commit), each in its own savepoint so that
 * one bad job cannot undo the others. Throws when the commit itself fails: then none was
 * written.
 */
export function createBatchWrite(db: Db, store: EventStore, now: () => number = Date.now) {
  // Changes when another connection commits (PRAGMA data_version): rows the caches remember
  // may then have been deleted, so they are forgotten before the batch writes.
  const dataVersion = db.prepare('PRAGMA data_version').pluck();
  let seenVersion: unknown = dataVersion.get();

  const writeOne = db.transaction((job: WriteJob, at: number) => store.write(job, at));
  const writeAll = db.transaction((jobs: WriteJob[], at: number): WriteOutcome[] => {
    const version = dataVersion.get();
    if (version !== seenVersion) {
      store.clearCaches();
      seenVersion = version;
    }
    return jobs.map((job) => {
      try {
        return { ok: true as const, result: writeOne(job, at) };
      } catch (error) {
        // The savepoint rolled back: cached rows it created may not exist.
        store.clearCaches();
        return { ok: false as const, error };
      }
    });
  });

  return (jobs: WriteJob[]): WriteOutcome[] => {
    try {
      return writeAll.immediate(jobs, now());
    } catch (error) {
      store.clearCaches();
      throw error;
    }
  };
}

export type BatchWrite = ReturnType<typeof createBatchWrite>;
