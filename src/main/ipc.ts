import { type BrowserWindow, ipcMain } from 'electron';
import { EVENT_CHANNEL, callNames, channelOf } from '../shared/contract.js';
import type { AppEvent } from '../shared/types.js';
import { type CallService, handleIpcCall } from './ipc-handler.js';

/** One handler a contract call, on a channel derived from its name; events pushed to the window. */
export function registerIpc(
  service: CallService & { onEvent(listener: (event: AppEvent) => void): () => void },
  window: () => BrowserWindow | undefined,
): () => void {
  for (const name of callNames) {
    ipcMain.handle(channelOf(name), (event, input: unknown) =>
      handleIpcCall(service, event.senderFrame?.url, name, input),
    );
  }
  const unsubscribe = service.onEvent((event) => window()?.webContents.send(EVENT_CHANNEL, event));
  return () => {
    unsubscribe();
    for (const name of callNames) ipcMain.removeHandler(channelOf(name));
  };
}
