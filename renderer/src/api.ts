// The only module that touches window.berkas. Calls return values or throw ApiError with the typed
// error from main; screens never see transport details.
import type { BerkasApi } from '../../preload/api-types.ts';
import type { AnyChannel, ChannelInput, ChannelOutput, ErrorValue, EventName, EventPayload } from '../../preload/contract.ts';

declare global {
  interface Window {
    readonly berkas: BerkasApi;
  }
}

export class ApiError extends Error {
  readonly value: ErrorValue;
  constructor(value: ErrorValue) {
    super(value.message.en);
    this.value = value;
  }
}

export async function call<C extends AnyChannel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const result = await window.berkas.invoke(channel, input);
  if (!result.ok) throw new ApiError(result.error);
  return result.value;
}

export function subscribe<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  return window.berkas.on(event, listener);
}

export function host(): BerkasApi['host'] {
  return window.berkas.host;
}

/** Handles (never paths) for dropped or input-chosen files, for import.start and the JRA import. */
export const filesToHandles = (files: File[]): Promise<string[]> => window.berkas.filesToHandles(files);
/** The host's native picker, answered with handles (never paths); null where it has none (then a
 *  file input is offered instead). */
export const pickHandles = (kind: 'files' | 'folder'): Promise<string[] | null> => call('dialog.pick', { kind });
