import { execFile, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** What one load run saw, whichever generator made it. */
export interface LoadResult {
  generator: 'wrk' | 'node';
  seconds: number;
  /** CPU time the generator itself used, in seconds. */
  generatorCpuSeconds: number;
  /** Requests started; those still in flight at the stop were never answered. */
  sent: number;
  /** Of those, how many were the every-n-th kind (bodies carrying a session). */
  everySent: number;
  /** Responses received, by status code. */
  statuses: Record<string, number>;
  responses: number;
  /** Connect, read, write and timeout errors. */
  socketErrors: number;
  latencyMs: { mean: number; p50: number; p90: number; p99: number; max: number };
}

export interface LoadOptions {
  url: string;
  templatesFile: string;
  connections: number;
  seconds: number;
}

/** wrk's version line, or undefined when it is not installed. */
export function wrkVersion(): string | undefined {
  const result = spawnSync('wrk', ['-v'], { encoding: 'utf8', timeout: 5_000 });
  if (result.error) return undefined;
  return /wrk (\S+)/.exec(`${result.stdout}${result.stderr}`)?.[1] ?? 'unknown version';
}

/**
 * wrk threads: one per two cores. On a small machine the generator shares the cores with the
 * server; one LuaJIT thread builds well over the requests any receiver here can answer.
 */
export const wrkThreads = (cores: number, connections: number) =>
  Math.max(1, Math.min(connections, Math.floor(cores / 2)));

/**
 * CPU time of this process's children that have ended and been waited for (cutime + cstime of
 * /proc/self/stat, in USER_HZ = 100): around one wrk run, what wrk used. The servers end only
 * after their measurement, so they do not count here.
 */
function reapedChildrenCpuSeconds(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

interface WrkJson {
  durationMicros: number;
  responses: number;
  sent: number;
  everySent: number;
  statuses: Record<string, number>;
  errors: { connect: number; read: number; write: number; timeout: number };
  latencyMicros: Record<string, number>;
}

export async function runWrk(options: LoadOptions, threads: number): Promise<LoadResult> {
  const args = [
    `-t${threads}`,
    `-c${options.connections}`,
    `-d${options.seconds}s`,
    '--timeout',
    '10s',
    '--latency',
    '-s',
    join(import.meta.dirname, 'ingest.lua'),
    options.url,
    '--',
    options.templatesFile,
    randomBytes(4).toString('hex'),
  ];
  const childCpuBefore = reapedChildrenCpuSeconds();
  const { stdout } = await new Promise<{ stdout: string }>((resolve, reject) => {
    // Bounded even if wrk hangs: its own duration plus a margin for the last timeouts.
    execFile(
      'wrk',
      args,
      { timeout: (options.seconds + 30) * 1000, killSignal: 'SIGKILL', maxBuffer: 1024 * 1024 },
      (error, out, err) =>
        error
          ? reject(new Error(`wrk failed: ${error.message}\n${err}`))
          : resolve({ stdout: out }),
    );
  });
  const line = stdout.split('\n').find((text) => text.startsWith('BENCH-JSON '));
  if (!line) throw new Error(`wrk printed no result line:\n${stdout}`);
  const json = JSON.parse(line.slice('BENCH-JSON '.length)) as WrkJson;
  const ms = (key: string) => (json.latencyMicros[key] ?? 0) / 1000;
  return {
    generator: 'wrk',
    seconds: json.durationMicros / 1e6,
    generatorCpuSeconds: reapedChildrenCpuSeconds() - childCpuBefore,
    // wrk builds one request with the first thread's script to check it, and never sends it.
    sent: json.sent - 1,
    everySent: json.everySent,
    statuses: json.statuses,
    responses: json.responses,
    socketErrors: json.errors.connect + json.errors.read + json.errors.write + json.errors.timeout,
    latencyMs: { mean: ms('mean'), p50: ms('50'), p90: ms('90'), p99: ms('99'), max: ms('max') },
  };
}

/** Two runs against the same server as one, for counting what it stored. */
export function combineLoads(first: LoadResult, second: LoadResult): LoadResult {
  const statuses = { ...first.statuses };
  for (const [status, count] of Object.entries(second.statuses)) {
    statuses[status] = (statuses[status] ?? 0) + count;
  }
  return {
    ...second,
    seconds: first.seconds + second.seconds,
    generatorCpuSeconds: first.generatorCpuSeconds + second.generatorCpuSeconds,
    sent: first.sent + second.sent,
    everySent: first.everySent + second.everySent,
    statuses,
    responses: first.responses + second.responses,
    socketErrors: first.socketErrors + second.socketErrors,
  };
}

/** Anything but 200s from a run: other statuses, socket errors, or no answer at all. */
export function loadProblems(load: LoadResult, prefix: string): string[] {
  const problems = Object.entries(load.statuses)
    .filter(([status]) => status !== '200')
    .map(([status, count]) => `${prefix}${count.toLocaleString('en-US')} answers ${status}`);
  if (load.socketErrors > 0) problems.push(`${prefix}${load.socketErrors} socket errors`);
  if (load.responses === 0) problems.push(`${prefix}no answer at all`);
  return problems;
}
