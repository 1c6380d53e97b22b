// The write thread: jobs in, outcomes out, one message per commit (write-thread.ts sends the
// jobs, and processing threads send theirs through ports of their own). It has its own
// connection, so the disk sync of a commit never holds the event loop that reads requests and
// answers them; jobs that arrive during a commit form the next batch.
import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../db/open.js';
import { oncePerTurn } from '../once-per-turn.js';
import { createBatchWrite } from './batch-write.js';
import { createEventStore } from './event-store.js';
import { createPruner } from './retention.js';
import { restoreBuffers } from './thread-buffers.js';
import type { PortJobs, WriteJob } from './write-types.js';

export type ToWriteThread =
  | ({ type: 'write' } & PortJobs)
  | { type: 'port'; port: MessagePort }
  | { type: 'clear-caches' }
  | { type: 'turn'; id: number }
  | { type: 'prune'; id: number }
  | { type: 'prune-continue' }
  | { type: 'close' };

export type FromWriteThread =
  | { type: 'ready' }
  | {
      type: 'committed';
      outcomes: (
        { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string }
      )[];
    }
  | { type: 'failed'; ids: number[]; error: string }
  | { type: 'turned'; id: number }
  | { type: 'pruned'; id: number; issueIds: number[] }
  | { type: 'prune-done'; id: number; deleted: number }
  | { type: 'prune-failed'; id: number; error: string }
  | { type: 'closed' };

const { file, nativeBinding } = workerData as { file: string; nativeBinding?: string };
const db = openDatabase({ file, ...(nativeBinding ? { nativeBinding } : {}) });
// Waiting for the lock (a bulk deletion, clearing all data) delays answers; giving up fails them.
db.pragma('busy_timeout = 30000');
// Writes touch the newest pages and the indexes' paths to them: half the readers' cache will do,
// and the process stays within its memory budget with two connections.
db.pragma('cache_size = -16000');
const store = createEventStore(db);
const writeBatch = createBatchWrite(db, store);
const port = parentPort!;
let queue: { id: number; job: WriteJob }[] = [];

const post = (message: FromWriteThread) => port.postMessage(message);
const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));

function flush() {
  const batch = queue;
  queue = [];
  if (batch.length === 0) return;
  try {
    const outcomes = writeBatch(batch.map(({ job }) => job));
    post({
      type: 'committed',
      outcomes: outcomes.map((outcome, index) => {
        const { id } = batch[index]!;
        return outcome.ok
          ? { id, ok: true, result: outcome.result }
          : { id, ok: false, error: reason(outcome.error) };
      }),
    });
  } catch (error) {
    post({ type: 'failed', ids: batch.map(({ id }) => id), error: reason(error) });
  }
}

const flushSoon = oncePerTurn(flush);

// Retention runs here, between commits, on this connection: deletions from another connection
// took the write lock from ingest, and every commit of theirs emptied this connection's page
// cache. After each batch the event loop hears which issues changed and answers; the jobs it
// sent before answering are committed before the next batch.
let continuePruning: (() => void) | undefined;
const pruner = createPruner(db, {
  pause: () => new Promise<void>((resolve) => (continuePruning = resolve)),
});

function prune(id: number) {
  pruner
    .pruneAll((issueIds) => post({ type: 'pruned', id, issueIds }))
    .then(
      (deleted) => post({ type: 'prune-done', id, deleted }),
      (error: unknown) => post({ type: 'prune-failed', id, error: reason(error) }),
    );
}

function receive({ jobs }: PortJobs) {
  for (const { id, job } of jobs) queue.push({ id, job: restoreBuffers(job) });
  flushSoon();
}

port.on('message', (message: ToWriteThread) => {
  if (message.type === 'write') {
    receive(message);
  } else if (message.type === 'port') {
    message.port.on('message', receive);
  } else if (message.type === 'clear-caches') {
    store.clearCaches();
  } else if (message.type === 'prune') {
    prune(message.id);
  } else if (message.type === 'prune-continue') {
    flush();
    const resume = continuePruning;
    continuePruning = undefined;
    resume?.();
  } else if (message.type === 'turn') {
    flush();
    post({ type: 'turned', id: message.id });
  } else {
    flush();
    db.close();
    post({ type: 'closed' });
    port.close();
  }
});

post({ type: 'ready' });
