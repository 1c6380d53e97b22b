// `npm run bench`: runs the benchmark parts and writes their figures to BENCHMARKS.md.
//
//   npm run bench                         every part, figures into BENCHMARKS.md
//   npm run bench -- --only ingest        some parts (comma-separated names)
//   npm run bench -- --duration 5         seconds of load per measurement (default 10)
//   npm run bench -- --rounds 5           measurements of each ingest target, in turn (default 3)
//   npm run bench -- --smoke              short, writes nothing: what CI runs to keep it working
//
// Every part is bounded in time and count and talks only to servers it starts on 127.0.0.1.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeSection } from './benchmarks-file.js';
import { ingestPart } from './ingest/index.js';
import { queriesPart } from './queries/index.js';
import { retentionPart } from './retention/index.js';
import { uiPart } from './ui/index.js';
import { undoAfterInterrupt } from './interrupt.js';
import type { BenchOptions, BenchPart } from './part.js';

/** The parts, in the order they run. A new part (queries, UI) adds itself here. */
const PARTS: BenchPart[] = [ingestPart, retentionPart, queriesPart, uiPart];

const SMOKE_SECONDS = 2;
const USAGE =
  'Usage: npm run bench -- [--only NAME[,NAME]] [--duration SECONDS] [--rounds N] [--connections N] [--smoke]';

class UsageError extends Error {}

function readOptions(argv: string[]): { options: BenchOptions; parts: BenchPart[] } {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        only: { type: 'string' },
        duration: { type: 'string' },
        connections: { type: 'string' },
        rounds: { type: 'string' },
        smoke: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      strict: true,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) throw new UsageError('');
  const positive = (flag: string, raw: string | undefined, max: number) => {
    if (raw === undefined) return undefined;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1 || value > max) {
      throw new UsageError(`--${flag} takes a whole number from 1 to ${max}, not "${raw}".`);
    }
    return value;
  };
  const seconds = positive('duration', values.duration, 300) ?? (values.smoke ? SMOKE_SECONDS : 10);
  const connections = positive('connections', values.connections, 1024);
  const rounds = positive('rounds', values.rounds, 20) ?? (values.smoke ? 1 : 3);
  let parts = PARTS;
  if (values.only !== undefined) {
    const names = values.only.split(',').map((name) => name.trim());
    const unknown = names.filter((name) => !PARTS.some((part) => part.name === name));
    if (unknown.length > 0) {
      throw new UsageError(
        `No part named ${unknown.join(', ')}: choose from ${PARTS.map((part) => part.name).join(', ')}.`,
      );
    }
    parts = PARTS.filter((part) => names.includes(part.name));
  }
  return {
    options: {
      smoke: values.smoke,
      seconds,
      rounds,
      connections,
      log: (line) => console.log(line),
    },
    parts,
  };
}

async function main(): Promise<number> {
  const { options, parts } = readOptions(process.argv.slice(2));
  const file = join(import.meta.dirname, '..', 'BENCHMARKS.md');
  let ok = true;
  for (const part of parts) {
    console.log(`Running ${part.name}${options.smoke ? ' (smoke)' : ''} …`);
    const report = await part.run(options);
    console.log(`\n${report.text}\n`);
    ok &&= report.ok;
    if (!options.smoke && report.markdown) {
      writeSection(file, part.name, report.markdown);
      console.log(`Wrote the ${part.name} section of BENCHMARKS.md.`);
    }
  }
  if (options.smoke) console.log('Smoke run: BENCHMARKS.md is left as it was.');
  if (!ok) console.error('Some measurements failed or did not add up: see above.');
  return ok ? 0 : 1;
}

const interrupt = () => {
  undoAfterInterrupt();
  process.exit(130);
};
process.on('SIGINT', interrupt);
process.on('SIGTERM', interrupt);

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    undoAfterInterrupt();
    if (error instanceof UsageError) {
      console.error(error.message ? `${error.message}\n${USAGE}` : USAGE);
      process.exit(2);
    }
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
