import { join } from 'node:path';
import { type BrowserWindow, app, dialog } from 'electron';
import { type Core, createCore } from '../core/create-core.js';
import { registerIpc } from './ipc.js';
import { installMenu } from './menu.js';
import { electronSqliteBinding } from './native-binding.js';
import { registerAppScheme, serveRenderer } from './protocol.js';
import { createMainWindow, preloadPath } from './window.js';

// The desktop app: the same core as `npm run serve`, with the UI over IPC instead of HTTP.
const outDir = join(import.meta.dirname, '..');
let core: Core | undefined;
let window: BrowserWindow | undefined;

registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.whenReady().then(start, fail);
}

async function start() {
  const nativeBinding = electronSqliteBinding(app.getAppPath());
  core = createCore({
    dataDir: app.getPath('userData'),
    port: Number(process.env.OUTPOST_PORT ?? 8930),
    ...(nativeBinding ? { nativeBinding } : {}),
  });
  try {
    await core.listen();
  } catch (error) {
    // The UI still opens: Settings shows the port problem and lets the user pick another.
    console.error((error as Error).message);
  }
  serveRenderer(join(outDir, 'renderer'));
  installMenu({ dsn: () => core!.defaultDsn(), dataDir: app.getPath('userData') });
  registerIpc(core.app, () => window);
  window = createMainWindow(preloadPath(outDir));
  window.on('closed', () => (window = undefined));
}

function fail(error: unknown) {
  dialog.showErrorBox(
    'Outpost could not start',
    error instanceof Error ? error.message : String(error),
  );
  app.exit(1);
}

app.on('window-all-closed', () => app.quit());

let closing = false;
app.on('will-quit', (event) => {
  if (!core || closing) return;
  event.preventDefault();
  closing = true;
  core.close().finally(() => app.exit(0));
});
