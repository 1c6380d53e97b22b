import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';

/** Where the reliability suites leave their figures, for RELIABILITY.md to be updated from. */
export const figuresDir = join(tmpdir(), 'outpost-reliability');

/** Prints one suite's figures and writes them to `figuresDir/<name>.json`. */
export function recordFigures(name: string, figures: Record<string, unknown>): void {
  mkdirSync(figuresDir, { recursive: true });
  const record = { suite: name, recordedAt: new Date().toISOString(), ...figures };
  writeFileSync(join(figuresDir, `${name}.json`), JSON.stringify(record, null, 2) + '\n');
  console.log(`[reliability] ${name}: ${JSON.stringify(figures)}`);
}

/**
 * Counts the cases a property ran, per target, and how long each target took. `property` runs
 * a seeded fast-check property and counts it, so a failure replays with its input.
 */
export function createTally(seed: number) {
  const cases: Record<string, number> = {};
  const millis: Record<string, number> = {};
  return {
    cases,
    millis,
    count(target: string, amount = 1) {
      cases[target] = (cases[target] ?? 0) + amount;
    },
    time(target: string, started: number) {
      millis[target] = Math.round((millis[target] ?? 0) + performance.now() - started);
    },
    total: () => Object.values(cases).reduce((sum, each) => sum + each, 0),
    property<T>(
      target: string,
      runs: number,
      arbitrary: fc.Arbitrary<T>,
      check: (value: T) => void,
    ) {
      const started = performance.now();
      fc.assert(
        fc.property(arbitrary, (value) => {
          cases[target] = (cases[target] ?? 0) + 1;
          check(value);
        }),
        { seed, numRuns: runs },
      );
      millis[target] = Math.round((millis[target] ?? 0) + performance.now() - started);
    },
  };
}
