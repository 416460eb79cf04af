// Typed events from the services to whichever host is listening (IPC to the window, SSE to the
// browser shell). Payloads are checked against the contract in development builds of the hosts.
import type { EventName, EventPayload } from '../../preload/contract.ts';

/** `session`: set when the event is for one login session only (its import's progress, say);
 *  hosts with many sessions pass it to that session's clients alone, and never send the key itself. */
export type AnyEvent = { [E in EventName]: { name: E; payload: EventPayload<E>; session?: string } }[EventName];
export type EventListener = (event: AnyEvent) => void;

export class EventBus {
  readonly #listeners = new Set<EventListener>();

  emit<E extends EventName>(name: E, payload: EventPayload<E>, options: { session?: string } = {}): void {
    const event = (options.session === undefined ? { name, payload } : { name, payload, session: options.session }) as AnyEvent;
    for (const listener of this.#listeners) listener(event);
  }

  subscribe(listener: EventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
