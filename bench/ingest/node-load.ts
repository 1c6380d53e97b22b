import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import { assemble } from './body-template.js';
import type { LoadOptions, LoadResult } from './load.js';
import type { TemplatePools } from './variants.js';

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/**
 * The fallback when wrk is missing: the same bodies and ids, the same counts, from Node. It
 * saturates a core near 11,000 requests/s, so its figures are never the ones to publish; it
 * keeps `--smoke` exercising every target and check on a machine without wrk.
 */
export async function runNodeLoad(
  options: Omit<LoadOptions, 'templatesFile'>,
  pools: TemplatePools,
): Promise<LoadResult> {
  const url = new URL(options.url);
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections });
  const prefix = randomBytes(12).toString('hex');
  const statuses: Record<string, number> = {};
  const latencies: number[] = [];
  let sent = 0;
  let everySent = 0;
  let socketErrors = 0;
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const deadline = started + options.seconds * 1000;

  const post = () =>
    new Promise<void>((resolve) => {
      sent += 1;
      let pool = pools.main;
      if (pools.every && sent % pools.every.n === 0) {
        pool = pools.every.templates;
        everySent += 1;
      }
      const template = pool[Math.floor(Math.random() * pool.length)]!;
      const body = assemble(template, prefix + sent.toString(16).padStart(8, '0'));
      const headers: Record<string, string | number> = {
        'Content-Type': 'application/x-sentry-envelope',
        'Content-Length': body.length,
      };
      if (template.gzip) headers['Content-Encoding'] = 'gzip';
      const begin = performance.now();
      const req = request(url, { method: 'POST', agent, headers, timeout: 10_000 }, (res) => {
        res.resume();
        res.on('end', () => {
          latencies.push(performance.now() - begin);
          statuses[res.statusCode!] = (statuses[res.statusCode!] ?? 0) + 1;
          resolve();
        });
      });
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', () => {
        socketErrors += 1;
        resolve();
      });
      req.end(body);
    });

  const connection = async () => {
    while (performance.now() < deadline) await post();
  };
  await Promise.all(Array.from({ length: options.connections }, connection));
  agent.destroy();
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const mean = latencies.reduce((sum, value) => sum + value, 0) / (latencies.length || 1);
  return {
    generator: 'node',
    seconds,
    // The whole bench process: it does little else meanwhile.
    generatorCpuSeconds:
      Object.values(process.cpuUsage(cpuBefore)).reduce((a, b) => a + b, 0) / 1e6,
    sent,
    everySent,
    statuses,
    responses: latencies.length,
    socketErrors,
    latencyMs: {
      mean,
      p50: percentile(latencies, 50),
      p90: percentile(latencies, 90),
      p99: percentile(latencies, 99),
      max: latencies.at(-1) ?? 0,
    },
  };
}
