import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

// The peer the issue names: the Spotlight sidecar, which only buffers envelopes in memory.
// Installed outside the repository, so it never enters Outpost's lockfile or node_modules.
export const SPOTLIGHT_VERSION = '4.11.8';
// Spotlight's bundle imports a file from inside hono 4.12.25; a newer hono breaks that import.
const HONO_VERSION = '4.12.25';
const INSTALL_TIMEOUT_MS = 240_000;

export const spotlightDir = () => join(tmpdir(), 'outpost-bench-spotlight');

function installedVersion(dir: string, name: string): string | undefined {
  try {
    const manifest = readFileSync(join(dir, 'node_modules', name, 'package.json'), 'utf8');
    return (JSON.parse(manifest) as { version?: string }).version;
  } catch {
    return undefined;
  }
}

export type SpotlightSetup = { entry: string; dir: string } | { skipped: string };

/**
 * Installs Spotlight (once; later runs reuse the folder) and puts the bench's start script
 * beside it. Never throws: a machine without the registry runs the other targets, with a note.
 */
export async function prepareSpotlight(log: (line: string) => void): Promise<SpotlightSetup> {
  const dir = spotlightDir();
  const ready =
    installedVersion(dir, '@spotlightjs/spotlight') === SPOTLIGHT_VERSION &&
    installedVersion(dir, 'hono') === HONO_VERSION;
  if (!ready) {
    log(`Installing @spotlightjs/spotlight@${SPOTLIGHT_VERSION} into ${dir} …`);
    try {
      mkdirSync(dir, { recursive: true });
      writeFileSync(
        join(dir, 'package.json'),
        `${JSON.stringify(
          {
            name: 'outpost-bench-spotlight',
            private: true,
            type: 'module',
            dependencies: { '@spotlightjs/spotlight': SPOTLIGHT_VERSION },
            overrides: { hono: HONO_VERSION },
          },
          null,
          2,
        )}\n`,
      );
      // No install scripts: the sidecar needs none, and the bench runs nobody else's code
      // beyond the server it measures.
      await promisify(execFile)(
        'npm',
        ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'],
        { cwd: dir, timeout: INSTALL_TIMEOUT_MS, maxBuffer: 4 * 1024 * 1024 },
      );
    } catch (error) {
      const reason = (error as { stderr?: string }).stderr?.trim() || (error as Error).message;
      return { skipped: `Spotlight could not be installed (${reason.split('\n')[0]})` };
    }
    if (installedVersion(dir, '@spotlightjs/spotlight') !== SPOTLIGHT_VERSION) {
      return { skipped: 'Spotlight could not be installed (npm left no package behind)' };
    }
  }
  const entry = join(dir, 'spotlight-entry.mjs');
  copyFileSync(join(import.meta.dirname, 'spotlight-entry.mjs'), entry);
  return existsSync(entry) ? { entry, dir } : { skipped: 'the Spotlight start script is missing' };
}
