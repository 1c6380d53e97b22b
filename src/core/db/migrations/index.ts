import type { Migration } from '../migrate.js';
import { initial } from './0001-initial.js';
import { retention } from './0002-retention.js';
import { listIndexes } from './0003-list-indexes.js';
import { oneEventTimeIndex } from './0004-one-event-time-index.js';
import { projectEventCount } from './0005-project-event-count.js';

/** Every migration, in order. Append only. */
export const migrations: readonly Migration[] = [
  initial,
  retention,
  listIndexes,
  oneEventTimeIndex,
  projectEventCount,
];
