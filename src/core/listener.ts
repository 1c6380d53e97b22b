import { type RequestListener, type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export class PortInUseError extends Error {
  constructor(
    readonly host: string,
    readonly port: number,
  ) {
    super(`Port ${port} on ${host} is already in use.`);
  }
}

/** Starts an HTTP server on host:port, with a named error for a port that is taken. */
export function listen(
  handler: RequestListener,
  host: string,
  port: number,
): Promise<{ server: Server; port: number }> {
  return new Promise((resolve, reject) => {
    const server = createServer({ keepAliveTimeout: 65_000 }, handler);
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
