import { parseArgs } from 'node:util';
import { defaultDataDir } from '../data-dir.js';

export interface ServeOptions {
  host: string;
  port: number;
  dataDir: string;
  authToken: string | undefined;
  allowRemote: boolean;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);
export const isLoopback = (host: string) => LOOPBACK.has(host) || host.startsWith('127.');

export class UsageError extends Error {}

/** Flags win over their OUTPOST_* variables; defaults last. */
export function readServeOptions(argv: string[], env: NodeJS.ProcessEnv): ServeOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        host: { type: 'string' },
        port: { type: 'string' },
        'data-dir': { type: 'string' },
        'auth-token': { type: 'string' },
        'allow-remote': { type: 'boolean' },
      },
      strict: true,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const rawPort = values.port ?? env.OUTPOST_PORT ?? '8930';
  const port = Number(rawPort);
  if (!/^\d+$/.test(rawPort) || port > 65535) {
    throw new UsageError(
      `Invalid port "${rawPort}": give a number from 0 to 65535 (0 takes a free port).`,
    );
  }
  const host = values.host ?? env.OUTPOST_HOST ?? '127.0.0.1';
  const allowRemote = values['allow-remote'] ?? env.OUTPOST_ALLOW_REMOTE === '1';
  // Error data and the API token must not be reachable from the network by accident.
  if (!isLoopback(host) && !allowRemote) {
    throw new UsageError(
      `Refusing to listen on ${host}: other machines could reach your error data. Add --allow-remote (or OUTPOST_ALLOW_REMOTE=1) if you mean it.`,
    );
  }
  return {
    host,
    allowRemote,
    port,
    dataDir: values['data-dir'] ?? env.OUTPOST_DATA_DIR ?? defaultDataDir(),
    authToken: values['auth-token'] ?? env.OUTPOST_AUTH_TOKEN ?? undefined,
  };
}
