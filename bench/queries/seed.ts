import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { databaseFile, ensureDataDir } from '../../src/core/data-dir.js';
import { migrations } from '../../src/core/db/migrations/index.js';
import { openDatabase } from '../../src/core/db/open.js';
import { processEvent } from '../../src/core/ingest/process.js';
import { setEnvironmentsHidden } from '../../src/core/repositories/environments.js';
import { getOrganizationBySlug } from '../../src/core/repositories/organizations.js';
import { getProjectBySlug } from '../../src/core/repositories/projects.js';
import { ensureDefaults } from '../../src/core/services/bootstrap.js';
import { setIssueStatus } from '../../src/core/services/issues.js';
import { createProject } from '../../src/core/services/organizations.js';
import { createEventStore } from '../../src/core/store/event-store.js';
import { HIDDEN_ENVIRONMENTS, PROJECTS, createEventSource } from './events.js';

/**
 * Bump when the generator or the store's format changes (2: 8 KB pages, brotli payloads; 3:
 * payloads as sent with their normalisation's patch): a cached data dir made by another version
 * is seeded again.
 */
const GENERATOR_VERSION = 3;
const SCHEMA = migrations.at(-1)!.version;
const DAYS = 30;

export interface SeedOptions {
  events: number;
  /** Distinct groups, so issues. */
  issues: number;
  /** Default: a folder in the system temp dir named after the parameters. */
  dataDir?: string;
  /** Events per transaction. */
  batch?: number;
  /** Give up (and leave no marker) after this long. */
  maxSeconds?: number;
  seed?: number;
  log?: (line: string) => void;
}

/** What seed.json records, and what a reused data dir reports. */
export interface SeedResult {
  dataDir: string;
  version: number;
  events: number;
  issues: number;
  seed: number;
  /** When the events' 30 days ended. */
  seededAt: number;
  seconds: number;
  eventsPerSecond: number;
  /** Mean event as sent (the SDK's JSON), bytes: sampled, one event in 50. */
  sentBytes: number;
  /** Mean payload as stored (normalised JSON, compressed by the store's codec), bytes. */
  storedBytes: number;
  /** The schema version the data was written with: a dir from another one is seeded again. */
  schema: number;
  databaseBytes: number;
  counts: { events: number; issues: number; environments: number; issueEnvironments: number };
  /** True when an earlier seed with the same parameters was found and used as it was. */
  reused: boolean;
}

export function defaultSeedDir(events: number, issues: number): string {
  const name =
    events === 1_000_000 && issues === 50_000
      ? 'outpost-bench-1m'
      : `outpost-bench-${events}-${issues}`;
  return join(tmpdir(), name);
}

function readMarker(dir: string): SeedResult | null {
  try {
    return JSON.parse(readFileSync(join(dir, 'seed.json'), 'utf8')) as SeedResult;
  } catch {
    return null;
  }
}

/**
 * Seeds a data dir through the real write path: `processEvent` (normalisation and grouping)
 * and the event store's `write`, many events per transaction. `synchronous = OFF` is set for
 * the seed only (a crash would lose the seed, not a user's data) and a larger page cache; the
 * core opens the file later with its own settings. A dir whose seed.json records the same
 * parameters is reused as it is.
 */
export function seedDataDir(options: SeedOptions): SeedResult {
  const { events, issues, batch = 5000, maxSeconds = 1800, seed = 20_240_601 } = options;
  const log = options.log ?? ((line: string) => console.error(line));
  const dataDir = options.dataDir ?? defaultSeedDir(events, issues);
  const marker = readMarker(dataDir);
  if (
    marker &&
    marker.version === GENERATOR_VERSION &&
    marker.events === events &&
    marker.issues === issues &&
    marker.seed === seed &&
    marker.schema === SCHEMA &&
    existsSync(databaseFile(dataDir))
  ) {
    log(`Reusing ${dataDir}: ${events.toLocaleString('en')} events seeded before.`);
    return { ...marker, dataDir, reused: true };
  }
  rmSync(dataDir, { recursive: true, force: true });
  ensureDataDir(dataDir);

  const db = openDatabase({ file: databaseFile(dataDir) });
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -262144');
  const end = Date.now();
  ensureDefaults(db, end);
  const org = getOrganizationBySlug(db, 'local')!;
  const projectIds = PROJECTS.map(
    ({ slug, platform }) =>
      (getProjectBySlug(db, org.id, slug) ??
        createProject(db, org, { name: slug, slug, platform }, end))!.id,
  );

  const source = createEventSource({ seed, events, issues, end, days: DAYS });
  const store = createEventStore(db);
  let storedBytes = 0;
  let sentBytes = 0;
  let sent = 0;
  const writeBatch = db.transaction((from: number, to: number) => {
    for (let index = from; index < to; index++) {
      const { project, receivedAt, body } = source.event(index);
      // The event as an SDK sends it, which is what the store keeps.
      const text = Buffer.from(JSON.stringify(body));
      if (index % 50 === 0) {
        sentBytes += text.length;
        sent += 1;
      }
      const event = processEvent(text, 'event', { receivedAt });
      storedBytes += event.payload.length;
      store.write(
        { projectId: projectIds[project]!, organizationId: org.id, event, items: [] },
        receivedAt,
      );
    }
  });

  const started = performance.now();
  let reported = started;
  for (let from = 0; from < events; from += batch) {
    writeBatch(from, Math.min(events, from + batch));
    const now = performance.now();
    const done = Math.min(events, from + batch);
    if (now - reported > 5000 || done === events) {
      reported = now;
      const rate = Math.round(done / ((now - started) / 1000));
      log(
        `  seeded ${done.toLocaleString('en')} / ${events.toLocaleString('en')} events (${rate.toLocaleString('en')}/s)`,
      );
    }
    if ((now - started) / 1000 > maxSeconds) {
      db.close();
      throw new Error(
        `Seeding stopped after ${maxSeconds} s at ${done} events: raise --max-seconds.`,
      );
    }
  }
  const seconds = (performance.now() - started) / 1000;

  // Some issues resolved or ignored and some environments hidden, so that filters have work.
  const statuses = db.prepare('SELECT id FROM issues WHERE id % 13 = 0 OR id % 37 = 0').pluck();
  db.transaction(() => {
    for (const id of statuses.all() as number[]) {
      setIssueStatus(db, id, id % 13 === 0 ? 'resolved' : 'ignored');
    }
    HIDDEN_ENVIRONMENTS.forEach((names, index) => {
      if (names.length) setEnvironmentsHidden(db, projectIds[index]!, names, true);
    });
  })();

  const count = (table: string) =>
    db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number;
  const counts = {
    events: count('events'),
    issues: count('issues'),
    environments: count('environments'),
    issueEnvironments: count('issue_environments'),
  };
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();

  const result: SeedResult = {
    dataDir,
    version: GENERATOR_VERSION,
    events,
    issues,
    seed,
    seededAt: end,
    seconds: Math.round(seconds * 10) / 10,
    eventsPerSecond: Math.round(events / seconds),
    sentBytes: Math.round(sentBytes / sent),
    storedBytes: Math.round(storedBytes / events),
    schema: SCHEMA,
    databaseBytes: statSync(databaseFile(dataDir)).size,
    counts,
    reused: false,
  };
  writeFileSync(join(dataDir, 'seed.json'), `${JSON.stringify(result, null, 2)}\n`);
  log(
    `Seeded ${counts.events.toLocaleString('en')} events in ${counts.issues.toLocaleString('en')} issues ` +
      `in ${result.seconds} s (${result.eventsPerSecond.toLocaleString('en')} events/s), ` +
      `events of ${result.sentBytes} B on average as sent, ${result.storedBytes} B as stored, database ${(result.databaseBytes / 2 ** 20).toFixed(0)} MiB.`,
  );
  return result;
}

/** One paragraph on what was seeded and how fast. */
export function describeSeed(seed: SeedResult): string {
  const mib = (seed.databaseBytes / 2 ** 20).toFixed(0);
  const when = seed.reused
    ? ` (seeded earlier, ${new Date(seed.seededAt).toISOString().slice(0, 10)}, and reused: the figures are that run's)`
    : '';
  return (
    `Seed: ${seed.counts.events.toLocaleString('en')} events in ${seed.counts.issues.toLocaleString('en')} issues, ` +
    `${seed.counts.environments - 1} environments plus "(No Environment)", 3 projects, over 30 days; ` +
    `events of ${seed.sentBytes.toLocaleString('en')} B on average as sent (${seed.storedBytes.toLocaleString('en')} B ` +
    `as stored, compressed); database ${mib} MiB. ` +
    `Seeding through processEvent and the event store's write, 5,000 events a transaction, ` +
    `synchronous=OFF, one thread: ${seed.seconds} s, ${seed.eventsPerSecond.toLocaleString('en')} events/s${when}.`
  );
}

// `npx tsx bench/queries/seed.ts --events 20000 --issues 2000 [--data-dir DIR] [--batch N]`
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({
    options: {
      events: { type: 'string', default: '1000000' },
      issues: { type: 'string', default: '50000' },
      'data-dir': { type: 'string' },
      batch: { type: 'string', default: '5000' },
      'max-seconds': { type: 'string', default: '1800' },
    },
  });
  seedDataDir({
    events: Number(values.events),
    issues: Number(values.issues),
    batch: Number(values.batch),
    maxSeconds: Number(values['max-seconds']),
    ...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}),
  });
}
