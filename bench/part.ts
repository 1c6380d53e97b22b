/** How `npm run bench` was asked to run. */
export interface BenchOptions {
  /** A short run that keeps the code working (CI): nothing is written, no speed is judged. */
  smoke: boolean;
  /** Seconds of load per measurement, when the part measures under load. */
  seconds: number;
  /** Measurements of each target, taken in turn with the others; the median is reported. */
  rounds: number;
  /** Concurrent connections, when the part opens any; undefined: the part's own default. */
  connections: number | undefined;
  log(line: string): void;
}

export interface PartReport {
  /** False when a check failed (a mismatch, a server that did not start): the run exits 1. */
  ok: boolean;
  /** The figures for the terminal. */
  text: string;
  /** The part's section of BENCHMARKS.md, without its markers. */
  markdown: string;
}

/**
 * One part of `npm run bench` (ingest, queries, …). bench/run.ts lists them; each owns its
 * section of BENCHMARKS.md, between `<!-- NAME:start -->` and `<!-- NAME:end -->`.
 */
export interface BenchPart {
  name: string;
  run(options: BenchOptions): Promise<PartReport>;
}
