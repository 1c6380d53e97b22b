import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

const SYSTEM_BROWSERS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
];

/**
 * The browser the UI tests drive: Playwright's own Chromium where a user installed it, else the
 * system's. Where there is none the run fails at once, saying how to get one.
 */
export function findChromium(): string {
  const own = (() => {
    try {
      return chromium.executablePath();
    } catch {
      return undefined;
    }
  })();
  const found = [process.env.OUTPOST_CHROMIUM, own, ...SYSTEM_BROWSERS].find(
    (path): path is string => Boolean(path) && existsSync(path!),
  );
  if (!found) {
    throw new Error(
      'No Chromium found for the UI tests. Install one: on Debian or Ubuntu `sudo apt-get install -y chromium`, ' +
        'elsewhere `npx playwright install chromium`; or point OUTPOST_CHROMIUM at a Chromium binary.',
    );
  }
  return found;
}
