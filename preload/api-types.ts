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
  /**
   * Handles for files the user dropped or chose in a file input — never their paths. Electron's
   * preload tells main where they are; the browser shell uploads copies (deleted after use).
   */
  filesToHandles(files: File[]): Promise<string[]>;
}

export const IPC_INVOKE = 'berkas:invoke';
export const IPC_EVENT = 'berkas:event';
export const IPC_DROP = 'berkas:drop';
