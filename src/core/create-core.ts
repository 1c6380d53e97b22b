import { statSync } from 'node:fs';
import type { Server } from 'node:http';
import { createLiveUpdates } from './app/live-updates.js';
import { createAppService } from './app/service.js';
import { databaseFile, ensureDataDir, loadAuthToken } from './data-dir.js';
import { type Db, openDatabase } from './db/open.js';
import { createApi } from './http/api/index.js';
import { projectDsn } from './http/api/serializers.js';
import { createAppRoutes } from './http/app-routes.js';
import { createIngestRoutes } from './http/ingest-routes.js';
import { createRequestHandler } from './http/server.js';
import { StatusError } from './errors.js';
import { createKeyRing } from './ingest/key-ring.js';
import { createProcessor, defaultWorkerCount } from './ingest/processor.js';
import {
  type ListenerLimits,
  closeServer,
  defaultListenerLimits,
  hostNames,
  listen,
} from './listener.js';
import { listKeys } from './repositories/keys.js';
import { ensureDefaults } from './services/bootstrap.js';
import { createEventStore } from './store/event-store.js';
import { createCountCheck } from './store/retention.js';
import { scheduleRetention } from './store/retention-schedule.js';
import { createWriteThread } from './store/write-thread.js';
import type { Writer } from './store/write-types.js';
import { createWriter } from './store/writer.js';

export { PortInUseError } from './listener.js';

export interface CoreOptions {
  dataDir: string;
  host?: string;
  port?: number;
  authToken?: string;
  /** A better-sqlite3 addon built for the running runtime (the desktop app's Electron build). */
  nativeBinding?: string;
  /** The built user interface, served at `/` in the headless mode. */
  rendererDir?: string;
  /** Processing threads for ingest; 0 processes on the main thread. */
  workers?: number;
  /** Ingest writes on a thread of its own (the default), or on the event loop when false. */
  writeThread?: boolean;
  /** How often retention runs in the background. */
  retentionIntervalMs?: number;
  /** How soon after a write the count limits are looked at. */
  retentionCheckMs?: number;
  /** Requests in flight past which ingest answers 429. */
  maxInFlight?: number;
  listenerLimits?: Partial<ListenerLimits>;
}

function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/**
 * The composition root: opens the store, builds the ingest pipeline, the Web API and the app
 * contract on it, and (on `listen`) serves them on one HTTP listener. The desktop app and
 * `serve` both use it.
 */
export function createCore(options: CoreOptions) {
  ensureDataDir(options.dataDir);
  const authToken = loadAuthToken(options.dataDir, options.authToken);
  const dbFile = databaseFile(options.dataDir);
  const db: Db = openDatabase({
    file: dbFile,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  ensureDefaults(db);
  const keys = createKeyRing(db);
  const inlineWriter = () => createWriter(db, createEventStore(db));
  const writer: Writer =
    options.writeThread === false
      ? inlineWriter()
      : createWriteThread({
          file: dbFile,
          ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
          fallback: inlineWriter,
        });
  const processor = createProcessor({
    workers: options.workers ?? defaultWorkerCount(),
    ...(writer.direct ? { writes: writer.direct } : {}),
  });
  let host = options.host ?? '127.0.0.1';
  let port = options.port ?? 8930;
  let server: Server | undefined;
  const listenerLimits = { ...defaultListenerLimits, ...options.listenerLimits };

  const baseUrl = () => {
    const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
    return `http://${shown.includes(':') ? `[${shown}]` : shown}:${port}`;
  };
  const now = () => Date.now();
  const settings = () => ({
    host,
    port,
    baseUrl: baseUrl(),
    dataDir: options.dataDir,
    databaseBytes: fileSize(dbFile) + fileSize(`${dbFile}-wal`),
  });

  async function relisten(newHost: string, newPort: number) {
    // The new address must listen before the old one is let go: a taken port changes nothing.
    const started = await listen(handler, newHost, newPort, listenerLimits);
    const old = server;
    server = started.server;
    host = newHost;
    port = started.port;
    // The call that asked for the move may be riding on the old listener, with the UI's event
    // stream: answer first, then let the old one go.
    if (old) {
      setImmediate(() => {
        appRoutes.closeStreams();
        void closeServer(old);
      });
    }
    return settings();
  }

  const app = createAppService({
    db,
    keys,
    authToken,
    dataDir: options.dataDir,
    baseUrl,
    now,
    relisten,
    settings,
    clearCaches: () => writer.clearCaches(),
    yieldToIngest: () => writer.turn(),
    pruneSoon: () => void retention.runNow(),
  });
  // Rounds run on the writer's connection, between ingest's commits (write-worker.ts).
  const overCount = createCountCheck(db);
  const pruner = { pruneAll: writer.prune, overCount };
  const retention = scheduleRetention(
    pruner,
    options.retentionIntervalMs ?? 60_000,
    (issueIds) => app.emit({ type: 'issues-changed', issueIds }),
    options.retentionCheckMs,
  );
  writer.onCommit(() => retention.noteWrites());
  const live = createLiveUpdates(app.emit);
  writer.onCommit(live.onCommit);

  const appRoutes = createAppRoutes({
    app,
    ...(options.rendererDir ? { rendererDir: options.rendererDir } : {}),
    allowedHosts: () => hostNames(host, port),
  });
  /**
   * Stores a file's envelopes for a project: all are processed first, on the processing threads
   * (a file of 100 MB would hold the event loop for seconds), so that one bad envelope stores
   * nothing; then they are queued together, which commits them in one transaction.
   */
  async function importEnvelopes(
    target: { projectId: number; organizationId: number },
    envelopes: Buffer[],
  ) {
    const processed = await Promise.all(
      envelopes.map((body, index) =>
        processor
          .process({
            endpoint: 'envelope',
            body,
            contentEncoding: undefined,
            contentType: undefined,
            context: { receivedAt: now() },
          })
          .catch((error: unknown) => {
            // A fault of the file is the caller's; a thread that failed is Outpost's.
            if (!(error instanceof StatusError) || error.status >= 500) throw error;
            throw new StatusError(400, `Envelope ${index + 1} of the file: ${error.message}`);
          }),
      ),
    );
    const results = await Promise.all(
      processed.map(({ event, items }) =>
        writer.write({ ...target, ...(event ? { event } : {}), items }),
      ),
    );
    return results.filter((result) => result.event && !result.event.duplicate).length;
  }

  const handler = createRequestHandler(
    createIngestRoutes({
      keys,
      writer,
      processor,
      now,
      ...(options.maxInFlight ? { maxInFlight: options.maxInFlight } : {}),
    }),
    createApi({
      db,
      keys,
      baseUrl,
      now,
      authToken,
      emit: app.emit,
      yieldToIngest: () => writer.turn(),
      importEnvelopes,
    }),
    appRoutes,
  );

  return {
    db,
    keys,
    writer,
    app,
    authToken,
    baseUrl,
    settings,
    /** Runs retention now; resolves with the number of events it deleted. */
    prune: () => retention.runNow(),
    /** The DSN of project 1's first key: what a new user pastes into their SDK. */
    defaultDsn(): string {
      const key = listKeys(db, 1)[0];
      return key ? projectDsn(baseUrl(), key.public_key, 1) : '';
    },
    async listen(): Promise<{ host: string; port: number }> {
      const started = await listen(handler, host, port, listenerLimits);
      server = started.server;
      port = started.port;
      return { host, port };
    },
    /** Stops taking requests, lets those in flight finish, then closes the store cleanly. */
    async close() {
      if (server) {
        appRoutes.closeStreams();
        await closeServer(server);
      }
      live.stop();
      await retention.stop();
      await writer.close();
      await processor.close();
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
    },
  };
}

export type Core = ReturnType<typeof createCore>;
