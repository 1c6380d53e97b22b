import { execFileSync } from 'node:child_process';
import { cpus, loadavg, release, totalmem } from 'node:os';

/** The machine a run was measured on, as one line for BENCHMARKS.md. */
export function describeMachine(): string {
  const model = cpus()[0]?.model.trim() ?? 'unknown CPU';
  const memory = (totalmem() / 1024 ** 3).toFixed(1);
  return `${model}, ${cpus().length} cores, ${memory} GiB, Linux ${release()}, Node ${process.version}`;
}

/** The one-minute load average, to say how quiet the machine was. */
export const loadAverage = () => loadavg()[0]!;

/** `2026-11-25 14:03 UTC` */
export function runDate(now = new Date()): string {
  return `${now.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** The commit measured, e.g. `4f2c1ab`, marked when src/ differs from it; '' outside git. */
export function sourceRevision(root: string): string {
  try {
    const git = (...args: string[]) =>
      execFileSync('git', args, { cwd: root, encoding: 'utf8', timeout: 5_000 }).trim();
    const commit = git('rev-parse', '--short', 'HEAD');
    return git('status', '--porcelain', '--', 'src') ? `${commit} with changes in src/` : commit;
  } catch {
    return '';
  }
}
