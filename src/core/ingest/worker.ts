// A processing thread: bodies in, writes out (src/core/ingest/processor.ts sends the work).
import { parentPort } from 'node:worker_threads';
import { StatusError } from '../errors.js';
import { type BodyRequest, processBody } from './process-body.js';

parentPort!.on('message', ({ id, request }: { id: number; request: BodyRequest }) => {
  try {
    const body = Buffer.from(request.body.buffer, request.body.byteOffset, request.body.byteLength);
    parentPort!.postMessage({ id, ok: true, result: processBody({ ...request, body }) });
  } catch (error) {
    const failure =
      error instanceof StatusError
        ? { status: error.status, message: error.message, body: error.body }
        : { status: 500, message: `Processing failed: ${(error as Error).message}` };
    parentPort!.postMessage({ id, ok: false, error: failure });
  }
});

parentPort!.postMessage({ ready: true });
