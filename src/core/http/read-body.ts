import type { IncomingMessage } from 'node:http';
import { StatusError } from '../errors.js';

function tooLarge(max: number) {
  return new StatusError(413, `The request body is larger than the limit of ${max} bytes.`);
}

/**
 * Reads a request body of at most `maxBytes`. A declared length over the limit is refused
 * before anything is read, and a body that grows past it stops being read at once.
 */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (declared > maxBytes) return Promise.reject(tooLarge(maxBytes));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        req.off('data', onData);
        req.pause();
        reject(tooLarge(maxBytes));
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size)));
    // A client that hangs up part-way is not a server error.
    req.on('error', () =>
      reject(new StatusError(400, 'The request body ended before it was complete.')),
    );
  });
}
