// Once per archive, not once per client (issue 17, item 3): the portal pusher and the scheduled
// jobs (backups, retention sweeps, JRA lapses) run on whichever PC or server holds the job's lock.
// A PostgreSQL session-level advisory lock on a connection of its own: it is held while that
// connection lives and freed by the server the moment the holder's connection ends, so a holder
// killed mid-run (SIGKILL, power cut, network gone) never leaves the job locked — the SQLite lock's
// lease and dead-pid checks are not needed here.
import type { PgPool } from './connection.ts';

export interface ArchiveLock {
  /** False once the connection carrying the lock is gone: the job must stop, another may start. */
  held(): boolean;
  /** Ends the hold (and the connection that carries it). */
  release(): Promise<void>;
}

/** Takes `job`'s lock if no one holds it; null when another client does. Never waits. */
export async function tryArchiveLock(pool: PgPool, job: string): Promise<ArchiveLock | null> {
  const client = await pool.connect();
  let held = false;
  try {
    const { rows } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS ok', [`berkas.job.${job}`]);
    held = rows[0]?.ok === true;
  } finally {
    if (!held) client.release();
  }
  if (!held) return null;
  let released = false;
  let lost = false;
  // The server ended the connection (restart, an admin, the network): the lock went with it.
  client.on('error', () => {
    lost = true;
  });
  return {
    held: () => !released && !lost,
    async release() {
      if (released) return;
      released = true;
      try {
        // Unlocked first, not only by closing: the server ends a closed connection's backend a
        // moment later, and the next run (on this PC or another) must find the job free now.
        if (!lost) await client.query('SELECT pg_advisory_unlock(hashtext($1))', [`berkas.job.${job}`]);
      } catch {
        // the connection died meanwhile: the server has freed the lock already
      } finally {
        // Not back to the pool: no later borrower may inherit a session lock it did not take.
        client.release(true);
      }
    },
  };
}

/** Runs `work` only if this client gets `job`'s lock; `{ ran: false }` when another holds it. */
export async function onceAcrossClients<T>(pool: PgPool, job: string, work: () => Promise<T>): Promise<{ ran: true; value: T } | { ran: false }> {
  const lock = await tryArchiveLock(pool, job);
  if (!lock) return { ran: false };
  try {
    return { ran: true, value: await work() };
  } finally {
    await lock.release();
  }
}
