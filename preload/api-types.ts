// The shape of window.berkas, implemented twice: by the Electron preload (IPC) and by the
// browser shell's bridge (HTTP + server-sent events). The renderer sees only this type.
import type { Channel, ChannelInput, ChannelOutput, EventName, EventPayload, Result } from './contract.ts';

/** What a restore reports (see main/ops/restore.ts). */
export interface RestoreOutcome {
  restoredFrom: string;
  created: string;
  /** Where the replaced archive was moved, or null. */
  previous: string | null;
}

export interface BerkasApi {
  /** Which host carries this renderer. */
  readonly host: 'electron' | 'browser-shell';
  invoke<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>>;
  /** Subscribes to an event; the returned function unsubscribes. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  /**
   * Handles for files the user dropped or chose in a file input — never their paths. Electron's
   * preload tells main where they are; the browser shell uploads copies (deleted after use).
   */
  filesToHandles(files: File[]): Promise<string[]>;
  /** Replaces the archive with a verified backup generation (admin; the host restarts the backend). */
  restoreBackup(name: string, force: boolean): Promise<Result<RestoreOutcome>>;
  /** The desktop app's updater (Electron only): 'status', 'check', or 'install' (restart now). */
  update?(action: 'status' | 'check' | 'install'): Promise<unknown>;
  /** Native pickers (Electron only): handles for what the user chose, never paths. */
  pickHandles?(kind: 'files' | 'folder'): Promise<string[]>;
}

export const IPC_INVOKE = 'berkas:invoke';
export const IPC_EVENT = 'berkas:event';
export const IPC_PICK = 'berkas:pick';
export const IPC_DROP = 'berkas:drop';
export const IPC_UPDATE = 'berkas:update';
export const IPC_RESTORE = 'berkas:restore';
