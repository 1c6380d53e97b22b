import type { Db } from '../db/open.js';
import type { KeyRing } from '../ingest/key-ring.js';
import type { AppEvent, ServerSettings } from '../../shared/types.js';

/** What the app's handlers need of the running core. */
export interface AppContext {
  db: Db;
  keys: KeyRing;
  authToken: string;
  dataDir: string;
  baseUrl(): string;
  now(): number;
  emit(event: AppEvent): void;
  /** Moves the listener; resolves once the new address listens (the old one is then closed). */
  relisten(host: string, port: number): Promise<ServerSettings>;
  settings(): ServerSettings;
  /** Forget the ingest writer's cached rows (after data is deleted under it). */
  clearCaches(): void;
  /** Lets ingest commit what it holds: bulk deletions await it between their batches. */
  yieldToIngest(): Promise<void>;
  /** Runs retention now rather than at its next round. */
  pruneSoon(): void;
}
