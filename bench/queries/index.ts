import { pathToFileURL } from 'node:url';
import { createCore } from '../../src/core/create-core.js';
import { listIssueEnvironments } from '../../src/core/repositories/issues.js';
import type { BenchPart } from '../part.js';
import type { CallOutcome } from '../../src/shared/contract.js';
import { type QueryContext, queryRows } from './queries.js';
import { describeSeed, seedDataDir } from './seed.js';
import { type Timing, machineNote, measure, missed, timingTable, timingText } from './stats.js';

export interface QueryBenchOptions {
  /** A small seed (20,000 events, 2,000 issues) to check that the bench runs at all. */
  smoke: boolean;
  /** Progress lines; stderr by default. */
  log?: (line: string) => void;
}

const TARGET_MS = 50;
const RUNS = 50;
const WARMUP = 5;

/**
 * Seeds (or reuses) a data dir, opens a core on it and times each query row: p50 and p95 over
 * 50 runs after 5 warm-up runs. App contract rows call `core.app.call` in process, parsing
 * included; Web API rows go over loopback HTTP to the same process, so they include both ends.
 */
export async function runQueryBench(
  options: QueryBenchOptions,
): Promise<{ markdown: string; text: string }> {
  const log = options.log ?? ((line: string) => console.error(line));
  const machine = machineNote();
  const seed = options.smoke
    ? seedDataDir({ events: 20_000, issues: 2_000, log })
    : seedDataDir({ events: 1_000_000, issues: 50_000, log });

  // Retention would otherwise start a round a minute in, in the middle of the timings.
  const core = createCore({
    dataDir: seed.dataDir,
    port: 0,
    workers: 0,
    retentionIntervalMs: 86_400_000,
  });
  try {
    const { port } = await core.listen();
    const base = `http://127.0.0.1:${port}`;
    const unwrap = <Result>(name: string, outcome: CallOutcome<unknown>) => {
      if (!outcome.ok) throw new Error(`${name} failed: ${outcome.error.message}`);
      return outcome.value as Result;
    };
    const busy = core.db
      .prepare('SELECT id FROM issues ORDER BY times_seen DESC LIMIT 1')
      .pluck()
      .get() as number;
    const ctx: QueryContext = {
      core,
      call: async (name, input) => unwrap(name, await core.app.call(name, input)),
      callOverHttp: async (name, input) => {
        const response = await fetch(`${base}/app/call/${name}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(input),
        });
        return unwrap(name, (await response.json()) as CallOutcome<unknown>);
      },
      api: async (path) => {
        const response = await fetch(`${base}${path}`, {
          headers: { Authorization: `Bearer ${core.authToken}` },
        });
        if (!response.ok) throw new Error(`GET ${path} answered ${response.status}`);
        return response.json();
      },
      busyIssue: { id: busy, environment: listIssueEnvironments(core.db, busy)[0]!.name },
    };

    const timings: Timing[] = [];
    for (const row of queryRows) {
      const { p50, p95 } = await measure(() => row.run(ctx), { runs: RUNS, warmup: WARMUP });
      timings.push({ name: row.name, p50, p95, runs: RUNS, target: TARGET_MS });
      log(`  ${row.name}: p50 ${p50.toFixed(2)} ms, p95 ${p95.toFixed(2)} ms`);
    }
    const busyNote =
      `The busy issue is #${busy} (the most events: ` +
      `${(core.db.prepare('SELECT times_seen FROM issues WHERE id = ?').pluck().get(busy) as number).toLocaleString('en')}), ` +
      `its one environment "${ctx.busyIssue.environment}". Issue lists ask for the UI's page of 100, ` +
      `"is:unresolved", all projects; "1 env" is production, "3 envs" production, staging and development.`;
    const failed = missed(timings);
    const verdict = failed.length
      ? `${failed.length} of ${timings.length} rows miss the ${TARGET_MS} ms p95 target.`
      : `Every row meets the ${TARGET_MS} ms p95 target.`;
    const markdown = [
      '## Queries',
      '',
      ...(options.smoke ? ['_Smoke run: a small seed, not the 1,000,000-event target._', ''] : []),
      describeSeed(seed),
      '',
      `${RUNS} runs each after ${WARMUP} warm-up runs; ${machine}. ${busyNote}`,
      '',
      timingTable(timings),
      '',
      verdict,
    ].join('\n');
    const text = [describeSeed(seed), machine, busyNote, timingText(timings), verdict].join('\n');
    return { markdown, text };
  } finally {
    await core.close();
  }
}

/** The part as bench/run.ts lists them; a missed target is a figure, not a failure. */
export const queriesPart: BenchPart = {
  name: 'queries',
  run: async ({ smoke, log }) => ({ ok: true, ...(await runQueryBench({ smoke, log })) }),
};

// `npx tsx bench/queries/index.ts [--smoke]`: the query part alone.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { text } = await runQueryBench({ smoke: process.argv.includes('--smoke') });
  console.log(text);
}
