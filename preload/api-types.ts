// The shape of window.berkas, implemented twice: by the Electron preload (IPC) and by the
// browser shell's bridge (HTTP + server-sent events). The renderer sees only this type.
import type { AnyChannel, ChannelInput, ChannelOutput, EventName, EventPayload, Result } from './contract.ts';

export interface BerkasApi {
  /** Which host carries this renderer. */
  readonly host: 'electron' | 'browser-shell';
  /** Every channel of the contract, the backend's and the host's own (contract/host.ts). */
  invoke<C extends AnyChannel>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>>;
  /** Subscribes to an event; the returned function unsubscribes. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  /** Absolute paths of dropped files (Electron only; the browser shell uploads instead). */
  pathForFile?(file: File): string;
  /** Sends files chosen in a file input to the browser shell; returns paths the shell can import. */
  uploadFiles?(files: File[]): Promise<string[]>;
}

export const IPC_INVOKE = 'berkas:invoke';
export const IPC_EVENT = 'berkas:event';
