// Typed events from the services to whichever host is listening (IPC to the window, SSE to the
// browser shell). Payloads are checked against the contract in development builds of the hosts.
import type { EventName, EventPayload } from '../../preload/contract.ts';

/** `session`: set when the event is for one login session only (its import's progress, say).
 *  `audience`: the open sessions it may reach, worked out by the backend (Backend.audienceOf) before
 *  it leaves for a host; hosts pass it to those sessions' clients alone and never send the keys on. */
export type AnyEvent = { [E in EventName]: { name: E; payload: EventPayload<E>; session?: string; audience?: readonly string[] } }[EventName];
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
