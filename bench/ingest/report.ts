import type { LoadResult } from './load.js';
import type { StoreCheck } from './store-check.js';
import type { TargetName } from './targets.js';
import type { Variant } from './variants.js';

/** One target under one variant's load. */
export interface Measurement {
  target: TargetName;
  load?: LoadResult;
  peakRssBytes?: number;
  cpuSeconds?: number;
  /** CPU everything else on the machine used meanwhile (not the server, not the generator). */
  othersCpuSeconds?: number;
  /** Outpost only: what it stored against what was answered. */
  stored?: StoreCheck;
  /** Why there is no figure: 'skipped' or 'failed'. */
  missing?: string;
  /** What went wrong, if anything: answers other than 200, socket errors, a failed start. */
  problems: string[];
}

export const failed = (measurement: Measurement) =>
  measurement.problems.length > 0 || measurement.stored?.ok === false;

export interface VariantResult {
  variant: Variant;
  measurements: Measurement[];
}

export const TARGET_LABELS: Record<TargetName, string> = {
  outpost: 'Outpost',
  null: 'null receiver',
  spotlight: 'Spotlight',
};

/** Requests answered 200 per second: for these bodies, events (or transactions) per second. */
export function rate(load: LoadResult): number {
  return (load.statuses['200'] ?? 0) / load.seconds;
}

/** Work by other processes, in % of one core, past which a measurement is called disturbed. */
export const OTHERS_NOTE_PERCENT = 15;

const int = (value: number) => Math.round(value).toLocaleString('en-US');
const ms = (value: number) => (value < 10 ? value.toFixed(2) : value.toFixed(1));
const mb = (bytes: number) => `${Math.round(bytes / 1024 ** 2)} MB`;

function row(measurement: Measurement): string[] {
  const label = TARGET_LABELS[measurement.target];
  const { load } = measurement;
  if (!load) return [label, measurement.missing ?? 'no figure', '', '', '', '', '', ''];
  const percent = (seconds: number | undefined) =>
    seconds === undefined ? '' : `${Math.max(0, Math.round((seconds / load.seconds) * 100))} %`;
  return [
    label,
    int(rate(load)),
    ms(load.latencyMs.p50),
    ms(load.latencyMs.p99),
    measurement.peakRssBytes ? mb(measurement.peakRssBytes) : '',
    percent(measurement.cpuSeconds),
    percent(load.generatorCpuSeconds),
    percent(measurement.othersCpuSeconds),
  ];
}

const HEADINGS = [
  'target',
  'events/s',
  'p50 ms',
  'p99 ms',
  'peak RSS',
  'server CPU',
  'generator CPU',
  'others CPU',
];

/** "Outpost/null 0.31, Outpost/Spotlight 0.62": from the same run, or absent. */
export function ratios(result: VariantResult): string {
  const find = (target: TargetName) =>
    result.measurements.find((measurement) => measurement.target === target)?.load;
  const outpost = find('outpost');
  if (!outpost) return '';
  const parts: string[] = [];
  for (const peer of ['null', 'spotlight'] as const) {
    const load = find(peer);
    if (load && rate(load) > 0) {
      parts.push(
        `Outpost/${TARGET_LABELS[peer].split(' ')[0]} ${(rate(outpost) / rate(load)).toFixed(2)}`,
      );
    }
  }
  return parts.join(', ');
}

function notes(result: VariantResult): string[] {
  const lines: string[] = [];
  for (const measurement of result.measurements) {
    const label = TARGET_LABELS[measurement.target];
    if (measurement.stored) lines.push(`${label}: ${measurement.stored.summary}`);
    for (const problem of measurement.problems) lines.push(`${label}: ${problem}`);
    const { load, othersCpuSeconds } = measurement;
    const others = load && othersCpuSeconds ? (othersCpuSeconds / load.seconds) * 100 : 0;
    if (others > OTHERS_NOTE_PERCENT) {
      lines.push(
        `${label}: disturbed, other work on the machine used ${Math.round(others)} % of a core meanwhile`,
      );
    }
  }
  return lines;
}

export function variantText(result: VariantResult): string {
  const rows = [HEADINGS, ...result.measurements.map(row)];
  const widths = HEADINGS.map((_, column) =>
    Math.max(...rows.map((cells) => cells[column]!.length)),
  );
  const table = rows.map((cells) =>
    cells
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!),
      )
      .join('  '),
  );
  const summary = ratios(result);
  return [
    `${result.variant.name}: ${result.variant.description}`,
    ...table.map((line) => `  ${line}`),
    ...(summary ? [`  ${summary}`] : []),
    ...notes(result).map((line) => `  ${line}`),
  ].join('\n');
}

export function variantMarkdown(result: VariantResult): string {
  const rows = result.measurements.map(row);
  const table = [
    `| ${HEADINGS.join(' | ')} |`,
    `|${HEADINGS.map((_, column) => (column === 0 ? ' --- ' : ' ---: ')).join('|')}|`,
    ...rows.map((cells) => `| ${cells.join(' | ')} |`),
  ];
  const summary = ratios(result);
  return [
    `### ${result.variant.name}: ${result.variant.description}`,
    '',
    ...table,
    '',
    ...(summary ? [`${summary}.`, ''] : []),
    ...notes(result).map((line) => `- ${line}`),
  ]
    .join('\n')
    .trim();
}
