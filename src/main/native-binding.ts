import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * better-sqlite3 as npm builds it targets Node (tests, `serve`); Electron needs a build for its
 * own ABI. `npm start` puts that build in native/electron/ (scripts/electron-native.mjs) and the
 * core loads it from there through better-sqlite3's `nativeBinding` option, so neither build
 * ever replaces the other.
 */
export function electronSqliteBinding(appPath: string): string | undefined {
  const file = join(appPath, 'native', 'electron', 'better_sqlite3.node');
  return existsSync(file) ? file : undefined;
}
