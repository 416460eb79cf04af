// Whether a person is using the app right now, from the input the renderer reports
// ('presence.active'). Background work (OCR, bulk extraction) keeps to one worker while they are,
// and idle-time OCR waits for them to stop. Knows nothing of who the person is.
export class Presence {
  #last = Number.NEGATIVE_INFINITY;
  readonly #windowMs: number;

  /** Input within this many milliseconds counts as someone at work. */
  constructor(windowMs = 15_000) {
    this.#windowMs = windowMs;
  }

  touch(now = Date.now()): void {
    this.#last = now;
  }

  active(now = Date.now()): boolean {
    return now - this.#last < this.#windowMs;
  }
}
