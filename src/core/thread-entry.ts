import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where a thread's code is, for a module at `moduleUrl` (its import.meta.url): the loader beside
 * it that runs the TypeScript source, when the core runs from source (tests, `serve`); or the
 * bundle electron-vite builds beside the desktop app's main, where every module of the core is
 * bundled into one file.
 */
export function threadEntry(moduleUrl: string, sourceLoader: string, bundle: string): string {
  const here = fileURLToPath(moduleUrl);
  return join(dirname(here), here.endsWith('.ts') ? sourceLoader : bundle);
}
