import type { MessagePort } from 'node:worker_threads';
import type { Grouping, NormalizedEvent } from '../ingest/types.js';

/** An error or default event, parsed, normalised and grouped outside the write. */
export interface EventWrite {
  /** The normalised event's facts; its payload, tags included, travels in `payload`. */
  event: Omit<NormalizedEvent, 'data' | 'patch' | 'tags'>;
  grouping: Grouping;
  /** The event as stored: as sent, with normalisation's patch, compressed (payload-codec.ts). */
  payload: Buffer;
}

/** An envelope item kept as sent (transaction, session, check-in, log, attachment, …). */
export interface RawItemWrite {
  type: string;
  eventId: string | null;
  headers: string;
  payload: Buffer;
}

/** Everything one request asks to store; written atomically. */
export interface WriteJob {
  projectId: number;
  organizationId: number;
  event?: EventWrite;
  items: RawItemWrite[];
}

/** What the write learned about an event: the facts that later stages (alert rules, live updates) use. */
export interface EventWriteResult {
  eventId: string;
  issueId: number;
  projectId: number;
  environmentId: number;
  environment: string;
  /** The event id was already stored for this project: nothing was written again. */
  duplicate: boolean;
  /** The issue was created by this event (spec §4.3 `is_new`). */
  isNew: boolean;
  /** The issue was first seen in this environment by this event (`is_new_group_environment`). */
  isNewGroupEnvironment: boolean;
  /** A resolved issue received an event and was reopened (`is_regression`). */
  isRegression: boolean;
  /** The event created an environment, or linked one to its project for the first time. */
  isNewEnvironment: boolean;
}

export interface WriteResult {
  event?: EventWriteResult;
}

export interface CommittedWrite {
  projectId: number;
  result: WriteResult;
}

/** One job's outcome in a committed batch: its result, or why it alone was rolled back. */
export type WriteOutcome = { ok: true; result: WriteResult } | { ok: false; error: unknown };

/**
 * A job a processing thread hands straight to the write thread, sparing the event loop a relay.
 * It is expected before it is sent: `done` settles after its commit, as `write` does.
 */
export interface ExpectedWrite {
  id: number;
  /** The write thread it must reach: ports to one that was replaced lead nowhere. */
  generation: number;
  done: Promise<WriteResult>;
  /** The job will not come (processing failed, or it went the other way): forget it. */
  cancel(): void;
}

/** A port into the write thread for a processing thread, and the thread it reaches. */
export interface WritePort {
  port: MessagePort;
  generation: number;
}

/** The write thread's side door, for jobs that do not pass through the event loop. */
export interface DirectWrites {
  openPort(): WritePort;
  /** Undefined while the thread is not known to run (then jobs go through `write`). */
  expect(projectId: number): ExpectedWrite | undefined;
  /** Called after the thread was replaced: ports opened before lead nowhere. */
  onReplaced(listener: () => void): void;
}

/** What a port into the write thread carries: jobs, each under the id it was expected as. */
export interface PortJobs {
  jobs: { id: number; job: WriteJob }[];
}

/**
 * Where ingest writes: on the event loop (writer.ts) or on a thread of its own with its own
 * connection (write-thread.ts). Either way a job is answered only after its commit.
 */
export interface Writer {
  write(job: WriteJob): Promise<WriteResult>;
  /** Called after every commit with the writes it made durable. Returns an unsubscribe. */
  onCommit(listener: (writes: CommittedWrite[]) => void): () => void;
  /** Forget cached rows: data was deleted under the writer. */
  clearCaches(): void;
  /**
   * Resolves once the writes queued before it are committed. Bulk deletions on another
   * connection wait for it between their batches: the write lock then passes to ingest in
   * turn, where a writer polling for it could miss every short gap between two batches.
   */
  turn(): Promise<void>;
  /**
   * One round of retention on the writer's connection, between its commits; `onBatch` hears
   * the issues each batch touched. Resolves with the events deleted.
   */
  prune(onBatch: (issueIds: number[]) => void): Promise<number>;
  /** Writes what is queued and refuses anything after. */
  close(): Promise<void>;
  /** Present when writes happen on a thread that processing threads can reach directly. */
  direct?: DirectWrites;
}
