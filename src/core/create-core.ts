import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { databaseFile, ensureDataDir, loadAuthToken } from './data-dir.js';
import { type Db, openDatabase } from './db/open.js';
import { createApi } from './http/api/index.js';
import { projectDsn } from './http/api/serializers.js';
import { createIngestRoutes } from './http/ingest-routes.js';
import { createRequestHandler } from './http/server.js';
import { createKeyRing } from './ingest/key-ring.js';
import { listKeys } from './repositories/keys.js';
import { ensureDefaults } from './services/bootstrap.js';
import { createEventStore } from './store/event-store.js';
import { createWriter } from './store/writer.js';

export interface CoreOptions {
  dataDir: string;
  host?: string;
  port?: number;
  authToken?: string;
  /** A better-sqlite3 addon built for the running runtime (the desktop app's Electron build). */
  nativeBinding?: string;
}

export class PortInUseError extends Error {
  constructor(
    readonly host: string,
    readonly port: number,
  ) {
    super(`Port ${port} on ${host} is already in use.`);
  }
}

/**
 * The composition root: opens the store, builds the ingest pipeline and the Web API on it,
 * and (on `listen`) serves them on one HTTP listener. The desktop app and `serve` both use it.
 */
export function createCore(options: CoreOptions) {
  ensureDataDir(options.dataDir);
  const authToken = loadAuthToken(options.dataDir, options.authToken);
  const db: Db = openDatabase({
    file: databaseFile(options.dataDir),
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  ensureDefaults(db);
  const keys = createKeyRing(db);
  const writer = createWriter(db, createEventStore(db));
  const host = options.host ?? '127.0.0.1';
  let port = options.port ?? 8930;
  let server: Server | undefined;

  const baseUrl = () => {
    const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
    return `http://${shown.includes(':') ? `[${shown}]` : shown}:${port}`;
  };
  const now = () => Date.now();
  const handler = createRequestHandler(
    createIngestRoutes({ keys, writer, now }),
    createApi({ db, keys, baseUrl, now, authToken }),
  );

  return {
    db,
    keys,
    writer,
    authToken,
    baseUrl,
    /** The DSN of project 1's first key: what a new user pastes into their SDK. */
    defaultDsn(): string {
      const key = listKeys(db, 1)[0];
      return key ? projectDsn(baseUrl(), key.public_key, 1) : '';
    },
    listen(): Promise<{ host: string; port: number }> {
      return new Promise((resolve, reject) => {
        const created = createServer({ keepAliveTimeout: 65_000 }, handler);
        created.once('error', (error: NodeJS.ErrnoException) => {
          reject(error.code === 'EADDRINUSE' ? new PortInUseError(host, port) : error);
        });
        created.listen(port, host, () => {
          port = (created.address() as AddressInfo).port;
          server = created;
          resolve({ host, port });
        });
      });
    },
    /** Stops taking requests, lets those in flight finish, then closes the store cleanly. */
    async close() {
      if (server) {
        const closing = new Promise<void>((resolve) => server!.close(() => resolve()));
        server.closeIdleConnections();
        await closing;
      }
      writer.close();
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
    },
  };
}

export type Core = ReturnType<typeof createCore>;
