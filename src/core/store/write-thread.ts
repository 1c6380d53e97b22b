import { MessageChannel, Worker } from 'node:worker_threads';
import { oncePerTurn } from '../once-per-turn.js';
import { threadEntry } from '../thread-entry.js';
import { createCommitListeners } from './commit-listeners.js';
import { payloadTransfers } from './thread-buffers.js';
import type { FromWriteThread, ToWriteThread } from './write-worker.js';
import type {
  CommittedWrite,
  ExpectedWrite,
  WriteJob,
  WriteResult,
  Writer,
} from './write-types.js';

interface Pending {
  projectId: number;
  /** Absent for a job expected through a port: it never passed through here. */
  job?: WriteJob;
  resolve(result: WriteResult): void;
  reject(error: unknown): void;
}

export interface WriteThreadOptions {
  /** The database file; the thread opens its own connection to it. */
  file: string;
  nativeBinding?: string;
  /** Where ingest writes if the thread cannot start: on the event loop. */
  fallback: () => Writer;
  entry?: string;
}

const defaultEntry = () =>
  threadEntry(import.meta.url, 'write-worker-from-source.mjs', 'write-worker.js');

/**
 * Ingest's writes on a thread of their own (write-worker.ts). A commit's disk sync takes
 * milliseconds; off the event loop, requests keep being read, processed and answered meanwhile,
 * and the jobs that arrive form the next, larger batch. Callers are answered after the commit,
 * as with the writer on the event loop, which takes over if the thread cannot start. A thread
 * that dies later fails only the jobs it held (none of them was answered 200) and is replaced.
 */
export function createWriteThread({
  file,
  nativeBinding,
  fallback,
  entry = defaultEntry(),
}: WriteThreadOptions): Writer {
  const listeners = createCommitListeners();
  const pending = new Map<number, Pending>();
  const turns = new Map<number, () => void>();
  const prunes = new Map<
    number,
    {
      onBatch(issueIds: number[]): void;
      resolve(deleted: number): void;
      reject(error: Error): void;
    }
  >();
  let nextId = 0;
  let closed = false;
  let inline: Writer | undefined;
  let worker: Worker;
  let started = false;
  // Counts the threads started: a port opened to one thread never reaches its replacement.
  let generation = 0;
  const replacedListeners: (() => void)[] = [];
  let closing: Promise<void> | undefined;
  let onClosed = () => {};
  // The jobs that arrive in one turn of the event loop travel in one message: a message costs a
  // wake-up and an event on either side, far more than the jobs' bytes.
  let outbox: { id: number; job: WriteJob }[] = [];

  function useInline(): Writer {
    if (!inline) {
      inline = fallback();
      inline.onCommit(listeners.notify);
    }
    return inline;
  }

  function settle(message: FromWriteThread) {
    if (message.type === 'committed') {
      const committed: CommittedWrite[] = [];
      for (const outcome of message.outcomes) {
        const waiting = pending.get(outcome.id);
        if (!waiting) continue;
        pending.delete(outcome.id);
        if (outcome.ok) {
          const result = outcome.result as WriteResult;
          committed.push({ projectId: waiting.projectId, result });
          waiting.resolve(result);
        } else waiting.reject(new Error(outcome.error));
      }
      listeners.notify(committed);
    } else if (message.type === 'failed') {
      for (const id of message.ids) {
        pending.get(id)?.reject(new Error(message.error));
        pending.delete(id);
      }
    }
    unrefIfIdle();
  }

  // Idle, the thread must not keep the process alive.
  function unrefIfIdle() {
    if (pending.size === 0 && prunes.size === 0) worker.unref();
  }

  function settlePrune(
    message: Extract<FromWriteThread, { type: 'pruned' | 'prune-done' | 'prune-failed' }>,
  ) {
    if (message.type === 'pruned') {
      try {
        prunes.get(message.id)?.onBatch(message.issueIds);
      } finally {
        // After what the batch's news set off: jobs queued meanwhile reach the thread first.
        // Always: the round waits for it.
        send({ type: 'prune-continue' });
      }
      return;
    }
    const waiting = prunes.get(message.id);
    prunes.delete(message.id);
    if (message.type === 'prune-done') waiting?.resolve(message.deleted);
    else waiting?.reject(new Error(message.error));
    unrefIfIdle();
  }

  function endTurn(id: number) {
    turns.get(id)?.();
    turns.delete(id);
  }

  function spawn() {
    worker = new Worker(entry, { workerData: { file, nativeBinding } });
    started = false;
    generation += 1;
    let ended = false;
    worker.on('message', (message: FromWriteThread) => {
      if (message.type === 'ready') started = true;
      else if (message.type === 'closed') onClosed();
      else if (message.type === 'turned') endTurn(message.id);
      else if (
        message.type === 'pruned' ||
        message.type === 'prune-done' ||
        message.type === 'prune-failed'
      )
        settlePrune(message);
      else settle(message);
    });
    const end = (error: Error) => {
      // 'error' is followed by 'exit': deal with a thread's end once.
      if (ended) return;
      ended = true;
      const held = [...pending.values()];
      pending.clear();
      outbox = [];
      // Whoever waits for a turn goes on: there is nothing left to wait for.
      for (const id of [...turns.keys()]) endTurn(id);
      // A round of retention ends with the thread; the next round starts on its replacement.
      for (const round of prunes.values()) round.reject(error);
      prunes.clear();
      if (closed) {
        onClosed();
        for (const waiting of held) waiting.reject(error);
      } else if (!started) {
        // A thread that cannot even start would fail again at once: write on the event loop
        // from now on, beginning with what it held.
        console.error(`The write thread is unavailable (${error.message}); writing inline.`);
        const writer = useInline();
        // Only jobs sent through `write` are held before the thread is known to run.
        for (const waiting of held)
          writer.write(waiting.job!).then(waiting.resolve, waiting.reject);
      } else {
        for (const waiting of held) waiting.reject(error);
        spawn();
        for (const listener of replacedListeners) listener();
      }
    };
    worker.on('error', end);
    worker.on('exit', (code) => end(new Error(`The write thread exited (${code}).`)));
    worker.unref();
  }
  spawn();

  function flush() {
    if (outbox.length === 0) return;
    const jobs = outbox;
    outbox = [];
    // Payloads are handed over once the thread is known to run; before, they are copied, so
    // that the fallback can still write them if it never starts.
    const transfers = started ? jobs.flatMap(({ job }) => payloadTransfers(job)) : [];
    worker.postMessage({ type: 'write', jobs } satisfies ToWriteThread, transfers);
  }
  const flushSoon = oncePerTurn(flush);
  // Whatever else is sent comes after the jobs asked for before it.
  const send = (message: ToWriteThread) => {
    flush();
    worker.postMessage(message);
  };

  function hold(id: number, waiting: Pending) {
    pending.set(id, waiting);
    if (pending.size === 1) worker.ref();
  }

  function expect(projectId: number): ExpectedWrite | undefined {
    // Before the thread is known to run, a job sent to it might never be written: it goes
    // through `write`, which keeps it for the fallback.
    if (inline || closed || !started) return undefined;
    const id = nextId++;
    let settle!: Pick<Pending, 'resolve' | 'reject'>;
    const done = new Promise<WriteResult>((resolve, reject) => (settle = { resolve, reject }));
    // Awaited only once processing is over; a failure before then must not go unhandled.
    done.catch(() => {});
    hold(id, { projectId, ...settle });
    return {
      id,
      generation,
      done,
      cancel() {
        if (pending.delete(id)) unrefIfIdle();
      },
    };
  }

  return {
    write(job) {
      if (closed) return Promise.reject(new Error('The store is closed.'));
      if (inline) return inline.write(job);
      return new Promise<WriteResult>((resolve, reject) => {
        const id = nextId++;
        hold(id, { projectId: job.projectId, job, resolve, reject });
        outbox.push({ id, job });
        flushSoon();
      });
    },
    onCommit: listeners.add,
    direct: {
      openPort() {
        const { port1, port2 } = new MessageChannel();
        worker.postMessage({ type: 'port', port: port2 } satisfies ToWriteThread, [port2]);
        return { port: port1, generation };
      },
      expect,
      onReplaced: (listener) => void replacedListeners.push(listener),
    },
    clearCaches() {
      if (inline) inline.clearCaches();
      else send({ type: 'clear-caches' });
    },
    prune(onBatch) {
      if (inline) return inline.prune(onBatch);
      if (closed) return Promise.resolve(0);
      return new Promise<number>((resolve, reject) => {
        const id = nextId++;
        prunes.set(id, { onBatch, resolve, reject });
        worker.ref();
        send({ type: 'prune', id });
      });
    },
    turn() {
      if (inline || closed) return inline ? inline.turn() : Promise.resolve();
      return new Promise<void>((resolve) => {
        const id = nextId++;
        turns.set(id, resolve);
        send({ type: 'turn', id });
      });
    },
    close() {
      closing ??= (async () => {
        closed = true;
        if (inline) return inline.close();
        // The thread writes what it holds, closes its connection and says so.
        const done = new Promise<void>((resolve) => (onClosed = resolve));
        worker.ref();
        send({ type: 'close' });
        await done;
        await worker.terminate();
      })();
      return closing;
    },
  };
}
