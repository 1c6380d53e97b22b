import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { onInterrupt } from '../interrupt.js';

export interface ServerProcess {
  pid: number;
  /** The address it printed, e.g. http://127.0.0.1:41234 */
  url: string;
  /** Everything it printed so far, for errors and for lines such as the DSN. */
  output(): string;
  /** Peak resident memory so far, in bytes (VmHWM: the kernel keeps the high-water mark). */
  peakRssBytes(): number;
  /** CPU time used so far, user plus system, in seconds. */
  cpuSeconds(): number;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves with how it ended. */
  stop(graceMs?: number): Promise<string>;
}

function procStatus(pid: number, field: string): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  return match ? Number(match[1]) * 1024 : 0;
}

function procCpuSeconds(pid: number): number {
  // Fields 14 and 15 of /proc/PID/stat, after the parenthesised name (which may hold spaces),
  // in clock ticks: USER_HZ, which is 100 on Linux whatever the kernel's own HZ.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/**
 * Starts `node ARGS` and waits until it prints `… listening on http://HOST:PORT`. Bounded: a
 * server that has not said so within `startMs` is killed and the start fails with its output.
 */
export function startServer(
  name: string,
  args: string[],
  { cwd, startMs = 60_000 }: { cwd: string; startMs?: number },
): Promise<ServerProcess> {
  const child = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  const dropUndo = onInterrupt(() => child.kill('SIGKILL'));
  let output = '';
  const keep = (chunk: Buffer) => {
    // Enough for the start lines and an error; a chatty server must not grow this forever.
    if (output.length < 64_000) output += chunk.toString('utf8');
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => {
      dropUndo();
      resolve(signal ? `killed by ${signal}` : `exit code ${code}`);
    });
  });

  return new Promise((resolve, reject) => {
    let started = false;
    const fail = (reason: string) => {
      if (started) return;
      clearInterval(poll);
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${name} did not start: ${reason}\n${output.trim()}`));
    };
    const timer = setTimeout(() => fail(`no address after ${startMs / 1000} s`), startMs);
    void exited.then((how) => fail(how));
    const poll = setInterval(() => {
      const match = /listening on (http:\/\/[^\s]+)/.exec(output);
      if (!match || child.pid === undefined) return;
      started = true;
      clearInterval(poll);
      clearTimeout(timer);
      const pid = child.pid;
      resolve({
        pid,
        url: match[1]!,
        output: () => output,
        peakRssBytes: () => procStatus(pid, 'VmHWM'),
        cpuSeconds: () => procCpuSeconds(pid),
        async stop(graceMs = 15_000) {
          if (child.exitCode !== null || child.signalCode !== null) return exited;
          child.kill('SIGTERM');
          const kill = setTimeout(() => child.kill('SIGKILL'), graceMs);
          const how = await exited;
          clearTimeout(kill);
          return how;
        },
      });
    }, 50);
  });
}
