import { type RequestListener, type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';

/** What one listener allows a client. */
export interface ListenerLimits {
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  maxConnections: number;
}

export const defaultListenerLimits: ListenerLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 60_000,
  maxConnections: 1_024,
};

export class PortInUseError extends Error {
  constructor(
    readonly host: string,
    readonly port: number,
  ) {
    super(`Port ${port} on ${host} is already in use.`);
  }
}

const CLIENT_ERRORS: Record<string, [number, string, string]> = {
  HPE_HEADER_OVERFLOW: [
    431,
    'Request Header Fields Too Large',
    'The request headers are larger than 16 KB.',
  ],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'Request Timeout', 'The request took too long to arrive.'],
};

/**
 * Requests Node's parser refuses before any handler sees them (headers too large, too slow,
 * malformed) get the same JSON `detail` as every other refusal.
 */
function answerClientError(error: NodeJS.ErrnoException, socket: Duplex) {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const [status, reason, detail] = CLIENT_ERRORS[error.code ?? ''] ?? [
    400,
    'Bad Request',
    `The request is not valid HTTP (${error.code ?? error.message}).`,
  ];
  const body = JSON.stringify({ detail });
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/** Starts an HTTP server on host:port, with a named error for a port that is taken. */
export function listen(
  handler: RequestListener,
  host: string,
  port: number,
  limits: ListenerLimits = defaultListenerLimits,
): Promise<{ server: Server; port: number }> {
  return new Promise((resolve, reject) => {
    const server = createServer(
      {
        keepAliveTimeout: 65_000,
        // A slow or stalled client cannot hold a connection forever.
        headersTimeout: limits.headersTimeoutMs,
        requestTimeout: limits.requestTimeoutMs,
        // How often those timeouts are checked: a tenth of the shorter one.
        connectionsCheckingInterval: Math.max(100, Math.min(limits.headersTimeoutMs, 30_000) / 10),
      },
      handler,
    );
    server.maxConnections = limits.maxConnections;
    server.on('clientError', answerClientError);
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'EADDRINUSE' ? new PortInUseError(host, port) : error);
    });
    server.listen(port, host, () =>
      resolve({ server, port: (server.address() as AddressInfo).port }),
    );
  });
}

/**
 * Stops taking connections and waits for the requests in flight; connections still open after
 * the grace period (a stalled client) are cut.
 */
export function closeServer(server: Server, graceMs = 5_000): Promise<void> {
  const closing = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const cut = setTimeout(() => server.closeAllConnections(), graceMs);
  cut.unref();
  return closing.finally(() => clearTimeout(cut));
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** The host:port names under which the listener may be addressed (the Host header check). */
export function hostNames(host: string, port: number): Set<string> {
  const names = new Set<string>();
  const bound = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  for (const name of [...LOOPBACK, bound]) names.add(`${name}:${port}`);
  return names;
}
