// Owner of the outbox and portal_state tables. Appending an item (the publication workflow calls
// appendOutbox inside its approving or withdrawing transaction), and the pusher's side: which item
// is due next (in order per record), claiming it, finishing, retrying, parking; the queue-wide
// pause, the sync lock and the withdrawal fail-safe. Nothing else writes these tables, and nothing
// here talks to the network or decides whether a record may be public.
import { hostname } from 'node:os';
import type { Bilingual } from '../../preload/contract.ts';
import type { Db } from '../db/connection.ts';
import { sql } from '../db/statements.ts';

export interface OutboxRow {
  id: number;
  record_id: number;
  kind: 'publish' | 'withdraw';
  payload: string;
  state: 'waiting' | 'pushing' | 'done' | 'parked' | 'cancelled';
  attempts: number;
  next_attempt_at: string | null;
  last_error: string | null;
  created_at: string;
  done_at: string | null;
}

export interface PortalStateRow {
  withdraw_confirmed_through: number;
  paused_until: string | null;
  pause_reason: 'retry-after' | 'backoff' | 'portal' | null;
  queue_failures: number;
  problem: string | null;
  lock_owner: string | null;
  lock_expires_at: string | null;
  last_run_at: string | null;
  last_run: string | null;
}

/** Stored in outbox.last_error and portal_state.problem: both languages plus what the portal said. */
export interface StoredReason extends Bilingual {
  /** 'refused': held back by the push-time check, not by the portal. */
  code?: string;
  status?: number;
  portalType?: string;
  portal?: string;
}

const MAX_STORED = 2000;

export function encodeReason(reason: StoredReason): string {
  const clip = (s: string) => (s.length > MAX_STORED ? `${s.slice(0, MAX_STORED)}…` : s);
  return JSON.stringify({ ...reason, id: clip(reason.id), en: clip(reason.en), ...(reason.portal ? { portal: clip(reason.portal) } : {}) });
}

export function decodeReason(text: string | null): StoredReason | null {
  if (text === null) return null;
  try {
    const value = JSON.parse(text) as StoredReason;
    if (value && typeof value.id === 'string' && typeof value.en === 'string') return value;
  } catch {
    // written by something else: show it as it is
  }
  return { id: text, en: text };
}

/** Queues an item for the portal; call inside the transaction that decided it. Returns its id. */
export function appendOutbox(db: Db, recordId: number, kind: OutboxRow['kind'], payload: unknown, now: string): number {
  return Number(sql(db, 'INSERT INTO outbox (record_id, kind, payload, created_at) VALUES (?, ?, ?, ?)').run(recordId, kind, JSON.stringify(payload), now).lastInsertRowid);
}

export function outboxPayload(db: Db, id: number): string | undefined {
  return sql(db, 'SELECT payload FROM outbox WHERE id = ?').pluck().get(id) as string | undefined;
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

export function readState(db: Db): PortalStateRow {
  return sql(db, 'SELECT * FROM portal_state WHERE id = 1').get() as PortalStateRow;
}

// ── the withdrawal fail-safe ─────────────────────────────────────────────────────────────────

export interface WithdrawalGate {
  /** True when the pending, unconfirmed withdrawals are too many to send without a person's yes. */
  blocked: boolean;
  /** Unconfirmed waiting withdrawals of records that are live. */
  pending: number;
  live: number;
  thresholdPercent: number;
  minimum: number;
  confirmedThrough: number;
}

export function withdrawalGate(db: Db, thresholdPercent: number, minimum: number): WithdrawalGate {
  const confirmedThrough = readState(db).withdraw_confirmed_through;
  const { pending } = sql(
    db,
    `SELECT count(*) AS pending FROM outbox o
       JOIN portal_receipts r ON r.record_id = o.record_id AND r.state = 'live'
      WHERE o.kind = 'withdraw' AND o.state IN ('waiting','pushing') AND o.id > ?`,
  ).get(confirmedThrough) as { pending: number };
  const { live } = sql(db, "SELECT count(*) AS live FROM portal_receipts WHERE state = 'live'").get() as { live: number };
  const blocked = pending >= minimum && pending * 100 > thresholdPercent * live;
  return { blocked, pending, live, thresholdPercent, minimum, confirmedThrough };
}

/** Marks every withdrawal queued so far as confirmed by a person. */
export function confirmPendingWithdrawals(db: Db): { confirmed: number; through: number } {
  const state = readState(db);
  const row = sql(db, "SELECT max(id) AS through, count(*) AS n FROM outbox WHERE kind = 'withdraw' AND state IN ('waiting','pushing') AND id > ?")
    .get(state.withdraw_confirmed_through) as { through: number | null; n: number };
  if (row.through === null) return { confirmed: 0, through: state.withdraw_confirmed_through };
  sql(db, 'UPDATE portal_state SET withdraw_confirmed_through = ? WHERE id = 1').run(row.through);
  return { confirmed: row.n, through: row.through };
}

// ── picking and claiming ─────────────────────────────────────────────────────────────────────

// INDEXED BY: without ANALYZE statistics the planner picks outbox_due and sorts every
// waiting row on each pick, which turns a 20 000-item first push quadratic.
export const NEXT_DUE_SQL = `
  SELECT o.* FROM outbox o INDEXED BY outbox_waiting
   WHERE o.state = 'waiting'
     AND (o.next_attempt_at IS NULL OR o.next_attempt_at <= @now)
     AND NOT EXISTS (SELECT 1 FROM outbox p
                      WHERE p.record_id = o.record_id AND p.id < o.id AND p.state IN ('waiting','pushing'))
     AND (o.kind = 'publish' OR @blocked = 0 OR o.id <= @through
          OR NOT EXISTS (SELECT 1 FROM portal_receipts r WHERE r.record_id = o.record_id AND r.state = 'live'))
     AND o.id > @after
   ORDER BY o.id
   LIMIT 1`;

/**
 * The next item that is due: oldest first, never one whose record still has an earlier item in
 * flight (a withdrawal must not overtake the publish before it), and no withdrawal held back by
 * the fail-safe.
 */
export function nextDue(db: Db, nowIso: string, gate: WithdrawalGate, skip: ReadonlySet<number>): OutboxRow | undefined {
  const statement = sql(db, NEXT_DUE_SQL);
  let after = 0;
  for (;;) {
    const row = statement.get({ now: nowIso, blocked: gate.blocked ? 1 : 0, through: gate.confirmedThrough, after }) as OutboxRow | undefined;
    if (!row || !skip.has(row.id)) return row;
    after = row.id;
  }
}

/**
 * The earliest moment an item that nextDue could pick becomes due (ignoring the queue pause):
 * '' when one is due already, null when none waits (items held by the fail-safe do not count).
 */
export function nextEligibleAt(db: Db, gate: WithdrawalGate): string | null {
  const row = sql(
    db,
    `SELECT min(coalesce(o.next_attempt_at, '')) AS at, count(*) AS n FROM outbox o
      WHERE o.state = 'waiting'
        AND NOT EXISTS (SELECT 1 FROM outbox p
                         WHERE p.record_id = o.record_id AND p.id < o.id AND p.state IN ('waiting','pushing'))
        AND (o.kind = 'publish' OR @blocked = 0 OR o.id <= @through
             OR NOT EXISTS (SELECT 1 FROM portal_receipts r WHERE r.record_id = o.record_id AND r.state = 'live'))`,
  ).get({ blocked: gate.blocked ? 1 : 0, through: gate.confirmedThrough }) as { at: string | null; n: number };
  if (row.n === 0) return null;
  return row.at ?? '';
}

/** A later waiting item for the same record makes this one moot (newest payload wins). */
export function laterWaiting(db: Db, row: OutboxRow): { id: number; kind: string } | undefined {
  return sql(db, "SELECT id, kind FROM outbox WHERE record_id = ? AND id > ? AND state = 'waiting' ORDER BY id DESC LIMIT 1")
    .get(row.record_id, row.id) as { id: number; kind: string } | undefined;
}

/**
 * Runs fn with synchronous = NORMAL (WAL only): its commits skip their own fsync. Used for the
 * pusher's per-item writes, which are all safe to lose to a power cut: a claim or a result that
 * did not reach the disk leaves the item waiting, and the retry is idempotent (deterministic
 * dataset name, file hashes). An app crash loses nothing (the WAL is written, only not synced);
 * the end of each run commits with the connection's normal FULL sync, which makes it all durable.
 */
export function relaxedSync<T>(db: Db, fn: () => T): T {
  const previous = db.pragma('synchronous', { simple: true }) as number;
  // Only in WAL mode: with a rollback journal, NORMAL can corrupt on power loss.
  const relax = previous > 1 && db.pragma('journal_mode', { simple: true }) === 'wal';
  if (relax) db.pragma('synchronous = NORMAL');
  try {
    return fn();
  } finally {
    if (relax) db.pragma(`synchronous = ${previous}`);
  }
}

export function claim(db: Db, id: number): boolean {
  return relaxedSync(db, () => sql(db, "UPDATE outbox SET state = 'pushing' WHERE id = ? AND state = 'waiting'").run(id).changes === 1);
}

export function markDone(db: Db, id: number, at: string): void {
  sql(db, "UPDATE outbox SET state = 'done', done_at = ?, last_error = NULL, next_attempt_at = NULL WHERE id = ?").run(at, id);
}

export function markRetry(db: Db, id: number, nextAt: string, reason: StoredReason, countAttempt = true): void {
  sql(db, "UPDATE outbox SET state = 'waiting', attempts = attempts + ?, next_attempt_at = ?, last_error = ? WHERE id = ?").run(
    countAttempt ? 1 : 0,
    nextAt,
    encodeReason(reason),
    id,
  );
}

export function markParked(db: Db, id: number, reason: StoredReason): void {
  sql(db, "UPDATE outbox SET state = 'parked', attempts = attempts + 1, next_attempt_at = NULL, last_error = ? WHERE id = ?").run(encodeReason(reason), id);
}

/** Parked items, all or those of the given records, oldest first: what a retry would look at. */
export function parkedItems(db: Db, recordIds?: readonly number[]): OutboxRow[] {
  if (recordIds && recordIds.length > 0) {
    const one = sql(db, "SELECT * FROM outbox WHERE state = 'parked' AND record_id = ? ORDER BY id");
    return recordIds.flatMap((id) => one.all(id) as OutboxRow[]);
  }
  return sql(db, "SELECT * FROM outbox WHERE state = 'parked' ORDER BY id").all() as OutboxRow[];
}

/** Puts one parked item back in the queue, due now. */
export function unparkOne(db: Db, id: number): boolean {
  return sql(db, "UPDATE outbox SET state = 'waiting', attempts = 0, next_attempt_at = NULL WHERE state = 'parked' AND id = ?").run(id).changes === 1;
}

/**
 * A publication was withdrawn: every publish of that record that has not gone out yet, waiting
 * or parked, is cancelled for good (a retry must never send it). An item being pushed right now
 * is not touched: the withdrawal queued behind it takes down whatever it leaves on the portal.
 */
export function cancelPendingPublishes(db: Db, recordId: number, at: string, reason: StoredReason): number[] {
  const ids = (sql(db, "SELECT id FROM outbox WHERE record_id = ? AND kind = 'publish' AND state IN ('waiting','parked')").all(recordId) as { id: number }[]).map(
    (r) => r.id,
  );
  const cancel = sql(db, "UPDATE outbox SET state = 'cancelled', done_at = ?, next_attempt_at = NULL, last_error = ? WHERE id = ?");
  for (const id of ids) cancel.run(at, encodeReason(reason), id);
  return ids;
}

/** "Send now": every waiting item is due at once, whatever its own retry delay said. */
export function clearRetryDelays(db: Db): void {
  sql(db, "UPDATE outbox SET next_attempt_at = NULL WHERE state = 'waiting'").run();
}

export function markCancelled(db: Db, id: number, at: string, reason: StoredReason): void {
  sql(db, "UPDATE outbox SET state = 'cancelled', done_at = ?, next_attempt_at = NULL, last_error = ? WHERE id = ?").run(at, encodeReason(reason), id);
}

// ── the queue-wide pause and problem ─────────────────────────────────────────────────────────

export function setPause(db: Db, until: string | null, reason: PortalStateRow['pause_reason'], queueFailures: number): void {
  sql(db, 'UPDATE portal_state SET paused_until = ?, pause_reason = ?, queue_failures = ? WHERE id = 1').run(until, until ? reason : null, queueFailures);
}

/** A new destination starts with a clean slate: an old portal's trouble is not this one's. */
export function clearPortalTrouble(db: Db): void {
  sql(db, 'UPDATE portal_state SET problem = NULL, paused_until = NULL, pause_reason = NULL, queue_failures = 0 WHERE id = 1').run();
}

export function setProblem(db: Db, problem: StoredReason | null): void {
  sql(db, 'UPDATE portal_state SET problem = ? WHERE id = 1').run(problem ? encodeReason(problem) : null);
}

export function recordRun(db: Db, at: string, summary: unknown): void {
  sql(db, 'UPDATE portal_state SET last_run_at = ?, last_run = ? WHERE id = 1').run(at, JSON.stringify(summary));
}

// ── the sync lock ────────────────────────────────────────────────────────────────────────────

export function newLockOwner(): string {
  return `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 10)}`;
}

function ownerIsDead(owner: string): boolean {
  const [host, pid] = owner.split(':');
  if (host !== hostname()) return false; // another PC sharing the archive: only expiry frees it
  const n = Number(pid);
  if (!Number.isInteger(n) || n <= 0) return true;
  if (n === process.pid) return false;
  try {
    process.kill(n, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Takes or renews the lock. When it was free (or its holder is gone), items a crashed holder
 * left in 'pushing' go back to 'waiting': the deterministic dataset name makes the retry safe.
 * Returns null when another live process holds it.
 */
export function acquireLock(db: Db, owner: string, nowMs: number, leaseMs: number): { resetStale: number } | null {
  return db.transaction(() => {
    const state = readState(db);
    const expired = state.lock_expires_at === null || state.lock_expires_at <= iso(nowMs);
    const mine = state.lock_owner === owner;
    if (state.lock_owner && !mine && !expired && !ownerIsDead(state.lock_owner)) return null;
    let resetStale = 0;
    if (!mine) resetStale = sql(db, "UPDATE outbox SET state = 'waiting' WHERE state = 'pushing'").run().changes;
    sql(db, 'UPDATE portal_state SET lock_owner = ?, lock_expires_at = ? WHERE id = 1').run(owner, iso(nowMs + leaseMs));
    return { resetStale };
  })();
}

export function releaseLock(db: Db, owner: string): void {
  sql(db, 'UPDATE portal_state SET lock_owner = NULL, lock_expires_at = NULL WHERE id = 1 AND lock_owner = ?').run(owner);
}

export function lockHolder(db: Db, nowMs: number): string | null {
  const state = readState(db);
  if (!state.lock_owner || state.lock_expires_at === null || state.lock_expires_at <= iso(nowMs)) return null;
  return state.lock_owner;
}
