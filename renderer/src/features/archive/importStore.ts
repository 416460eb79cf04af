// The running (or last) import: progress from main's events, and the per-file results at the end.
// It lives outside the Arsip screen so the panel keeps working while the user does other things.
import { create } from 'zustand';
import type { ImportOutcome, ImportProgress } from '../../../../preload/contract.ts';
import { ApiError, call, filesToHandles, pickHandles, subscribe } from '../../api.ts';
import { toast } from '../../app/Toasts.tsx';
import { useArchive } from './store.ts';

interface ImportState {
  progress: ImportProgress | null;
  outcomes: ImportOutcome[];
  panelOpen: boolean;
  /** The panel is open only for what the drop folders took in (no import of the user's running). */
  dropsOnly: boolean;
  /** Opens the panel on the drop-folder feed, beside whatever import it already shows. */
  showDrops(): void;
  /** Starts an import of what the user picked (handles from the picker, a drop or an upload). */
  start(handles: string[], classificationCode?: string): Promise<void>;
  startFromFiles(files: File[]): Promise<void>;
  pick(kind: 'files' | 'folder'): Promise<boolean>;
  cancel(): Promise<void>;
  close(): void;
}

export const useImport = create<ImportState>((set, get) => ({
  progress: null,
  outcomes: [],
  panelOpen: false,
  dropsOnly: false,
  showDrops() {
    if (!get().panelOpen) set({ panelOpen: true, dropsOnly: true });
  },
  async start(handles, classificationCode) {
    if (handles.length === 0) return;
    set({ panelOpen: true, dropsOnly: false, outcomes: [], progress: null });
    try {
      const { jobId } = await call('import.start', { handles, classificationCode });
      set({ progress: { jobId, filesDone: 0, filesTotal: 0, bytesDone: 0, bytesTotal: 0, currentFile: null, bytesPerSecond: 0, etaSeconds: null, state: 'scanning', imported: 0, duplicates: 0, rejected: 0 } });
    } catch (error) {
      set({ panelOpen: false });
      if (error instanceof ApiError) toast('error', error.value.message);
    }
  },
  async startFromFiles(files) {
    if (files.length === 0) return;
    set({ panelOpen: true, dropsOnly: false, outcomes: [], progress: null });
    let handles: string[];
    try {
      handles = await filesToHandles(files);
    } catch {
      set({ panelOpen: false });
      toast('error', { id: 'Berkas tidak dapat dikirim ke Berkas. Masuk lagi bila sesi terkunci, lalu coba lagi.', en: 'The files could not be handed to Berkas. Log in again if the session is locked, then try again.' });
      return;
    }
    await get().start(handles);
  },
  async pick(kind) {
    const chosen = await pickHandles(kind);
    if (!chosen) return false; // no native dialog here (browser shell): the caller shows a file input
    await get().start(chosen);
    return true;
  },
  async cancel() {
    const jobId = get().progress?.jobId;
    if (jobId) await call('import.cancel', { jobId });
  },
  close() {
    set({ panelOpen: false });
  },
}));

/** Wires main's progress events into the store; call once at start-up. */
export function listenForImports(): () => void {
  // Text extraction finishes document by document after an import: refresh what is on screen,
  // at most every 1.5 s, without moving the user's scroll position.
  let timer: ReturnType<typeof setTimeout> | null = null;
  const indexed = subscribe('document.indexed', () => {
    timer ??= setTimeout(() => {
      timer = null;
      useArchive.getState().reloadShown();
    }, 1500);
  });
  const progressed = subscribe('import.progress', (progress) => {
    useImport.setState({ progress, panelOpen: true, dropsOnly: false });
    if (progress.state === 'done' || progress.state === 'cancelled' || progress.state === 'failed') {
      void call('import.result', { jobId: progress.jobId }).then((r) => useImport.setState({ outcomes: r.outcomes, progress: r.progress }));
      useArchive.getState().refresh();
    }
  });
  return () => {
    indexed();
    progressed();
    if (timer) clearTimeout(timer);
  };
}
