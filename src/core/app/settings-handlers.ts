import { StatusError } from '../errors.js';
import type { AppContext } from './context.js';
import type { Handlers } from './handlers.js';

// Everything that events brought; organizations, projects and their keys (the DSNs users
// pasted into their SDKs) stay.
const CLEARED_TABLES = [
  'events',
  'issue_hourly',
  'issue_users',
  'issue_environments',
  'issue_hashes',
  'issues',
  'envelope_items',
  'release_project_environments',
  'release_projects',
  'releases',
  'environment_projects',
  'environments',
];

export function settingsHandlers(
  ctx: AppContext,
): Pick<Handlers, 'getServerSettings' | 'setListenAddress' | 'clearAllData'> {
  const { db } = ctx;
  return {
    getServerSettings: () => ctx.settings(),
    setListenAddress: async ({ host, port }) => {
      try {
        const settings = await ctx.relisten(host, port);
        ctx.emit({ type: 'listener-changed', baseUrl: settings.baseUrl });
        return settings;
      } catch (error) {
        throw new StatusError(409, (error as Error).message);
      }
    },
    clearAllData: () => {
      // Without foreign keys, a DELETE with no WHERE empties a table at once, rather than row by
      // row through its indexes and cascades: a million events go in about a second instead of
      // twenty, while the event loop waits. Every table that refers to a cleared one is cleared
      // too, so no reference is left dangling. The setting cannot change inside a transaction.
      db.pragma('foreign_keys = OFF');
      try {
        db.transaction(() => {
          for (const table of CLEARED_TABLES) db.prepare(`DELETE FROM ${table}`).run();
          db.prepare('UPDATE projects SET next_short_id = 1, event_count = 0').run();
        }).immediate();
      } finally {
        db.pragma('foreign_keys = ON');
      }
      ctx.clearCaches();
      db.exec('VACUUM');
      // VACUUM writes through the log: fold it back so the size shown is the real one.
      db.pragma('wal_checkpoint(TRUNCATE)');
      ctx.emit({ type: 'data-cleared' });
      return { cleared: true };
    },
  };
}
