import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PortInUseError, createCore } from '../create-core.js';
import { UsageError, isLoopback, readServeOptions } from './options.js';

/**
 * The user interface as `npm run build` leaves it, in the project's out/renderer: this file
 * runs from src/core/cli as TypeScript, or from out/serve as the bundle scripts/serve.mjs builds.
 */
function rendererDir(from: string): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return join(dir, 'out', 'renderer');
  }
  return join(from, '..', '..', '..', 'out', 'renderer');
}

/** `npm run serve`: the core without the desktop shell, until SIGINT or SIGTERM. */
async function main() {
  const options = readServeOptions(process.argv.slice(2), process.env);
  const core = createCore({
    dataDir: options.dataDir,
    host: options.host,
    port: options.port,
    ...(options.authToken ? { authToken: options.authToken } : {}),
    rendererDir: rendererDir(import.meta.dirname),
  });
  try {
    await core.listen();
  } catch (error) {
    await core.close();
    throw error;
  }
  if (!isLoopback(options.host)) {
    console.error(
      `Warning: listening on ${options.host}: other machines can send events to Outpost and, with the token, read them.`,
    );
  }
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`Received ${signal}: finishing requests in flight and closing the store.`);
    core.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('Closing failed:', error);
        process.exit(1);
      },
    );
  };
  // Before the ready lines: whoever waits for them may signal at once, and the kernel delivers
  // a signal at once, with its default action (ending the process) where no handler is set.
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  console.log(`Outpost is listening on ${core.baseUrl()}`);
  console.log(`DSN: ${core.defaultDsn()}`);
  console.log(`Auth token: ${core.authToken}`);
}

main().catch((error: unknown) => {
  if (error instanceof PortInUseError) {
    console.error(
      `${error.message} Choose another with --port (or OUTPOST_PORT); --port 0 takes a free one.`,
    );
  } else if (error instanceof UsageError) {
    console.error(
      `${error.message}\nUsage: npm run serve -- [--host H] [--port P] [--data-dir DIR] [--auth-token T] [--allow-remote]`,
    );
  } else {
    console.error(error instanceof Error ? error.message : error);
  }
  process.exit(1);
});
