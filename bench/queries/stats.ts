import { cpus, loadavg } from 'node:os';

export interface Timing {
  name: string;
  /** Milliseconds. */
  p50: number;
  p95: number;
  runs: number;
  /** The target for p95, milliseconds; null where none was set. */
  target: number | null;
}

/** Nearest-rank percentile of ascending samples. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Runs `fn` `warmup` times untimed, then `runs` times timed one after another. */
export async function measure(
  fn: () => unknown,
  { runs, warmup }: { runs: number; warmup: number },
): Promise<{ p50: number; p95: number; samples: number[] }> {
  for (let index = 0; index < warmup; index++) await fn();
  const samples: number[] = [];
  for (let index = 0; index < runs; index++) {
    const started = performance.now();
    await fn();
    samples.push(performance.now() - started);
  }
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), samples };
}

export const ms = (value: number) => (value < 10 ? value.toFixed(2) : value.toFixed(1));

const met = (timing: Timing) => timing.target === null || timing.p95 <= timing.target;

/** The markdown table: query, p50, p95, target, met. */
export function timingTable(timings: readonly Timing[], what = 'Query'): string {
  const lines = [
    `| ${what} | p50 ms | p95 ms | target (p95) | met? |`,
    '| --- | ---: | ---: | ---: | :---: |',
    ...timings.map(
      (timing) =>
        `| ${timing.name} | ${ms(timing.p50)} | ${ms(timing.p95)} | ` +
        (timing.target === null
          ? '— | — |'
          : `${timing.target} ms | ${met(timing) ? 'yes' : '**no**'} |`),
    ),
  ];
  return lines.join('\n');
}

/** The rows that miss their target. */
export const missed = (timings: readonly Timing[]) => timings.filter((timing) => !met(timing));

/** The same figures for a terminal. */
export function timingText(timings: readonly Timing[]): string {
  const width = Math.max(...timings.map((timing) => timing.name.length));
  return timings
    .map(
      (timing) =>
        `${timing.name.padEnd(width)}  p50 ${ms(timing.p50).padStart(7)} ms  p95 ${ms(timing.p95).padStart(7)} ms  ` +
        `${timing.target === null ? '' : met(timing) ? 'ok' : `MISSED (target ${timing.target} ms)`}`,
    )
    .join('\n');
}

/** Where the figures were taken: they mean little without it. */
export function machineNote(): string {
  const [one] = loadavg();
  return (
    `${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), Node ${process.version}, ` +
    `load average ${one!.toFixed(2)} at the start`
  );
}
