import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { onInterrupt } from '../interrupt.js';
import { describeMachine, loadAverage, runDate, sourceRevision } from '../machine.js';
import type { BenchOptions, BenchPart, PartReport } from '../part.js';
import { serializeTemplates } from '../ingest/body-template.js';
import { type LoadResult, loadProblems, runWrk, wrkThreads, wrkVersion } from '../ingest/load.js';
import { runNodeLoad } from '../ingest/node-load.js';
import { rate } from '../ingest/report.js';
import { countStored } from '../ingest/store-check.js';
import { REPO_ROOT, type RunningTarget, startOutpost } from '../ingest/targets.js';
import { VARIANTS } from '../ingest/variants.js';
import { type Sample, dataBytes, readStored, setRetention } from './probe.js';
import { retentionMarkdown, retentionText } from './report.js';

const LIMIT = 20_000;
const SMOKE_LIMIT = 300;
const CONNECTIONS = 32;
const SMOKE_CONNECTIONS = 4;
const SAMPLE_MS = 250;
/** How long retention may take, once the load stops, to bring the project back to its limit. */
const SETTLE_MS = 30_000;

export interface RetentionRun {
  limit: number;
  connections: number;
  seconds: number;
  generator: string;
  load: LoadResult;
  peakRssBytes: number;
  samples: Sample[];
  /** Seconds from the load's stop until the project held no more than its limit; null: never. */
  settledAfter: number | null;
  /** The database and its WAL once the project was back within its limit. */
  bytesAfter: number;
  /** Counted in the database after Outpost shut down. */
  storedAtEnd: number;
  problems: string[];
}

/** Samples what the project holds and the folder's size until `stop` resolves. */
async function sampleUntil(base: string, dataDir: string, stop: Promise<unknown>) {
  const samples: Sample[] = [];
  const started = performance.now();
  let done = false;
  void stop.finally(() => (done = true));
  while (!done) {
    samples.push({
      seconds: (performance.now() - started) / 1000,
      events: await readStored(base),
      bytes: dataBytes(dataDir),
    });
    await new Promise((resolve) => setTimeout(resolve, SAMPLE_MS));
  }
  return samples;
}

async function waitWithinLimit(base: string, limit: number): Promise<number | null> {
  const started = performance.now();
  while (performance.now() - started < SETTLE_MS) {
    if ((await readStored(base)) <= limit) return (performance.now() - started) / 1000;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return null;
}

async function measure(
  running: RunningTarget,
  options: BenchOptions,
  generator: { kind: 'wrk'; threads: number } | { kind: 'node' },
  workDir: string,
): Promise<Omit<RetentionRun, 'generator' | 'storedAtEnd'>> {
  const base = new URL(running.ingestUrl).origin;
  const dataDir = running.dataDir!;
  const limit = options.smoke ? SMOKE_LIMIT : LIMIT;
  const connections = options.connections ?? (options.smoke ? SMOKE_CONNECTIONS : CONNECTIONS);
  // Long enough to send the limit several times over: retention works all through the load.
  const seconds = options.smoke ? options.seconds : options.seconds * 2;
  await setRetention(base, limit);

  const pools = VARIANTS.find((variant) => variant.name === 'errors')!.build(Date.now() / 1000);
  const templatesFile = join(workDir, 'errors.templates');
  writeFileSync(templatesFile, serializeTemplates(pools));
  const loadOptions = { url: running.ingestUrl, templatesFile, connections, seconds };
  const loading =
    generator.kind === 'wrk'
      ? runWrk(loadOptions, generator.threads)
      : runNodeLoad(loadOptions, pools);
  const [samples, load] = await Promise.all([sampleUntil(base, dataDir, loading), loading]);
  const settledAfter = await waitWithinLimit(base, limit);
  const problems = loadProblems(load, '');
  if (settledAfter === null) {
    problems.push(`still past the limit ${SETTLE_MS / 1000} s after the load stopped`);
  }
  return {
    limit,
    connections,
    seconds,
    load,
    peakRssBytes: running.server.peakRssBytes(),
    samples,
    settledAfter,
    bytesAfter: dataBytes(dataDir),
    problems,
  };
}

/**
 * Ingest at full load into a project with a small count limit: retention must keep the project
 * within it while the load runs, in the background, and every answered event must have been
 * stored until it was pruned (what is left is exactly the limit's newest).
 */
export const retentionPart: BenchPart = {
  name: 'retention',
  async run(options): Promise<PartReport> {
    const version = wrkVersion();
    if (!version && !options.smoke) {
      const text = 'wrk is not installed: apt-get install -y wrk (--smoke runs without it).';
      return { ok: false, text, markdown: '' };
    }
    const generator = version
      ? { kind: 'wrk' as const, threads: wrkThreads(cpus().length, CONNECTIONS) }
      : { kind: 'node' as const };
    const startLoad = loadAverage();
    const workDir = mkdtempSync(join(tmpdir(), 'outpost-bench-retention-'));
    const removeWorkDir = () => rmSync(workDir, { recursive: true, force: true });
    const dropUndo = onInterrupt(removeWorkDir);
    const running = await startOutpost();
    let run: RetentionRun;
    try {
      const measured = await measure(running, options, generator, workDir);
      const how = await running.server.stop();
      if (how !== 'exit code 0')
        measured.problems.push(`Outpost did not shut down cleanly (${how})`);
      const storedAtEnd = countStored(running.dataDir!).events;
      const answered = measured.load.statuses['200'] ?? 0;
      if (storedAtEnd !== Math.min(measured.limit, answered)) {
        measured.problems.push(
          `${storedAtEnd} events stored at the end, expected ${Math.min(measured.limit, answered)}`,
        );
      }
      run = {
        ...measured,
        generator: version ? `wrk ${version}` : 'the built-in Node generator',
        storedAtEnd,
      };
    } finally {
      await running.server.stop();
      running.cleanup();
      removeWorkDir();
      dropUndo();
    }
    options.log(`  ${Math.round(rate(run.load))} events/s against a limit of ${run.limit}`);
    return {
      ok: run.problems.length === 0,
      text: retentionText(run),
      markdown: retentionMarkdown(run, {
        date: runDate(),
        machine: describeMachine(),
        load: startLoad,
        revision: sourceRevision(REPO_ROOT),
      }),
    };
  },
};
