import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { newAuthToken } from './ids.js';

/** The folder the desktop app also uses (Electron's `userData` for an app named Outpost). */
export function defaultDataDir(): string {
  const home = homedir();
  if (process.platform === 'darwin') return join(home, 'Library', 'Application Support', 'Outpost');
  if (process.platform === 'win32') {
    return join(process.env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Outpost');
  }
  return join(process.env.XDG_CONFIG_HOME ?? join(home, '.config'), 'Outpost');
}

/** Error data can hold secrets: the folder is the user's alone. */
export function ensureDataDir(dir: string) {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
}

/** The Web API token: given, or the one kept in the data folder, made on first use. */
export function loadAuthToken(dir: string, given?: string): string {
  if (given) return given;
  const file = join(dir, 'auth-token');
  if (existsSync(file)) {
    const token = readFileSync(file, 'utf8').trim();
    if (token) return token;
  }
  const token = newAuthToken();
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  return token;
}

export const databaseFile = (dir: string) => join(dir, 'outpost.db');
