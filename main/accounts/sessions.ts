// The login sessions of a backend, by key: the desktop, the browser shell and the CLI have one
// (LOCAL_SESSION); the department's server has one per signed-in client, keyed by the session
// cookie it issued. A key that nobody uses any more (logged out, or idle past twice the lock time)
// is forgotten, and the number kept is bounded, so a client that never logs in cannot fill memory.
// A server keeps its sessions in a file (owner-only; keys are hashes of the cookies, never the
// cookies), so a restart does not sign everyone out and a save retried after it goes through.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import type { Db } from '../db/connection.ts';
import { LOCAL_SESSION } from '../kernel/calls.ts';
import { Session } from './session.ts';
import { idleMinutes } from './settings.ts';

const MAX_SESSIONS = 2_000;

const SavedSessions = z.array(z.object({ key: z.string().min(1).max(200), userId: z.number().int().positive(), lastActivity: z.number(), locked: z.boolean() }).strict()).max(MAX_SESSIONS);
export type SavedSessions = z.infer<typeof SavedSessions>;

/** The saved sessions of a file, or none when it is missing or unreadable (everyone signs in again). */
export function readSavedSessions(file: string): SavedSessions {
  try {
    return SavedSessions.parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    return [];
  }
}

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

  /** Signed-in sessions (not the desktop's), for a server to save. */
  saved(): SavedSessions {
    const out: SavedSessions = [];
    for (const [key, entry] of this.#byKey) {
      const saved = key === LOCAL_SESSION ? null : entry.session.saved();
      if (saved) out.push({ key, ...saved });
    }
    return out;
  }

  /** Writes saved() to `file` (whole, then renamed over the old one). */
  saveTo(file: string): void {
    writeFileSync(`${file}.tmp`, JSON.stringify(this.saved()), { mode: 0o600 });
    renameSync(`${file}.tmp`, file);
  }

  /** Takes up the sessions a server saved before it stopped. */
  resume(saved: SavedSessions): void {
    for (const { key, ...state } of saved) this.of(key).resume(state);
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
