import type { Db } from '../db/open.js';
import { nextTurn, oncePerTurn } from '../once-per-turn.js';
import { createBatchWrite } from './batch-write.js';
import { createCommitListeners } from './commit-listeners.js';
import type { EventStore } from './event-store.js';
import { createPruner } from './retention.js';
import type { CommittedWrite, WriteJob, WriteResult, Writer } from './write-types.js';

interface Pending {
  job: WriteJob;
  resolve(result: WriteResult): void;
  reject(error: unknown): void;
}

/**
 * Ingest's writes on the event loop, on the connection everything else uses: jobs that arrive
 * while the loop is busy are committed together, and each caller is answered after the commit.
 * The desktop app and `serve` write on a thread instead (write-thread.ts); this is where they
 * fall back to, and what tools that own their database use.
 */
export function createWriter(db: Db, store: EventStore, now: () => number = Date.now): Writer {
  const writeBatch = createBatchWrite(db, store, now);
  const listeners = createCommitListeners();
  // Between two batches of deletions, the writes that arrived meanwhile are committed.
  const pruner = createPruner(db, { now, pause: nextTurn });
  let queue: Pending[] = [];
  let closed = false;

  function flush() {
    const batch = queue;
    queue = [];
    if (batch.length === 0) return;
    let outcomes;
    try {
      outcomes = writeBatch(batch.map((pending) => pending.job));
    } catch (error) {
      for (const pending of batch) pending.reject(error);
      return;
    }
    const committed: CommittedWrite[] = [];
    outcomes.forEach((outcome, index) => {
      const pending = batch[index]!;
      if (outcome.ok) {
        committed.push({ projectId: pending.job.projectId, result: outcome.result });
        pending.resolve(outcome.result);
      } else pending.reject(outcome.error);
    });
    listeners.notify(committed);
  }

  const flushSoon = oncePerTurn(flush);

  return {
    write(job) {
      if (closed) return Promise.reject(new Error('The store is closed.'));
      return new Promise<WriteResult>((resolve, reject) => {
        queue.push({ job, resolve, reject });
        flushSoon();
      });
    },
    onCommit: listeners.add,
    clearCaches: () => store.clearCaches(),
    // A flush is scheduled with setImmediate when a job arrives: one scheduled now runs after it.
    turn: nextTurn,
    prune: (onBatch) => pruner.pruneAll(onBatch),
    async close() {
      flush();
      closed = true;
    },
  };
}
