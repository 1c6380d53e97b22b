// A processing thread: bodies in, writes out (src/core/ingest/processor.ts sends the work).
import { parentPort } from 'node:worker_threads';
import { StatusError } from '../errors.js';
import { payloadTransfers } from '../store/thread-buffers.js';
import { type BodyRequest, processBody } from './process-body.js';

parentPort!.on('message', ({ id, request }: { id: number; request: BodyRequest }) => {
  try {
    const body = Buffer.from(request.body.buffer, request.body.byteOffset, request.body.byteLength);
    const result = processBody({ ...request, body });
    parentPort!.postMessage({ id, ok: true, result }, payloadTransfers(result));
  } catch (error) {
    const failure =
      error instanceof StatusError
        ? { status: error.status, message: error.message, body: error.body }
        : { status: 500, message: `Processing failed: ${(error as Error).message}` };
    parentPort!.postMessage({ id, ok: false, error: failure });
  }
});

parentPort!.postMessage({ ready: true });
