// Electron preload: exposes window.berkas and nothing else. It forwards calls over IPC and never
// hands the page an ipcRenderer or an event object (Electron security checklist, item 20).
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import type { BerkasApi } from './api-types.ts';
import { IPC_DROP, IPC_EVENT, IPC_INVOKE } from './api-types.ts';

type Listener = (payload: unknown) => void;
const listeners = new Map<string, Set<Listener>>();

ipcRenderer.on(IPC_EVENT, (_event, message: { name: string; payload: unknown }) => {
  for (const listener of listeners.get(message.name) ?? []) listener(message.payload);
});

const api: BerkasApi = {
  host: 'electron',
  invoke: (channel, input) => ipcRenderer.invoke(IPC_INVOKE, channel, input),
  on: (event, listener) => {
    const set = listeners.get(event) ?? new Set<Listener>();
    listeners.set(event, set);
    set.add(listener as Listener);
    return () => set.delete(listener as Listener);
  },
  // The page hands over File objects only; their paths go straight to main, which answers with
  // handles. A script in the page cannot make a File that points at a path the user did not drop.
  filesToHandles: (files) => ipcRenderer.invoke(IPC_DROP, files.map((file) => webUtils.getPathForFile(file))),
};

contextBridge.exposeInMainWorld('berkas', api);
