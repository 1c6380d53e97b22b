// A processing thread: bodies in, writes out (src/core/ingest/processor.ts sends the work).
// Where the project is known, a job goes straight to the write thread through a port.
import { type MessagePort, parentPort } from 'node:worker_threads';
import { StatusError } from '../errors.js';
import { payloadTransfers } from '../store/thread-buffers.js';
import type { PortJobs, WriteJob, WritePort } from '../store/write-types.js';
import { type BodyRequest, type ProcessedBody, processBody } from './process-body.js';

/** Where the write thread expects a body's job, and for which project and key. */
export interface Forward {
  writeId: number;
  generation: number;
  projectId: number;
  organizationId: number;
  /** The key the request authenticated with: an envelope naming another is refused. */
  publicKey: string;
}

/** A body whose job went to the write thread: what to answer once it is committed. */
export interface Forwarded {
  forwarded: true;
  responseId: string | null;
}

/** The answer for one body: what it asks to store, that it went on, or why it was refused. */
export type Reply =
  | { id: number; ok: true; result: ProcessedBody }
  | { id: number; ok: true; forwarded: Forwarded }
  | {
      id: number;
      ok: false;
      error: { status: number; message: string; body?: Record<string, unknown> };
    };

export type ToProcessingThread =
  | { type: 'batch'; batch: { id: number; request: BodyRequest; forward?: Forward }[] }
  | ({ type: 'port' } & WritePort);

let writePort: WritePort | undefined;

/** What a batch sends on: replies to the event loop, jobs to the write thread. */
interface Outgoing {
  replies: Reply[];
  transfers: ArrayBuffer[];
  jobs: PortJobs['jobs'];
  jobTransfers: ArrayBuffer[];
}

/** True when the job can go to the write thread: the port reaches the thread that expects it. */
function canForward(result: ProcessedBody, forward: Forward | undefined): forward is Forward {
  if (!forward || writePort?.generation !== forward.generation) return false;
  // Another key in the envelope's own header is refused on the event loop, as is nothing to write.
  if (result.dsnKey !== undefined && result.dsnKey !== forward.publicKey) return false;
  return result.event !== undefined || result.items.length > 0;
}

function processOne(id: number, request: BodyRequest, forward: Forward | undefined, out: Outgoing) {
  try {
    const body = Buffer.from(request.body.buffer, request.body.byteOffset, request.body.byteLength);
    const result = processBody({ ...request, body });
    if (canForward(result, forward)) {
      const { projectId, organizationId } = forward;
      const job: WriteJob = { projectId, organizationId, items: result.items };
      if (result.event) job.event = result.event;
      out.jobTransfers.push(...payloadTransfers(job));
      out.jobs.push({ id: forward.writeId, job });
      out.replies.push({
        id,
        ok: true,
        forwarded: { forwarded: true, responseId: result.responseId },
      });
      return;
    }
    out.transfers.push(...payloadTransfers(result));
    out.replies.push({ id, ok: true, result });
  } catch (error) {
    const failure =
      error instanceof StatusError
        ? { status: error.status, message: error.message, body: error.body }
        : { status: 500, message: `Processing failed: ${(error as Error).message}` };
    out.replies.push({ id, ok: false, error: failure });
  }
}

// Jobs leave for the write thread at least this often while a batch is processed: the write
// thread commits meanwhile, instead of idling until the whole batch is done and then holding
// the next batch up with one long commit.
const FORWARD_EVERY_MS = 0.3;

function forwardJobs(out: Outgoing) {
  if (out.jobs.length === 0) return;
  writePort!.port.postMessage({ jobs: out.jobs } satisfies PortJobs, out.jobTransfers);
  out.jobs = [];
  out.jobTransfers = [];
}

// A batch in; its jobs to the write thread as they are ready, one message of replies out.
parentPort!.on('message', (message: ToProcessingThread) => {
  if (message.type === 'port') {
    writePort?.port.close();
    writePort = { port: message.port as MessagePort, generation: message.generation };
    return;
  }
  const out: Outgoing = { replies: [], transfers: [], jobs: [], jobTransfers: [] };
  let forwardedAt = performance.now();
  for (const { id, request, forward } of message.batch) {
    processOne(id, request, forward, out);
    if (performance.now() - forwardedAt >= FORWARD_EVERY_MS) {
      forwardJobs(out);
      forwardedAt = performance.now();
    }
  }
  forwardJobs(out);
  parentPort!.postMessage({ replies: out.replies }, out.transfers);
});

parentPort!.postMessage({ ready: true });
