// The drop folders and what was last taken from them, as main reports it: the settings card and
// the import panel's feed read the same store, kept current by main's events.
import { create } from 'zustand';
import type { DropEntry, DropFolderView } from '../../../../preload/contract.ts';
import { call, subscribe } from '../../api.ts';

interface DropFolderState {
  folders: DropFolderView[] | null;
  history: DropEntry[];
  /** Entries that arrived while this window was open (the import panel shows them). */
  arrived: DropEntry[];
  load(): Promise<void>;
  setFolders(folders: DropFolderView[]): void;
  clearArrived(): void;
}

const KEEP = 200;

export const useDropFolders = create<DropFolderState>((set) => ({
  folders: null,
  history: [],
  arrived: [],
  load: async () => {
    const [{ folders }, { entries }] = await Promise.all([call('dropFolder.list', {}), call('dropFolder.history', { limit: KEEP })]);
    set({ folders, history: entries });
  },
  setFolders: (folders) => set({ folders }),
  clearArrived: () => set({ arrived: [] }),
}));

/** Wires main's drop-folder events into the store; call once at start-up. */
export function listenForDropFolders(onEntry: (entry: DropEntry) => void): () => void {
  const entered = subscribe('dropFolder.entry', (entry) => {
    useDropFolders.setState((s) => ({ history: [entry, ...s.history.filter((e) => e.id !== entry.id)].slice(0, KEEP), arrived: [entry, ...s.arrived].slice(0, KEEP) }));
    onEntry(entry);
  });
  const changed = subscribe('dropFolder.state', (view) => {
    useDropFolders.setState((s) => ({ folders: s.folders?.map((f) => (f.path === view.path ? view : f)) ?? null }));
  });
  return () => {
    entered();
    changed();
  };
}
