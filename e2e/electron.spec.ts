import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import type { OutpostBridge } from '../src/shared/contract';

declare global {
  interface Window {
    outpost?: OutpostBridge;
  }
}

const root = join(import.meta.dirname, '..');
const electronDir = join(root, 'node_modules', 'electron');

/** The Electron binary is fetched on first use; where it was never fetched this suite cannot run. */
function electronBinary(): string | undefined {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : undefined;
}

const binary = electronBinary();
const SKIP_REASON =
  'Skipped: the Electron binary is not installed here (node_modules/electron has no dist/). `npm start` fetches it on first use; run this suite where that worked.';
// The list reporter shows a skip as a dash: say why where everyone reads it.
if (!binary) console.log(`Desktop smoke test: ${SKIP_REASON}`);

test.describe('the desktop app', () => {
  test.skip(!binary, SKIP_REASON);

  test('opens one secure window showing the issue list', async () => {
    const app = await electron.launch({
      executablePath: binary!,
      args: [root],
      env: { ...process.env, OUTPOST_PORT: '0' },
    });
    const page = await app.firstWindow();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Issues');
    expect(page.url()).toMatch(/^app:\/\/outpost\//);
    // Isolated and without Node: only the bridge's named methods reach the page.
    const exposed = await page.evaluate(() => ({
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      bridge: typeof window.outpost?.listProjects,
      ipc: typeof (window.outpost as unknown as { invoke?: unknown }).invoke,
    }));
    expect(exposed).toEqual({
      require: 'undefined',
      process: 'undefined',
      bridge: 'function',
      ipc: 'undefined',
    });
    expect(await page.evaluate(() => window.open('https://example.com') === null)).toBe(true);
    expect(app.windows()).toHaveLength(1);
    const refused = await page.evaluate(() =>
      window.outpost!.listProjects({ bogus: true } as never),
    );
    expect(refused).toMatchObject({ ok: false, error: { status: 400 } });
    await app.close();
  });
});
