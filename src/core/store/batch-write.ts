import type { Db } from '../db/open.js';
import type { EventStore } from './event-store.js';
import type { WriteJob, WriteOutcome } from './write-types.js';

/**
 * Commits jobs together in one transaction (group commit). One bad job must not undo the others,
 * yet a savepoint per job would copy every page it touches to a statement journal first; so the
 * batch is written plainly, and only when a job fails is it rolled back and written again with
 * a savepoint per job. Throws when the commit itself fails: then none was written.
 */
export function createBatchWrite(db: Db, store: EventStore, now: () => number = Date.now) {
  // Changes when another connection commits (PRAGMA data_version): rows the caches remember
  // may then have been deleted, so they are forgotten before the batch writes.
  const dataVersion = db.prepare('PRAGMA data_version').pluck();
  let seenVersion: unknown = dataVersion.get();
  const checkCaches = () => {
    const version = dataVersion.get();
    if (version !== seenVersion) {
      store.clearCaches();
      seenVersion = version;
    }
  };

  const writeAll = db.transaction((jobs: WriteJob[], at: number): WriteOutcome[] => {
    checkCaches();
    return jobs.map((job) => ({ ok: true as const, result: store.write(job, at) }));
  });

  const writeOne = db.transaction((job: WriteJob, at: number) => store.write(job, at));
  const writeEach = db.transaction((jobs: WriteJob[], at: number): WriteOutcome[] => {
    checkCaches();
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
    const at = now();
    try {
      return writeAll.immediate(jobs, at);
    } catch {
      // Rolled back whole: the caches may remember rows of it. Each job on its own now.
      store.clearCaches();
    }
    try {
      return writeEach.immediate(jobs, at);
    } catch (error) {
      store.clearCaches();
      throw error;
    }
  };
}

export type BatchWrite = ReturnType<typeof createBatchWrite>;
