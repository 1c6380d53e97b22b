import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultWorkerCount } from '../../src/core/ingest/processor.js';
import { onInterrupt } from '../interrupt.js';
import {
  describeMachine,
  loadAverage,
  machineBusySeconds,
  runDate,
  sourceRevision,
} from '../machine.js';
import type { BenchOptions, BenchPart, PartReport } from '../part.js';
import { serializeTemplates } from './body-template.js';
import {
  type LoadResult,
  combineLoads,
  loadProblems,
  runWrk,
  wrkThreads,
  wrkVersion,
} from './load.js';
import { runNodeLoad } from './node-load.js';
import {
  type Measurement,
  type VariantResult,
  OTHERS_NOTE_PERCENT,
  TARGET_LABELS,
  failed,
  rate,
  variantMarkdown,
  variantText,
} from './report.js';
import { SPOTLIGHT_VERSION, type SpotlightSetup, prepareSpotlight } from './spotlight.js';
import { checkStored, countStored } from './store-check.js';
import { REPO_ROOT, type TargetName, startTarget } from './targets.js';
import {
  type TemplatePools,
  VARIANTS,
  type Variant,
  checkTemplates,
  templateSizes,
} from './variants.js';

const TARGETS: TargetName[] = ['outpost', 'null', 'spotlight'];
const CONNECTIONS = 32;
const SMOKE_CONNECTIONS = 4;
const WARM_UP_SECONDS = 2;

type Generator = { kind: 'wrk'; version: string; threads: number } | { kind: 'node' };

async function measure(
  target: TargetName,
  variant: Variant,
  pools: TemplatePools,
  templatesFile: string,
  generator: Generator,
  spotlight: SpotlightSetup,
  options: BenchOptions & { connections: number },
): Promise<Measurement> {
  if (target === 'spotlight' && 'skipped' in spotlight) {
    return { target, missing: 'skipped', problems: [] };
  }
  const failure = (error: unknown): Measurement => {
    const reason = (error as Error).message.split('\n')[0]!;
    return { target, missing: 'failed', problems: [reason] };
  };
  let running;
  try {
    running = await startTarget(target, spotlight);
  } catch (error) {
    return failure(error);
  }
  try {
    const loadFor = (seconds: number): Promise<LoadResult> => {
      const loadOptions = {
        url: running.ingestUrl,
        templatesFile,
        connections: options.connections,
        seconds,
      };
      return generator.kind === 'wrk'
        ? runWrk(loadOptions, generator.threads)
        : runNodeLoad(loadOptions, pools);
    };
    // Every server first gets the same load unmeasured, so that the figures are steady state:
    // not a module loader, a JIT or a processing thread still starting.
    const warmUp = options.smoke ? undefined : await loadFor(WARM_UP_SECONDS);
    const cpuBefore = running.server.cpuSeconds();
    const machineBefore = machineBusySeconds();
    const load = await loadFor(options.seconds);
    const cpuSeconds = running.server.cpuSeconds() - cpuBefore;
    const measurement: Measurement = {
      target,
      load,
      cpuSeconds,
      othersCpuSeconds:
        machineBusySeconds() - machineBefore - cpuSeconds - load.generatorCpuSeconds,
      peakRssBytes: running.server.peakRssBytes(),
      problems: [...loadProblems(load, ''), ...(warmUp ? loadProblems(warmUp, 'warm-up: ') : [])],
    };
    const how = await running.server.stop();
    if (running.dataDir) {
      if (how !== 'exit code 0') throw new Error(`Outpost did not shut down cleanly (${how}).`);
      const sent = warmUp ? combineLoads(warmUp, load) : load;
      measurement.stored = checkStored(variant.name, sent, countStored(running.dataDir));
    }
    options.log(`  ${variant.name} × ${TARGET_LABELS[target]}: ${Math.round(rate(load))} events/s`);
    return measurement;
  } catch (error) {
    return failure(error);
  } finally {
    await running.server.stop();
    running.cleanup();
  }
}

const threads = (count: number) => `${count} thread${count === 1 ? '' : 's'}`;

function describe(generator: Generator, connections: number, options: BenchOptions): string {
  const load =
    generator.kind === 'wrk'
      ? `wrk ${generator.version} (${threads(generator.threads)})`
      : 'the built-in Node generator (wrk is not installed)';
  const warmUp = options.smoke ? '' : ` after ${WARM_UP_SECONDS} s of the same load unmeasured`;
  const rounds =
    options.rounds > 1
      ? `; ${options.rounds} rounds, the targets in turn, the median round shown`
      : '';
  return `${load}, ${connections} keep-alive connections, ${options.seconds} s per target and variant${warmUp}${rounds}`;
}

export const ingestPart: BenchPart = {
  name: 'ingest',
  async run(options): Promise<PartReport> {
    const connections = options.connections ?? (options.smoke ? SMOKE_CONNECTIONS : CONNECTIONS);
    const version = wrkVersion();
    let generator: Generator;
    if (version) {
      generator = { kind: 'wrk', version, threads: wrkThreads(cpus().length, connections) };
    } else if (options.smoke) {
      options.log(
        'wrk is not installed (apt-get install -y wrk): the smoke run uses the built-in Node generator.',
      );
      generator = { kind: 'node' };
    } else {
      const text =
        'wrk is not installed: apt-get install -y wrk. (A Node generator would be the ceiling ' +
        'here, so the ingest figures need wrk; --smoke runs without it.)';
      return { ok: false, text, markdown: '' };
    }
    const startLoad = loadAverage();
    const date = runDate();
    const revision = sourceRevision(REPO_ROOT);
    const spotlight = await prepareSpotlight(options.log);
    if ('skipped' in spotlight) options.log(`${spotlight.skipped}: Spotlight is skipped.`);

    const workDir = mkdtempSync(join(tmpdir(), 'outpost-bench-ingest-'));
    const removeWorkDir = () => rmSync(workDir, { recursive: true, force: true });
    const dropUndo = onInterrupt(removeWorkDir);
    const results: VariantResult[] = [];
    let sizes;
    try {
      for (const variant of VARIANTS) {
        // Event times are the run's own: the server must see fresh events, not stale ones.
        const pools = variant.build(Date.now() / 1000);
        checkTemplates(pools);
        if (variant.name === 'errors') sizes = templateSizes(pools);
        const templatesFile = join(workDir, `${variant.name}.templates`);
        writeFileSync(templatesFile, serializeTemplates(pools));
        // The targets take turns, round after round: a machine whose speed drifts over minutes
        // then affects all of them alike, and each round's ratios compare neighbours in time.
        const rounds: Measurement[][] = [];
        for (let round = 1; round <= options.rounds; round++) {
          const measurements: Measurement[] = [];
          for (const target of TARGETS) {
            measurements.push(
              await measure(target, variant, pools, templatesFile, generator, spotlight, {
                ...options,
                connections,
              }),
            );
          }
          rounds.push(measurements);
        }
        results.push({ variant, rounds });
      }
    } finally {
      removeWorkDir();
      dropUndo();
    }

    const setup = describe(generator, connections, options);
    const ok = results.every((result) => result.rounds.flat().every((m) => !failed(m)));
    const text = [`Ingest: ${setup}`, ...results.map(variantText)].join('\n\n');
    const bodies = sizes
      ? `about ${(sizes.averageDecodedBytes / 1024).toFixed(1)} KB decoded, ` +
        `${(sizes.averageWireBytes / 1024).toFixed(1)} KB on the wire on average, ` +
        `${Math.round(sizes.gzipShare * 100)} % of them gzip`
      : '';
    const spotlightLine =
      'skipped' in spotlight
        ? `- Spotlight: skipped, ${spotlight.skipped}.`
        : `- Spotlight: \`@spotlightjs/spotlight\` ${SPOTLIGHT_VERSION} (npm override \`hono@4.12.25\`, ` +
          'installed outside the repository), started with `setupSpotlight({ port, isStandalone: true })`; ' +
          'it parses each envelope and keeps the last 500 in memory, storing nothing.';
    const markdown = [
      '## Ingest',
      '',
      `Measured ${date} on ${describeMachine()}; one-minute load average ${startLoad.toFixed(2)} ` +
        `at the start. Load: ${setup}, all on 127.0.0.1; the generator and the server share the ` +
        'same cores.',
      '',
      'Bodies: envelopes as @sentry/node 11 sends them, an error with a 12–20 frame stack, ' +
        'breadcrumbs, contexts, tags, user and request (or a transaction with its spans), ' +
        `${bodies}; 4 environments × 4 releases, 20 kinds of error; a fresh event id in every ` +
        'request, gzip bodies included (bench/ingest/body-template.ts says how).',
      '',
      `- Outpost${revision ? ` (${revision})` : ''}: \`serve\` on a fresh data folder, ` +
        `${threads(defaultWorkerCount())} for ` +
        'processing (its default here); every event is committed to SQLite before it is ' +
        'answered, and afterwards the stored rows are counted against the 200s.',
      '- null receiver: node:http reading each body and answering 200 `{}`: the ceiling of ' +
        "Node's HTTP on this machine.",
      spotlightLine,
      '',
      'events/s counts answers 200 per second (transactions per second for transactions); ' +
        "latencies as wrk measures them; peak RSS is the server's VmHWM; server CPU is " +
        'its user + system time over the measured run (200 % = two cores busy), generator CPU ' +
        "wrk's, others CPU what everything else on the machine used meanwhile: above " +
        `${OTHERS_NOTE_PERCENT} % the figures are disturbed and a note says so.`,
      '',
      ...results.map((result) => `${variantMarkdown(result)}\n`),
      'To repeat: `npm run bench` (`npm run bench -- --only ingest --duration 10`).',
    ].join('\n');
    return { ok, text, markdown };
  },
};
