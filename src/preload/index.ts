import { contextBridge, ipcRenderer } from 'electron';
import { EVENT_CHANNEL, callNames, channelOf } from '../shared/contract.js';
import type { AppEvent } from '../shared/types.js';

// One named method a contract call and a subscription to pushed events; never ipcRenderer itself.
const bridge: Record<string, unknown> = {
  onEvent(listener: (event: AppEvent) => void) {
    const handler = (_event: unknown, payload: AppEvent) => listener(payload);
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => ipcRenderer.removeListener(EVENT_CHANNEL, handler);
  },
};
for (const name of callNames) {
  bridge[name] = (input: unknown) => ipcRenderer.invoke(channelOf(name), input);
}
contextBridge.exposeInMainWorld('outpost', bridge);
