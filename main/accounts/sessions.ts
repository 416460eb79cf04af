// The login sessions of a backend, by key: the desktop, the browser shell and the CLI have one
// (LOCAL_SESSION); the department's server has one per signed-in client, keyed by the session
// cookie it issued. A key that nobody uses any more (logged out, or idle past twice the lock time)
// is forgotten, and the number kept is bounded, so a client that never logs in cannot fill memory.
import type { Db } from '../db/connection.ts';
import { LOCAL_SESSION } from '../kernel/calls.ts';
import { Session } from './session.ts';
import { idleMinutes } from './settings.ts';

const MAX_SESSIONS = 2_000;

export class Sessions {
  readonly #db: Db;
  readonly #now: () => number;
  readonly #byKey = new Map<string, { session: Session; seen: number }>();

  constructor(db: Db, options: { now?: () => number } = {}) {
    this.#db = db;
    this.#now = options.now ?? Date.now;
  }

  /** The session of a key, made on first use. */
  of(key: string = LOCAL_SESSION): Session {
    const now = this.#now();
    let entry = this.#byKey.get(key);
    if (!entry) {
      if (this.#byKey.size >= MAX_SESSIONS) this.#prune(now);
      entry = { session: new Session(this.#db, { now: this.#now }), seen: now };
      this.#byKey.set(key, entry);
    }
    entry.seen = now;
    return entry.session;
  }

  /** The open generation of a key's session (see Session.openGeneration), null if none is open. */
  openGeneration(key: string = LOCAL_SESSION): number | null {
    return this.#byKey.get(key)?.session.openGeneration() ?? null;
  }

  /** Keys whose session is open now (logged in, not locked, not idle). */
  openKeys(): string[] {
    return [...this.#byKey].filter(([, entry]) => entry.session.openGeneration() !== null).map(([key]) => key);
  }

  #prune(now: number): void {
    const stale = 2 * idleMinutes(this.#db) * 60_000;
    for (const [key, entry] of this.#byKey) {
      if (key === LOCAL_SESSION) continue;
      if (entry.session.state() === null || now - entry.seen > stale) this.#byKey.delete(key);
    }
    // Still full: the longest unused go first.
    if (this.#byKey.size >= MAX_SESSIONS) {
      const oldest = [...this.#byKey].filter(([key]) => key !== LOCAL_SESSION).sort((a, b) => a[1].seen - b[1].seen);
      for (const [key] of oldest.slice(0, this.#byKey.size - MAX_SESSIONS + 1)) this.#byKey.delete(key);
    }
  }
}
