import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
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

/** CPU time the whole machine has spent busy since boot, in seconds (all cores added up). */
export function machineBusySeconds(): number {
  // /proc/stat's first line: user nice system idle iowait irq softirq steal …, in USER_HZ (100).
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1);
  const [user, nice, system, , , irq, softirq, steal] = fields.map(Number);
  return (user! + nice! + system! + irq! + softirq! + steal!) / 100;
}
