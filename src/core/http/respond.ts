import type { ServerResponse } from 'node:http';
import { StatusError } from '../errors.js';

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** Maps any thrown value to its answer: a StatusError's status and body, anything else a 500. */
export function sendError(
  res: ServerResponse,
  error: unknown,
  headers: Record<string, string> = {},
) {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (error instanceof StatusError) {
    // A body that was refused part-way is not read any further: close rather than drain it.
    const close: Record<string, string> = error.status === 413 ? { Connection: 'close' } : {};
    sendJson(res, error.status, error.body, { ...headers, ...close });
    return;
  }
  console.error('Request failed:', error);
  sendJson(res, 500, { detail: 'Internal error: see the Outpost log.' }, headers);
}
