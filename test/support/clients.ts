import { execFile, execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const clients = join(import.meta.dirname, '..', 'clients');

/** Runs the real @sentry/node SDK in its own process, as an application would. */
export async function sendWithNodeSdk(
  dsn: string,
  environment: string,
  release: string,
  message: string,
  count = 1,
) {
  await run(
    process.execPath,
    [join(clients, 'node-sdk.mjs'), dsn, environment, release, message, String(count)],
    {
      timeout: 20_000,
    },
  );
}

export const PYTHON = '/usr/bin/python3';

/**
 * Whether Debian's python3-sentry-sdk is installed (`.ci/run` installs it). Where it is
 * missing the Python tests are skipped, saying how to get it; CI sets OUTPOST_REQUIRE_PYTHON_SDK
 * so that there a missing SDK fails instead.
 */
export function hasPythonSdk(): boolean {
  try {
    execFileSync(PYTHON, ['-c', 'import sentry_sdk'], { stdio: 'ignore' });
    return true;
  } catch {
    if (process.env.OUTPOST_REQUIRE_PYTHON_SDK) {
      throw new Error(
        `${PYTHON} cannot import sentry_sdk: run apt-get install -y python3-sentry-sdk`,
      );
    }
    console.warn(
      `Skipping the Python SDK tests: ${PYTHON} cannot import sentry_sdk (apt-get install -y python3-sentry-sdk).`,
    );
    return false;
  }
}

export async function sendWithPythonSdk(
  dsn: string,
  environment: string,
  release: string,
  message: string,
) {
  await run(PYTHON, [join(clients, 'python-sdk.py'), dsn, environment, release, message], {
    timeout: 20_000,
  });
}
