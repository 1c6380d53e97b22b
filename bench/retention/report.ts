import type { RetentionRun } from './index.js';
import type { Sample } from './probe.js';
import { rate } from '../ingest/report.js';

const n = (value: number) => Math.round(value).toLocaleString('en-US');
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const ms = (value: number) => `${value.toFixed(1)} ms`;

interface Summary {
  peak: number;
  /** Seconds into the load when the project first held more than its limit; null: never. */
  passedAt: number | null;
  overShare: number;
  peakBytes: number;
}

function summarize(run: RetentionRun): Summary {
  const over = run.samples.filter((sample) => sample.events > run.limit);
  return {
    peak: Math.max(0, ...run.samples.map((sample) => sample.events)),
    passedAt: over[0]?.seconds ?? null,
    overShare: run.samples.length > 0 ? over.length / run.samples.length : 0,
    peakBytes: Math.max(0, ...run.samples.map((sample) => sample.bytes)),
  };
}

/** About ten samples spread over the load, for a timeline. */
function timeline(samples: Sample[]): Sample[] {
  const step = Math.max(1, Math.floor(samples.length / 10));
  return samples.filter((_, index) => index % step === 0);
}

const setupLine = (run: RetentionRun) =>
  `error events from ${run.generator}, ${run.connections} keep-alive connections for ` +
  `${run.seconds} s, into a project limited to ${n(run.limit)} events`;

function findings(run: RetentionRun, summary: Summary): string[] {
  const passed =
    summary.passedAt === null
      ? 'never past the limit'
      : `past the limit from ${summary.passedAt.toFixed(1)} s, over it in ` +
        `${Math.round(summary.overShare * 100)} % of the samples`;
  const settled =
    run.settledAfter === null
      ? 'not back within the limit'
      : `back within the limit ${run.settledAfter.toFixed(1)} s after the load stopped`;
  return [
    `${n(rate(run.load))} events/s answered 200, p50 ${ms(run.load.latencyMs.p50)}, ` +
      `p99 ${ms(run.load.latencyMs.p99)}, peak RSS ${mb(run.peakRssBytes)}`,
    `stored during the load: at most ${n(summary.peak)} (${passed})`,
    `${settled}; ${n(run.storedAtEnd)} stored when Outpost shut down, of ` +
      `${n(run.load.statuses['200'] ?? 0)} answered 200`,
    `database and WAL: at most ${mb(summary.peakBytes)} during the load, ` +
      `${mb(run.bytesAfter)} once within the limit`,
  ];
}

export function retentionText(run: RetentionRun): string {
  const summary = summarize(run);
  const lines = [
    `Retention: ${setupLine(run)}`,
    ...findings(run, summary).map((line) => `  ${line}`),
  ];
  lines.push(
    `  timeline (s: events stored): ${timeline(run.samples)
      .map((sample) => `${sample.seconds.toFixed(1)}: ${n(sample.events)}`)
      .join(', ')}`,
  );
  if (run.problems.length > 0) lines.push(`  PROBLEMS: ${run.problems.join('; ')}`);
  return lines.join('\n');
}

export function retentionMarkdown(
  run: RetentionRun,
  context: { date: string; machine: string; load: number; revision: string },
): string {
  const summary = summarize(run);
  const rows = timeline(run.samples).map(
    (sample) => `| ${sample.seconds.toFixed(1)} | ${n(sample.events)} | ${mb(sample.bytes)} |`,
  );
  return [
    '## Retention',
    '',
    `Measured ${context.date} on ${context.machine}; one-minute load average ` +
      `${context.load.toFixed(2)} at the start. Outpost${context.revision ? ` (${context.revision})` : ''} ` +
      `\`serve\` on a fresh data folder; ${setupLine(run)}, the bodies of the ingest part's ` +
      'errors. Retention looks at the count limit within a second of the writes that pass it ' +
      "and prunes in batches of 500 on the write thread, between ingest's commits. Every 250 ms " +
      'the run reads ' +
      'what Settings → Retention shows, and the size of the database and its WAL.',
    '',
    ...findings(run, summary).map((line) => `- ${line[0]!.toUpperCase()}${line.slice(1)}.`),
    ...(run.problems.length > 0 ? [`- Problems: ${run.problems.join('; ')}.`] : []),
    '',
    '| seconds into the load | events stored | database and WAL |',
    '| --- | --- | --- |',
    ...rows,
    '',
    'To repeat: `npm run bench -- --only retention`.',
  ].join('\n');
}
