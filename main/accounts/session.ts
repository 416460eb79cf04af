// One login session (a desktop app has one; a server one per signed-in client, see sessions.ts): who is
// logged in, whether the session is locked, and when it was last used. The main process expires
// an idle session itself, so a renderer that never calls lock still loses access. Knows nothing of
// hosts or transports; the backend asks it for the user of each call.
// Its generation changes whenever who may act changes (login, lock — by hand or by idle time —,
// logout): document links and picked-file handles are issued under one generation and die with it.
import type { SessionState, SessionUser } from '../../preload/contract.ts';
import type { Db } from '../db/connection.ts';
import { idleMinutes } from './settings.ts';
import { activeSessionUser } from './users.ts';

// Generations are unique across every Session of the process: a link issued in one client's session
// of a server never matches another client's generation by chance.
let lastGeneration = 0;
const nextGeneration = () => ++lastGeneration;

interface Current {
  userId: number;
  lastActivity: number;
  locked: boolean;
}

export class Session {
  readonly #db: Db;
  readonly #now: () => number;
  #current: Current | null = null;
  #generation = nextGeneration();

  constructor(db: Db, options: { now?: () => number } = {}) {
    this.#db = db;
    this.#now = options.now ?? Date.now;
  }

  #expireIfIdle(current: Current): void {
    if (!current.locked && this.#now() - current.lastActivity > idleMinutes(this.#db) * 60_000) {
      current.locked = true;
      this.#generation = nextGeneration();
    }
  }

  /** The user a call acts for: null before login, while locked, and once the idle time has passed
   *  (which locks the session). `touch` counts the call as activity. */
  userForCall(touch: boolean): SessionUser | null {
    const current = this.#current;
    if (!current) return null;
    this.#expireIfIdle(current);
    if (current.locked) return null;
    const user = activeSessionUser(this.#db, current.userId);
    if (!user) {
      // Disabled or removed while logged in: the session ends.
      this.#current = null;
      this.#generation = nextGeneration();
      return null;
    }
    if (touch) current.lastActivity = this.#now();
    return user;
  }

  /** What the login screen needs to know, without counting as activity. */
  state(): SessionState | null {
    const current = this.#current;
    if (!current) return null;
    this.#expireIfIdle(current);
    const user = activeSessionUser(this.#db, current.userId);
    if (!user) {
      this.#current = null;
      this.#generation = nextGeneration();
      return null;
    }
    return { user, locked: current.locked };
  }

  /** The user id of a locked session, whose password unlocks it. */
  lockedUserId(): number | null {
    const current = this.#current;
    if (!current) return null;
    this.#expireIfIdle(current);
    return current.locked ? current.userId : null;
  }

  /** The generation while a session is open (logged in, not locked, not idle), else null. Does not
   *  count as activity. */
  openGeneration(): number | null {
    return this.userForCall(false) ? this.#generation : null;
  }

  /** What a restarted server brings back (accounts/sessions.ts): who, since when idle, locked or not. */
  saved(): { userId: number; lastActivity: number; locked: boolean } | null {
    return this.#current ? { ...this.#current } : null;
  }

  /** Takes up a saved session again; the idle time still counts from its last activity. */
  resume(saved: { userId: number; lastActivity: number; locked: boolean }): void {
    this.#generation = nextGeneration();
    this.#current = { ...saved };
  }

  begin(user: SessionUser): void {
    this.#generation = nextGeneration();
    this.#current = { userId: user.id, lastActivity: this.#now(), locked: false };
  }

  lock(): SessionUser | null {
    const current = this.#current;
    if (!current) return null;
    const wasOpen = !current.locked;
    current.locked = true;
    if (wasOpen) this.#generation = nextGeneration();
    return wasOpen ? activeSessionUser(this.#db, current.userId) : null;
  }

  unlock(userId: number): void {
    const current = this.#current;
    if (!current || current.userId !== userId) return;
    current.locked = false;
    current.lastActivity = this.#now();
  }

  end(): number | null {
    const id = this.#current?.userId ?? null;
    this.#current = null;
    this.#generation = nextGeneration();
    return id;
  }
}
