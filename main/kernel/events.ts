// Typed events from the services to whichever host is listening (IPC to the window, SSE to the
// browser shell). Payloads are checked against the contract in development builds of the hosts.
import type { EventName, EventPayload } from '../../preload/contract.ts';

export type AnyEvent = { [E in EventName]: { name: E; payload: EventPayload<E> } }[EventName];
export type EventListener = (event: AnyEvent) => void;

export class EventBus {
  readonly #listeners = new Set<EventListener>();

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    for (const listener of this.#listeners) listener({ name, payload } as AnyEvent);
  }

  subscribe(listener: EventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
