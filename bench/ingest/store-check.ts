import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { LoadResult } from './load.js';
import type { VariantName } from './variants.js';

export interface StoredCounts {
  events: number;
  /** envelope_items by type: sessions and transactions are kept there as sent. */
  items: Record<string, number>;
}

/** Counts what Outpost stored, read from its database after it has shut down cleanly. */
export function countStored(dataDir: string): StoredCounts {
  const db = new Database(join(dataDir, 'outpost.db'), { readonly: true, fileMustExist: true });
  try {
    const events = (db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
    const rows = db
      .prepare('SELECT type, count(*) AS n FROM envelope_items GROUP BY type')
      .all() as { type: string; n: number }[];
    return { events, items: Object.fromEntries(rows.map((row) => [row.type, row.n])) };
  } finally {
    db.close();
  }
}

export interface StoreCheck {
  ok: boolean;
  /** One line for the report, e.g. "41,233 events stored = 41,233 answered 200". */
  summary: string;
}

const n = (value: number) => value.toLocaleString('en-US');

/**
 * Every request answered 200 must be stored, and nothing stored that was not sent. A run that
 * stops on time leaves up to one request per connection in flight: the server may have stored
 * it, but the generator never counted its answer. So the stored count must lie between the
 * 200s and the 200s plus those in flight, and the report says how many of those there were.
 */
export function checkStored(
  variant: VariantName,
  load: LoadResult,
  stored: StoredCounts,
): StoreCheck {
  const ok200 = load.statuses['200'] ?? 0;
  const inFlight = load.sent - load.responses;
  const notOk = load.responses - ok200;
  const problems: string[] = [];
  const within = (what: string, count: number, low: number, high: number) => {
    if (count < low || count > high) {
      problems.push(`${n(count)} ${what} stored, expected ${n(low)}–${n(high)}`);
    }
  };
  const main = variant === 'transactions' ? 'transaction' : 'event';
  const mainStored = variant === 'transactions' ? (stored.items.transaction ?? 0) : stored.events;
  within(`${main}s`, mainStored, ok200, ok200 + inFlight);
  if (variant === 'transactions') within('error events', stored.events, 0, 0);
  const sessions = stored.items.session ?? 0;
  if (variant === 'errors+sessions') {
    // Any request not answered 200 might have been one of the session-carrying ones.
    within('sessions', sessions, Math.max(0, load.everySent - inFlight - notOk), load.everySent);
  } else {
    within('sessions', sessions, 0, 0);
  }
  if (notOk > 0) problems.push(`${n(notOk)} answers were not 200`);
  const extra = mainStored - ok200;
  let summary = `${n(mainStored)} ${main}s stored = ${n(ok200)} answered 200`;
  if (extra > 0) summary += ` + ${n(extra)} of the ${n(inFlight)} in flight at the stop`;
  if (variant === 'errors+sessions') summary += `; ${n(sessions)} sessions of ${n(load.everySent)}`;
  if (problems.length > 0) summary += ` — MISMATCH: ${problems.join('; ')}`;
  return { ok: problems.length === 0, summary };
}
