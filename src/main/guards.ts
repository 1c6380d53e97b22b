/**
 * The desktop window's security rules, kept free of Electron so they are tested under Node.
 * The renderer is served from `app://outpost/`; nothing else may be loaded in the window, and
 * only frames of that origin may call the main process.
 */
export const APP_ORIGIN = 'app://outpost';

export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'app:' && parsed.host === 'outpost';
  } catch {
    return false;
  }
}

/** Links a user may open in the system browser: web pages only, never files or schemes. */
export function isExternalWebUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}
