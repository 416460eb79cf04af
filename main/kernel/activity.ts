// What long work is running right now (an import, a destruction run, a portal push), so an update
// never installs and a scheduled backup never starts in the middle of it.
export class Activity {
  readonly #running = new Map<number, string>();
  #next = 1;
  /** Told of every change (the backend worker relays it to the host's main thread). */
  onChange: ((state: { busy: boolean; reason?: string }) => void) | null = null;

  /** Marks work as started; call the returned function when it ends (success or not). */
  begin(reason: string): () => void {
    const id = this.#next++;
    this.#running.set(id, reason);
    this.onChange?.(this.current());
    return () => {
      if (this.#running.delete(id)) this.onChange?.(this.current());
    };
  }

  current(): { busy: boolean; reason?: string } {
    const first = this.#running.values().next();
    return first.done ? { busy: false } : { busy: true, reason: first.value };
  }
}
