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
  /** Each round: one measurement per target, taken in turn. */
  rounds: Measurement[][];
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

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

const rateIn = (round: Measurement[], target: TargetName) => {
  const load = round.find((measurement) => measurement.target === target)?.load;
  return load ? rate(load) : undefined;
};

/** Each target's measurement from the round where it had its median rate (the lower middle). */
export function medianMeasurements(result: VariantResult): Measurement[] {
  const targets = result.rounds[0]?.map((measurement) => measurement.target) ?? [];
  return targets.map((target) => {
    const taken = result.rounds
      .map((round) => round.find((measurement) => measurement.target === target)!)
      .filter((measurement) => measurement.load);
    if (taken.length === 0) return result.rounds[0]!.find((m) => m.target === target)!;
    taken.sort((a, b) => rate(a.load!) - rate(b.load!));
    return taken[Math.floor((taken.length - 1) / 2)]!;
  });
}

/**
 * "Outpost/null 0.31, Outpost/Spotlight 0.62": the median over the rounds of each round's
 * ratio, Outpost against the peer measured next to it; absent without figures.
 */
export function ratios(result: VariantResult): string {
  const parts: string[] = [];
  for (const peer of ['null', 'spotlight'] as const) {
    const each = result.rounds.flatMap((round) => {
      const outpost = rateIn(round, 'outpost');
      const other = rateIn(round, peer);
      return outpost !== undefined && other ? [outpost / other] : [];
    });
    if (each.length > 0) {
      parts.push(`Outpost/${TARGET_LABELS[peer].split(' ')[0]} ${median(each).toFixed(2)}`);
    }
  }
  return parts.join(', ');
}

/** "round 1: Outpost 3,360, Spotlight 1,912 (1.76)": every round's rates, when there are several. */
function roundLines(result: VariantResult): string[] {
  if (result.rounds.length < 2) return [];
  return result.rounds.map((round, index) => {
    const figures = round
      .filter((measurement) => measurement.load)
      .map((measurement) => `${TARGET_LABELS[measurement.target]} ${int(rate(measurement.load!))}`);
    const outpost = rateIn(round, 'outpost');
    const spotlight = rateIn(round, 'spotlight');
    const ratio =
      outpost !== undefined && spotlight ? ` (${(outpost / spotlight).toFixed(2)})` : '';
    return `round ${index + 1}: ${figures.join(', ')}${ratio}`;
  });
}

function notes(result: VariantResult): string[] {
  const lines: string[] = [];
  result.rounds.forEach((round, index) => {
    const prefix = result.rounds.length > 1 ? `round ${index + 1}, ` : '';
    for (const measurement of round) {
      const label = `${prefix}${TARGET_LABELS[measurement.target]}`;
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
  });
  return lines;
}

export function variantText(result: VariantResult): string {
  const rows = [HEADINGS, ...medianMeasurements(result).map(row)];
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
    ...roundLines(result).map((line) => `  ${line}`),
    ...notes(result).map((line) => `  ${line}`),
  ].join('\n');
}

export function variantMarkdown(result: VariantResult): string {
  const rows = medianMeasurements(result).map(row);
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
    ...roundLines(result).map((line) => `- ${line}`),
    ...notes(result).map((line) => `- ${line}`),
  ]
    .join('\n')
    .trim();
}
