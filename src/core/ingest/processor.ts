import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { StatusError } from '../errors.js';
import { oncePerTurn } from '../once-per-turn.js';
import { ownBlock, restoreBuffers } from '../store/thread-buffers.js';
import type { DirectWrites } from '../store/write-types.js';
import { threadEntry } from '../thread-entry.js';
import { type BodyRequest, type ProcessedBody, processBody } from './process-body.js';
import type { Forward, Forwarded, Reply, ToProcessingThread } from './worker.js';

export type { Forward, Forwarded } from './worker.js';

/** What became of a body: what it asks to store, or, handed to the write thread, its answer. */
export type ProcessOutcome = ProcessedBody | Forwarded;

interface Pending {
  request: BodyRequest;
  resolve(result: ProcessOutcome): void;
  reject(error: unknown): void;
}

interface Thread {
  worker: Worker;
  pending: Map<number, Pending>;
  /** Requests not yet sent to the thread. */
  outbox: { id: number; request: BodyRequest; forward?: Forward }[];
  started: boolean;
}

/** Puts the body in a memory block of its own and returns the block, to hand over. */
function bodyTransfer(request: BodyRequest): ArrayBuffer {
  request.body = ownBlock(request.body);
  return request.body.buffer as ArrayBuffer;
}

function sendPort(worker: Worker, writes: DirectWrites) {
  const { port, generation } = writes.openPort();
  worker.postMessage({ type: 'port', port, generation } satisfies ToProcessingThread, [port]);
}

const workerEntry = () =>
  threadEntry(import.meta.url, 'worker-from-source.mjs', 'ingest-worker.js');

/** The default: one processing thread a core beyond the one that serves and writes. */
export const defaultWorkerCount = () => Math.max(1, Math.min(4, availableParallelism() - 1));

/**
 * Runs the CPU-heavy part of ingest (decompression, JSON, normalisation, grouping) off the
 * event loop that answers requests and commits, on a few threads; with `workers: 0`, inline.
 * Given the write thread's side door (`writes`), a thread hands a job whose project is known
 * straight to the write thread, and the event loop only hears what to answer. A thread that
 * dies fails only the requests it held, and is replaced.
 */
export function createProcessor({
  workers,
  entry = workerEntry(),
  writes,
}: {
  workers: number;
  entry?: string;
  writes?: DirectWrites;
}) {
  if (workers === 0) {
    const processInline = async (request: BodyRequest) => processBody(request);
    return {
      process: processInline,
      processOrForward: (request: BodyRequest, _forward?: Forward): Promise<ProcessOutcome> =>
        processInline(request),
      close: async () => {},
    };
  }
  const runInline = ({ request, resolve, reject }: Pending) => {
    try {
      resolve(processBody(request));
    } catch (error) {
      reject(error);
    }
  };
  const threads: Thread[] = [];
  let nextId = 0;
  let closed = false;
  let inline = false;

  function spawn(index: number) {
    const worker = new Worker(entry);
    const thread: Thread = { worker, pending: new Map(), outbox: [], started: false };
    let dead = false;
    if (writes) sendPort(worker, writes);
    worker.on('message', (message: { ready: true } | { replies: Reply[] }) => {
      if ('ready' in message) {
        thread.started = true;
        return;
      }
      for (const reply of message.replies) settle(thread, reply);
    });
    const fail = (error: unknown) => {
      // 'error' is followed by 'exit': deal with a thread's end once.
      if (dead) return;
      dead = true;
      const held = [...thread.pending.values()];
      thread.pending.clear();
      thread.outbox = [];
      if (!thread.started && !closed) {
        // A thread that cannot even start would fail again at once: process inline from now on,
        // beginning with what it held.
        console.error(
          `Ingest processing threads are unavailable (${(error as Error).message}); processing inline.`,
        );
        inline = true;
        for (const waiting of held) runInline(waiting);
        return;
      }
      for (const waiting of held) waiting.reject(error);
      if (!closed) spawn(index);
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`A processing thread exited (${code}).`)));
    // Idle threads must not keep the process alive.
    worker.unref();
    threads[index] = thread;
  }
  for (let index = 0; index < workers; index++) spawn(index);
  // A new write thread needs new ports; until a thread has one, its jobs come back here.
  writes?.onReplaced(() => {
    for (const { worker } of threads) sendPort(worker, writes);
  });

  function settle({ pending }: Thread, reply: Reply) {
    const waiting = pending.get(reply.id);
    if (!waiting) return;
    pending.delete(reply.id);
    if (!reply.ok) {
      waiting.reject(new StatusError(reply.error.status, reply.error.message, reply.error.body));
    } else if ('forwarded' in reply) {
      waiting.resolve(reply.forwarded);
    } else {
      waiting.resolve(restoreBuffers(reply.result));
    }
  }

  // The bodies read in one turn of the event loop travel in one message: a message costs a
  // wake-up and an event on either side, far more than the bodies' bytes.
  function flush() {
    for (const thread of threads) {
      if (thread.outbox.length === 0) continue;
      const batch = thread.outbox;
      thread.outbox = [];
      // Handed over once the thread is known to run; before, copied, so that inline processing
      // can still read them if it never starts.
      const transfers = thread.started ? batch.map(({ request }) => bodyTransfer(request)) : [];
      thread.worker.postMessage({ type: 'batch', batch } satisfies ToProcessingThread, transfers);
    }
  }
  const flushSoon = oncePerTurn(flush);

  function submit(request: BodyRequest, forward?: Forward): Promise<ProcessOutcome> {
    return new Promise((resolve, reject) => {
      if (inline) return runInline({ request, resolve, reject });
      const thread = threads.reduce((least, each) =>
        each.pending.size < least.pending.size ? each : least,
      );
      const id = nextId++;
      thread.pending.set(id, { request, resolve, reject });
      thread.outbox.push(forward ? { id, request, forward } : { id, request });
      flushSoon();
    });
  }

  return {
    // Without a place to forward to, a thread always brings the body's writes back.
    process: (request: BodyRequest) => submit(request) as Promise<ProcessedBody>,
    /** `forward`: where the write thread expects the job, when the project is known. */
    processOrForward: submit,
    async close() {
      closed = true;
      await Promise.all(threads.map(({ worker }) => worker.terminate()));
    },
  };
}

export type Processor = ReturnType<typeof createProcessor>;
