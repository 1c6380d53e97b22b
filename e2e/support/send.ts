import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const client = join(import.meta.dirname, '..', '..', 'test', 'clients', 'node-sdk.mjs');

/**
 * Sends errors with the real @sentry/node SDK, from its own process. `place` names the function
 * that throws (checkout, cache, render, reload, report): each place is its own issue.
 */
export async function sendErrors(
  dsn: string,
  environment: string,
  message: string,
  count = 1,
  place = 'checkout',
) {
  const args = [client, dsn, environment, 'app@1.0.0', message, String(count), place];
  await run(process.execPath, args, { timeout: 30_000 });
}
