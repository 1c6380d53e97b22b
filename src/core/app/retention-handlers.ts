import { notFound } from '../errors.js';
import type { RetentionSettings } from '../../shared/types.js';
import type { AppContext } from './context.js';
import type { Handlers } from './handlers.js';

export function retentionHandlers(
  ctx: AppContext,
): Pick<Handlers, 'getRetention' | 'setRetention'> {
  const { db } = ctx;
  function read(projectId: number): RetentionSettings {
    const row = db
      .prepare('SELECT retention_days, retention_events, event_count FROM projects WHERE id = ?')
      .get(projectId) as
      { retention_days: number; retention_events: number; event_count: number } | undefined;
    if (!row) throw notFound(`Project ${projectId} does not exist.`);
    return {
      projectId,
      days: row.retention_days,
      maxEvents: row.retention_events,
      events: row.event_count,
    };
  }
  return {
    getRetention: ({ projectId }) => read(projectId),
    setRetention: ({ projectId, days, maxEvents }) => {
      read(projectId);
      db.prepare('UPDATE projects SET retention_days = ?, retention_events = ? WHERE id = ?').run(
        days,
        maxEvents,
        projectId,
      );
      // Tighter limits apply now, not at the next round.
      ctx.pruneSoon();
      return read(projectId);
    },
  };
}
