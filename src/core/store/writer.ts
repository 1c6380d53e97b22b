import type { Db } from '../db/open.js';
import type { EventStore } from './event-store.js';
import type { CommittedWrite, WriteJob, WriteResult } from './write-types.js';

interface Pending {
  job: WriteJob;
  resolve(result: WriteResult): void;
  reject(error: unknown): void;
}

/**
 * The one place where ingest writes. Jobs that arrive while the event loop is busy are
 * committed together in one transaction (group commit), each in its own savepoint so that one
 * bad job cannot undo the others; every caller is answered only after the commit.
 * Listeners run after each commit: live updates and rule evaluation hang off this.
 */
export function createWriter(db: Db, store: EventStore, now: () => number = Date.now) {
  let queue: Pending[] = [];
  let scheduled = false;
  let closed = false;
  const listeners = new Set<(writes: CommittedWrite[]) => void>();

  const writeOne = db.transaction((job: WriteJob, at: number) => store.write(job, at));
  const writeBatch = db.transaction((batch: Pending[], at: number) =>
    batch.map((pending) => {
      try {
        return { ok: true as const, result: writeOne(pending.job, at) };
      } catch (error) {
        return { ok: false as const, error };
      }
    }),
  );

  function flush() {
    scheduled = false;
    const batch = queue;
    queue = [];
    if (batch.length === 0) return;
    let outcomes;
    try {
      outcomes = writeBatch(batch, now());
    } catch (error) {
      store.clearCaches();
      for (const pending of batch) pending.reject(error);
      return;
    }
    const committed: CommittedWrite[] = [];
    outcomes.forEach((outcome, index) => {
      const pending = batch[index]!;
      if (outcome.ok) {
        committed.push({ job: pending.job, result: outcome.result });
        pending.resolve(outcome.result);
      } else {
        store.clearCaches();
        pending.reject(outcome.error);
      }
    });
    for (const listener of listeners) {
      try {
        listener(committed);
      } catch (error) {
        console.error('A listener after commit failed:', error);
      }
    }
  }

  return {
    write(job: WriteJob): Promise<WriteResult> {
      if (closed) return Promise.reject(new Error('The store is closed.'));
      return new Promise<WriteResult>((resolve, reject) => {
        queue.push({ job, resolve, reject });
        if (!scheduled) {
          scheduled = true;
          setImmediate(flush);
        }
      });
    },
    /** Called after every commit with the writes it made durable. Returns an unsubscribe. */
    onCommit(listener: (writes: CommittedWrite[]) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    get pending() {
      return queue.length;
    },
    /** Writes what is queued and refuses anything after. */
    close() {
      flush();
      closed = true;
    },
  };
}

export type Writer = ReturnType<typeof createWriter>;
