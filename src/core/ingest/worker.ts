// A processing thread: bodies in, writes out (src/core/ingest/processor.ts sends the work).
import { parentPort } from 'node:worker_threads';
import { StatusError } from '../errors.js';
import { payloadTransfers } from '../store/thread-buffers.js';
import { type BodyRequest, type ProcessedBody, processBody } from './process-body.js';

/** The answer for one body: what it asks to store, or why it was refused. */
export interface Reply {
  id: number;
  ok: boolean;
  result?: ProcessedBody;
  error?: { status: number; message: string; body?: Record<string, unknown> };
}

function processOne(id: number, request: BodyRequest, transfers: ArrayBuffer[]): Reply {
  try {
    const body = Buffer.from(request.body.buffer, request.body.byteOffset, request.body.byteLength);
    const result = processBody({ ...request, body });
    transfers.push(...payloadTransfers(result));
    return { id, ok: true, result };
  } catch (error) {
    const failure =
      error instanceof StatusError
        ? { status: error.status, message: error.message, body: error.body }
        : { status: 500, message: `Processing failed: ${(error as Error).message}` };
    return { id, ok: false, error: failure };
  }
}

// A batch in, one message of replies out.
parentPort!.on('message', ({ batch }: { batch: { id: number; request: BodyRequest }[] }) => {
  const transfers: ArrayBuffer[] = [];
  const replies = batch.map(({ id, request }) => processOne(id, request, transfers));
  parentPort!.postMessage({ replies }, transfers);
});

parentPort!.postMessage({ ready: true });
