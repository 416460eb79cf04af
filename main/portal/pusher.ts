// Drains the outbox to the portal, one item at a time, in order per record: claims an item,
// re-checks that the record may be public, calls the adapter, and writes the receipt, the outbox
// state and the audit entry in one transaction. A retryable failure backs off that record only
// (full jitter, capped low enough that the queue is empty within one interval of the portal
// recovering, and never longer than the portal has been failing: a record that failed while the
// portal answers the others is tried again soon) and the run carries on with the others; a circuit
// breaker opens when most of the recent requests failed (a rate over a window, so scattered faults
// on a working portal never open it) and half-opens with a single probe; a 429/503 with Retry-After
// pauses the queue exactly as long as the portal asked. Permanent failures are parked with the
// portal's words and never block the rest; a token or URL problem pauses the queue instead of
// parking everything. It must never
// send an item whose record is secret, exempt or uncategorised, and never store the token.
// Its writes during a run skip their own fsync (outbox.ts relaxedSync: every one of them is safe
// to redo); the run's closing commit makes them durable.
import { readFile } from 'node:fs/promises';
import type { Bilingual } from '../../preload/contract.ts';
import type { ArchiveLayout } from '../archive/layout.ts';
import { documentBySha } from '../archive/queries.ts';
import { objectPath } from '../archive/store.ts';
import { appendAudit } from '../audit/log.ts';
import type { Db } from '../db/connection.ts';
import { PortalError, type PortalAdapter, type PublishDocument, type PublishReceipt, type WithdrawReceipt } from './adapter.ts';
import {
  acquireLock,
  claim,
  clearRetryDelays,
  confirmPendingWithdrawals,
  iso,
  laterWaiting,
  markDone,
  markParked,
  markRetry,
  newLockOwner,
  nextDue,
  nextEligibleAt,
  readState,
  recordRun,
  relaxedSync,
  releaseLock,
  setPause,
  setProblem,
  markCancelled,
  parkedItems,
  unparkOne,
  withdrawalGate,
  type OutboxRow,
  type StoredReason,
} from './outbox.ts';
import { PublishPayload } from './payload.ts';
import { getReceipt, markWithdrawn, saveLiveReceipt } from './receipts.ts';
import { checkPublishable } from './safety.ts';
import { getPortalSettings, type PortalSettings } from './settings.ts';
import { portalStatus, type PortalStatus, type StatusQuery } from './status.ts';

export type ItemOutcome = 'live' | 'withdrawn' | 'retry' | 'parked' | 'refused' | 'superseded' | 'portal-problem';

export type PortalProgress =
  | { type: 'run-start'; at: string }
  | {
      type: 'item';
      outboxId: number;
      recordId: number;
      kind: 'publish' | 'withdraw';
      outcome: ItemOutcome;
      message?: Bilingual;
      nextAttemptAt?: string;
    }
  | { type: 'run-end'; summary: DrainSummary }
  /** The background loop hit a local error (database busy, disk full); it tries again next round. */
  | { type: 'error'; message: Bilingual };

export interface DrainSummary {
  startedAt: string;
  finishedAt: string;
  attempted: number;
  published: number;
  withdrawn: number;
  retried: number;
  parked: number;
  refused: number;
  superseded: number;
  /** Items a crashed run had left in 'pushing', put back in the queue when this run took the lock. */
  resetStale: number;
  stoppedBy: 'empty' | 'failures' | 'paused' | 'portal-problem' | 'locked' | 'stopped';
  needsConfirmation: number;
  pausedUntil: string | null;
  problem: Bilingual | null;
}

export interface PusherOptions {
  db: Db;
  layout: ArchiveLayout;
  adapter: PortalAdapter;
  /** Names the pusher in the audit log. */
  actor?: string;
  now?: () => number;
  random?: () => number;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  backoffBaseMs?: number;
  /** The longest one record waits between tries after a transient failure. */
  backoffCapMs?: number;
  /** The longest the breaker stays open before its next probe. */
  breakerCapMs?: number;
  /** When the circuit breaker opens (the run stops and the queue waits): see BreakerPolicy. */
  breaker?: Partial<BreakerPolicy>;
  lockLeaseMs?: number;
  lockOwner?: string;
  onProgress?: (event: PortalProgress) => void;
  /** Runs at the start of every run, holding the lock, before anything is picked: the composition
   *  sweeps live publications that no longer qualify, so their withdrawals are in this run. */
  beforeRun?: () => void;
}

export interface Pusher {
  /**
   * Drains what is due now. ignoreBackoff (a person pressed "send now"): waiting items are due at
   * once and an open breaker is closed; the portal's own Retry-After still holds unless
   * overrideRetryAfter (the person confirmed that too).
   */
  pushNow(options?: { ignoreBackoff?: boolean; overrideRetryAfter?: boolean }): Promise<DrainSummary>;
  /** Keeps draining: wakes when something becomes due, at the latest every intervalMs. */
  start(intervalMs: number): void;
  stop(): Promise<void>;
  /** Wakes a started pusher now (e.g. the publication workflow just queued something). */
  poke(): void;
  status(query?: StatusQuery): PortalStatus;
  /** A person confirms the withdrawals the fail-safe is holding back. */
  confirmWithdrawals(actor?: string): { confirmed: number };
  /**
   * Puts parked items (all, or those of some records) back in the queue, but only those that would
   * still be sent: a publish whose approval no longer stands is cancelled, one whose record may not
   * be public now stays parked; both are listed with the reason.
   */
  retryParked(recordIds?: readonly number[], actor?: string): RetryParkedResult;
  /** When the next item becomes due (ms), the queue pause included; null when nothing waits. */
  nextDueAt(): number | null;
}

export interface RetryParkedResult {
  requeued: number;
  /** Items not put back: cancelled for good (approval withdrawn) or left parked (record not publishable now). */
  notRequeued: { recordId: number; outboxId: number; outcome: 'cancelled' | 'parked'; reason: Bilingual }[];
}

/**
 * The breaker opens when at least `failureRate` of the last `window` requests failed in an
 * outage-like way (5xx, timeout, dropped or refused connection), counted once `minCalls` have
 * been seen: the failure-rate breaker of resilience4j and Polly, over requests (the adapter's
 * `answered` count), not items. Four refused connections at start-up open it; after a run of
 * successes it takes eight failures of ten. A portal that fails one request in five at random (the
 * fault mix of issue 18) almost never reaches that; the old rule, three failed items in a row
 * (an item is four or five requests, so half of them failed), opened it every few dozen items.
 * A 429 or a 503 with Retry-After is not counted: the portal is up and said how long to wait.
 */
export interface BreakerPolicy {
  window: number;
  failureRate: number;
  minCalls: number;
}
const DEFAULT_BREAKER: BreakerPolicy = { window: 10, failureRate: 0.8, minCalls: 4 };
/** The shortest wait of a record whose failure came while the portal answered others. */
const MIN_RECORD_WAIT_MS = 100;
const DEFAULT_BASE_MS = 2_000;
/** Per record: five minutes at most, so a recovered portal gets every record within one interval (15 min by default). */
const DEFAULT_CAP_MS = 5 * 60_000;
/** The breaker probes at least every ten minutes during an outage: one request, not a storm. */
const DEFAULT_BREAKER_CAP_MS = 10 * 60_000;
/** 429 without Retry-After: 30 s, 1 min, 5 min (Zotero's escalation). */
const THROTTLE_STEPS_MS = [30_000, 60_000, 300_000];

class LocalProblem extends Error {
  readonly reason: Bilingual;
  constructor(reason: Bilingual) {
    super(reason.en);
    this.reason = reason;
  }
}

function realSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

export function createPusher(options: PusherOptions): Pusher {
  const { db, layout, adapter } = options;
  const actor = options.actor ?? 'portal-pusher';
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? realSleep;
  const base = options.backoffBaseMs ?? DEFAULT_BASE_MS;
  const cap = options.backoffCapMs ?? DEFAULT_CAP_MS;
  const breakerCap = options.breakerCapMs ?? DEFAULT_BREAKER_CAP_MS;
  const breaker: BreakerPolicy = { ...DEFAULT_BREAKER, ...options.breaker };
  /** The last `breaker.window` answers from the portal, newest last: true = an outage-like failure. */
  let recent: boolean[] = [];
  const note = (failed: boolean) => {
    recent.push(failed);
    if (recent.length > breaker.window) recent.shift();
  };
  const breakerTrips = () => recent.length >= breaker.minCalls && recent.filter(Boolean).length >= breaker.failureRate * recent.length;
  /** When the portal last took a request (kept across runs): per-record waits are capped by how long it has been failing. */
  let lastAnsweredAt: number | null = null;
  const lease = options.lockLeaseMs ?? 10 * 60_000;
  const owner = options.lockOwner ?? newLockOwner();
  const emit = (event: PortalProgress) => {
    try {
      options.onProgress?.(event);
    } catch {
      // a listener's bug must not stop the queue
    }
  };

  let current: Promise<DrainSummary> | null = null;
  let stopController = new AbortController();
  let wake = new AbortController();
  let loop: Promise<void> | null = null;

  /** Full jitter (AWS): a random wait in [0, min(cap, base·2^n)), at least a second. */
  const jitter = (n: number) => Math.max(1000, random() * Math.min(cap, base * 2 ** Math.min(n, 40)));
  /**
   * A record's wait after a transient failure: full jitter on its own attempts, but no longer than
   * the portal has gone without answering. While the portal takes other records the failure was
   * this request's bad luck, so the record is tried again soon (at the end of the drain it would
   * otherwise sit out a long jitter alone); once the portal stops answering the cap grows with
   * the outage and the jitter rules, as before.
   */
  const recordWait = (n: number) => {
    const full = jitter(n);
    if (lastAnsweredAt === null) return full;
    return Math.min(full, Math.max(MIN_RECORD_WAIT_MS, now() - lastAnsweredAt));
  };
  /** The breaker's open time after its nth opening in a row: equal jitter, so probes never bunch up. */
  const breakerWait = (n: number) => {
    const ceiling = Math.min(breakerCap, base * 2 ** Math.min(n, 40));
    return ceiling / 2 + random() * (ceiling / 2);
  };

  const clean = (s: string | undefined) => (s === undefined ? undefined : adapter.redact(s));

  function reasonOf(error: unknown): StoredReason {
    if (error instanceof PortalError) {
      return {
        id: adapter.redact(error.messages.id),
        en: adapter.redact(error.message),
        ...(error.status !== undefined ? { status: error.status } : {}),
        ...(error.portalType ? { portalType: error.portalType } : {}),
        ...(error.portalMessage ? { portal: clean(error.portalMessage) } : {}),
      };
    }
    if (error instanceof LocalProblem) return { id: error.reason.id, en: error.reason.en };
    const text = adapter.redact(error instanceof Error ? error.message : String(error));
    return { id: `Kesalahan internal saat mengirim: ${text}`, en: `Internal error while pushing: ${text}` };
  }

  function documentsFor(row: OutboxRow, payload: PublishPayload): PublishDocument[] {
    return payload.documents.map((doc) => {
      const found = documentBySha(db, doc.sha256);
      if (!found || found.record_id !== row.record_id) {
        throw new LocalProblem({
          id: `Dokumen ${doc.name} (${doc.sha256.slice(0, 12)}…) bukan milik arsip ${row.record_id}; tidak dikirim.`,
          en: `Document ${doc.name} (${doc.sha256.slice(0, 12)}…) does not belong to record ${row.record_id}; not sent.`,
        });
      }
      if (found.content_removed_at) {
        throw new LocalProblem({
          id: `Isi dokumen ${doc.name} sudah dimusnahkan; tidak dapat dikirim.`,
          en: `The content of ${doc.name} was destroyed; it cannot be sent.`,
        });
      }
      return {
        ...doc,
        async read() {
          try {
            return await readFile(objectPath(layout, doc.sha256));
          } catch {
            throw new LocalProblem({
              id: `Berkas dokumen ${doc.name} hilang dari penyimpanan arsip; jalankan verifikasi.`,
              en: `The file of ${doc.name} is missing from the archive store; run verify.`,
            });
          }
        },
      };
    });
  }

  type Result =
    | { kind: 'live' | 'withdrawn' | 'superseded' | 'skipped' }
    | { kind: 'parked' | 'refused'; reason: StoredReason }
    /** throttle: the portal asked the whole queue to slow down (429, or 503 with Retry-After). */
    | { kind: 'retry'; reason: StoredReason; throttle: boolean; retryAfterMs: number | undefined; nextAt: string }
    | { kind: 'portal-problem'; reason: StoredReason };

  /** One transaction, without its own fsync (see relaxedSync): safe to redo, made durable at the end of the run. */
  function commit(fn: () => void): void {
    relaxedSync(db, () => db.transaction(fn)());
  }

  function park(row: OutboxRow, reason: StoredReason, action: 'portal.park' | 'portal.refuse', at: string): void {
    commit(() => {
      markParked(db, row.id, reason);
      appendAudit(db, { actor, action, entity: 'record', entityId: row.record_id, after: { outboxId: row.id, kind: row.kind, reason }, at });
    });
  }

  async function processRow(row: OutboxRow, settings: PortalSettings, signal: AbortSignal): Promise<Result> {
    const at = iso(now());
    const later = laterWaiting(db, row);
    if (later) {
      commit(() => {
        markDone(db, row.id, at);
        appendAudit(db, { actor, action: 'portal.superseded', entity: 'record', entityId: row.record_id, after: { outboxId: row.id, kind: row.kind, by: later.id }, at });
      });
      return { kind: 'superseded' };
    }
    if (!claim(db, row.id)) return { kind: 'skipped' };
    try {
      if (row.kind === 'publish') {
        const check = checkPublishable(db, row.record_id, row.id);
        if (!check.ok) {
          const reason = { id: check.reason.id, en: check.reason.en, code: 'refused' };
          park(row, reason, 'portal.refuse', at);
          return { kind: 'refused', reason };
        }
        const parsed = PublishPayload.safeParse(JSON.parse(row.payload));
        if (!parsed.success) {
          throw new LocalProblem({
            id: `Data publikasi item ${row.id} tidak lengkap: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}.`,
            en: `Publish item ${row.id} has an incomplete payload: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}.`,
          });
        }
        const payload = parsed.data;
        const documents = documentsFor(row, payload);
        const known = getReceipt(db, row.record_id);
        const receipt: PublishReceipt = await adapter.publish(
          {
            recordId: row.record_id,
            archiveKey: settings.archiveKey,
            title: payload.title,
            notes: payload.notes,
            classificationCode: payload.classificationCode,
            date: payload.date,
            unit: payload.unit,
            category: payload.category,
            documents,
            privateOnArrival: settings.privateOnArrival,
            known: known && known.target === adapter.target ? { datasetId: known.datasetId, withdrawn: known.state === 'withdrawn' } : null,
          },
          signal,
        );
        const doneAt = iso(now());
        commit(() => {
          saveLiveReceipt(db, {
            recordId: row.record_id,
            target: adapter.target,
            portalUrl: adapter.portalUrl,
            datasetId: receipt.datasetId,
            datasetName: receipt.datasetName,
            datasetUrl: receipt.datasetUrl,
            private: receipt.private,
            resources: receipt.resources,
            outboxId: row.id,
            pushedAt: doneAt,
          });
          markDone(db, row.id, doneAt);
          appendAudit(db, {
            actor,
            action: 'portal.publish',
            entity: 'record',
            entityId: row.record_id,
            before: known ? { state: known.state, datasetId: known.datasetId } : null,
            after: {
              outboxId: row.id,
              target: adapter.target,
              portal: adapter.portalUrl,
              datasetId: receipt.datasetId,
              datasetName: receipt.datasetName,
              datasetUrl: receipt.datasetUrl,
              private: receipt.private,
              created: receipt.created,
              uploaded: receipt.uploaded,
              removed: receipt.removed,
              resources: receipt.resources.map((r) => ({ id: r.id, sha256: r.sha256 })),
            },
            at: doneAt,
          });
        });
        return { kind: 'live' };
      }

      const known = getReceipt(db, row.record_id);
      const result: WithdrawReceipt = await adapter.withdraw(
        {
          recordId: row.record_id,
          archiveKey: settings.archiveKey,
          datasetId: known && known.target === adapter.target ? known.datasetId : null,
          mode: settings.withdrawMode,
        },
        signal,
      );
      const doneAt = iso(now());
      commit(() => {
        if (known) markWithdrawn(db, row.record_id, settings.withdrawMode, doneAt);
        markDone(db, row.id, doneAt);
        appendAudit(db, {
          actor,
          action: 'portal.withdraw',
          entity: 'record',
          entityId: row.record_id,
          before: known ? { state: known.state, datasetId: known.datasetId } : null,
          after: { outboxId: row.id, target: adapter.target, portal: adapter.portalUrl, mode: settings.withdrawMode, outcome: result.outcome, datasetId: result.datasetId },
          at: doneAt,
        });
      });
      return { kind: 'withdrawn' };
    } catch (error) {
      const reason = reasonOf(error);
      if (signal.aborted) {
        // Stopped on purpose: not the portal's fault, so not an attempt either.
        commit(() => markRetry(db, row.id, iso(now()), reason, false));
        return { kind: 'retry', reason, throttle: false, retryAfterMs: undefined, nextAt: iso(now()) };
      }
      if (error instanceof PortalError && error.scope === 'portal') {
        commit(() => markRetry(db, row.id, iso(now()), reason, false));
        return { kind: 'portal-problem', reason };
      }
      if (error instanceof PortalError && error.kind === 'retryable') {
        const throttle = error.status === 429 || (error.status === 503 && error.retryAfterMs !== undefined);
        // This record alone waits; a throttle makes the queue wait (below), the record with it.
        const wait = error.retryAfterMs ?? recordWait(row.attempts);
        const nextAt = iso(now() + wait);
        commit(() => markRetry(db, row.id, nextAt, reason));
        return { kind: 'retry', reason, throttle, retryAfterMs: error.retryAfterMs, nextAt };
      }
      park(row, reason, 'portal.park', iso(now()));
      return { kind: 'parked', reason };
    }
  }

  async function drain(ignoreBackoff: boolean, overrideRetryAfter: boolean): Promise<DrainSummary> {
    const startedAt = iso(now());
    const summary: DrainSummary = {
      startedAt,
      finishedAt: startedAt,
      attempted: 0,
      published: 0,
      withdrawn: 0,
      retried: 0,
      parked: 0,
      refused: 0,
      superseded: 0,
      resetStale: 0,
      stoppedBy: 'empty',
      needsConfirmation: 0,
      pausedUntil: null,
      problem: null,
    };
    // The run's bookkeeping (lock, pause, problem) is advisory and safe to lose to a power cut,
    // like the per-item writes: relaxed too. recordRun at the end is the one FULL commit.
    const lock = relaxedSync(db, () => acquireLock(db, owner, now(), lease));
    if (!lock) {
      summary.stoppedBy = 'locked';
      return finish(summary);
    }
    summary.resetStale = lock.resetStale;
    try {
      options.beforeRun?.();
    } catch (error) {
      releaseLock(db, owner);
      throw error;
    }
    let leaseUntil = now() + lease;
    emit({ type: 'run-start', at: startedAt });
    const signal = stopController.signal;
    try {
      if (ignoreBackoff) {
        commit(() => {
          clearRetryDelays(db);
          const state = readState(db);
          if (state.pause_reason !== 'retry-after' || overrideRetryAfter) setPause(db, null, null, state.queue_failures);
        });
      }
      let failedInRun = 0;
      // Half-open: the breaker was open and its time ran out; the first failure opens it again.
      const halfOpen = readState(db).queue_failures > 0;
      const tried = new Set<number>();
      for (;;) {
        if (signal.aborted) {
          summary.stoppedBy = 'stopped';
          break;
        }
        const state = readState(db);
        if (state.paused_until && state.paused_until > iso(now())) {
          summary.stoppedBy = 'paused';
          break;
        }
        const settings = getPortalSettings(db);
        const gate = withdrawalGate(db, settings.withdrawFailSafePercent, settings.withdrawFailSafeMin);
        const row = nextDue(db, iso(now()), gate, tried);
        if (!row) break;
        if (now() > leaseUntil - lease / 2) {
          // Renewed only past half the lease: a renewal is a committed write, and one per item adds up.
          if (!relaxedSync(db, () => acquireLock(db, owner, now(), lease))) {
            summary.stoppedBy = 'locked';
            break;
          }
          leaseUntil = now() + lease;
        }
        tried.add(row.id);
        // A big upload on a slow line can outlast the lease: keep it fresh while the item runs,
        // or another process would take the lock and push the same item alongside.
        const heartbeat = setInterval(() => relaxedSync(db, () => acquireLock(db, owner, now(), lease)), Math.max(1000, Math.min(lease / 3, 60_000)));
        heartbeat.unref();
        let result: Awaited<ReturnType<typeof processRow>>;
        const answeredBefore = adapter.answered ?? 0;
        try {
          result = await processRow(row, settings, signal);
        } finally {
          clearInterval(heartbeat);
        }
        if (result.kind === 'skipped') continue;
        if (result.kind !== 'superseded') summary.attempted++;
        // Each request the portal answered during this item counts as a success in the window
        // (at least one when the item went through, for adapters that do not count requests).
        const answeredNow = (adapter.answered ?? 0) - answeredBefore;
        const went = result.kind === 'live' || result.kind === 'withdrawn' || result.kind === 'parked' || result.kind === 'refused';
        for (let i = Math.max(answeredNow, went ? 1 : 0); i > 0; i--) note(false);
        if (went || answeredNow > 0) lastAnsweredAt = now();
        const event: Extract<PortalProgress, { type: 'item' }> = { type: 'item', outboxId: row.id, recordId: row.record_id, kind: row.kind, outcome: result.kind };
        switch (result.kind) {
          case 'live':
          case 'withdrawn':
            if (result.kind === 'live') summary.published++;
            else summary.withdrawn++;
            if (state.queue_failures > 0 || state.problem) {
              commit(() => {
                setPause(db, null, null, 0);
                setProblem(db, null);
              });
            }
            break;
          case 'superseded':
            summary.superseded++;
            break;
          case 'parked':
          case 'refused':
            if (result.kind === 'parked') summary.parked++;
            else summary.refused++;
            event.message = { id: result.reason.id, en: result.reason.en };
            break;
          case 'retry':
            summary.retried++;
            failedInRun++;
            // A throttle is an answer (the portal is up and said how long to wait), not an outage.
            if (!result.throttle && !signal.aborted) note(true);
            event.message = { id: result.reason.id, en: result.reason.en };
            event.nextAttemptAt = result.nextAt;
            break;
          case 'portal-problem':
            event.message = { id: result.reason.id, en: result.reason.en };
            break;
        }
        emit(event);
        if (result.kind === 'portal-problem') {
          const failures = state.queue_failures + 1;
          commit(() => {
            setProblem(db, result.reason);
            setPause(db, iso(now() + breakerWait(failures - 1)), 'portal', failures);
          });
          summary.stoppedBy = 'portal-problem';
          break;
        }
        if (result.kind === 'retry' && signal.aborted) {
          summary.stoppedBy = 'stopped';
          break;
        }
        if (result.kind === 'retry' && result.throttle) {
          // The portal asked us to slow down: the whole queue waits exactly what it asked (or
          // 30 s, 1 min, 5 min when it did not say). Not an outage: the breaker count stays.
          const step = Math.min(state.queue_failures, THROTTLE_STEPS_MS.length - 1);
          const wait = result.retryAfterMs ?? THROTTLE_STEPS_MS[step]!;
          commit(() => setPause(db, iso(now() + wait), result.retryAfterMs !== undefined ? 'retry-after' : 'backoff', state.queue_failures));
          // The portal is up and said when it will answer again: count from then, so the first
          // failure after the pause is not taken for a portal silent all that time.
          lastAnsweredAt = now() + wait;
          summary.stoppedBy = 'paused';
          break;
        }
        if (result.kind === 'retry' && (breakerTrips() || (halfOpen && summary.published + summary.withdrawn === 0 && failedInRun >= 1))) {
          // Most recent requests failed (or the half-open probe did): open the breaker. The
          // queue waits, then one item probes; a success closes it and starts a new window.
          recent = [];
          const failures = state.queue_failures + 1;
          commit(() => setPause(db, iso(now() + breakerWait(failures - 1)), 'backoff', failures));
          summary.stoppedBy = 'failures';
          break;
        }
      }
    } finally {
      relaxedSync(db, () => releaseLock(db, owner));
    }
    return finish(summary);
  }

  function finish(summary: DrainSummary): DrainSummary {
    const settings = getPortalSettings(db);
    const gate = withdrawalGate(db, settings.withdrawFailSafePercent, settings.withdrawFailSafeMin);
    const state = readState(db);
    summary.needsConfirmation = gate.blocked ? gate.pending : 0;
    summary.pausedUntil = state.paused_until && state.paused_until > iso(now()) ? state.paused_until : null;
    const problem = state.problem ? (JSON.parse(state.problem) as StoredReason) : null;
    summary.problem = problem ? { id: problem.id, en: problem.en } : null;
    summary.finishedAt = iso(now());
    if (summary.stoppedBy !== 'locked') recordRun(db, summary.finishedAt, summary);
    emit({ type: 'run-end', summary });
    return summary;
  }

  async function pushNow(opts: { ignoreBackoff?: boolean; overrideRetryAfter?: boolean } = {}): Promise<DrainSummary> {
    while (current) await current.catch(() => undefined);
    const run = drain(opts.ignoreBackoff ?? false, opts.overrideRetryAfter ?? false);
    current = run;
    try {
      return await run;
    } finally {
      if (current === run) current = null;
    }
  }

  function nextDueAt(): number | null {
    const settings = getPortalSettings(db);
    const gate = withdrawalGate(db, settings.withdrawFailSafePercent, settings.withdrawFailSafeMin);
    const eligible = nextEligibleAt(db, gate);
    if (eligible === null) return null;
    const at = eligible === '' ? now() : Date.parse(eligible);
    const state = readState(db);
    const paused = state.paused_until ? Date.parse(state.paused_until) : 0;
    return Math.max(at, paused);
  }

  function start(intervalMs: number): void {
    if (loop) return;
    stopController = new AbortController();
    const stopSignal = stopController.signal;
    loop = (async () => {
      while (!stopSignal.aborted) {
        try {
          await pushNow();
        } catch (error) {
          // A database error (disk full, locked too long): wait a round and try again.
          const reason = reasonOf(error);
          emit({ type: 'error', message: { id: reason.id, en: reason.en } });
        }
        if (stopSignal.aborted) break;
        const next = nextDueAt();
        const wait = next === null ? intervalMs : Math.min(intervalMs, Math.max(250, next - now()));
        wake = new AbortController();
        await sleep(wait, AbortSignal.any([wake.signal, stopSignal]));
      }
    })();
  }

  async function stop(): Promise<void> {
    stopController.abort();
    wake.abort();
    const running = loop;
    loop = null;
    await running;
    while (current) await current.catch(() => undefined);
  }

  return {
    pushNow,
    start,
    stop,
    poke: () => wake.abort(),
    status: (query) => portalStatus(db, { ...query, now: now() }),
    confirmWithdrawals(by = actor) {
      return db.transaction(() => {
        const settings = getPortalSettings(db);
        const gate = withdrawalGate(db, settings.withdrawFailSafePercent, settings.withdrawFailSafeMin);
        const result = confirmPendingWithdrawals(db);
        if (result.confirmed > 0) {
          appendAudit(db, {
            actor: by,
            action: 'portal.confirm-withdrawals',
            entity: 'portal',
            entityId: 'outbox',
            after: { confirmed: result.confirmed, throughOutboxId: result.through, live: gate.live },
            at: iso(now()),
          });
        }
        return { confirmed: result.confirmed };
      })();
    },
    retryParked(recordIds, by = actor) {
      return db.transaction(() => {
        const at = iso(now());
        const result: RetryParkedResult = { requeued: 0, notRequeued: [] };
        for (const row of parkedItems(db, recordIds)) {
          if (row.kind === 'publish') {
            const check = checkPublishable(db, row.record_id, row.id);
            if (!check.ok) {
              const reason = { id: check.reason.id, en: check.reason.en };
              // Without a standing approval the item can never go out: cancel it for good.
              const outcome = check.code === 'not-approved' ? 'cancelled' : 'parked';
              if (outcome === 'cancelled') markCancelled(db, row.id, at, reason);
              result.notRequeued.push({ recordId: row.record_id, outboxId: row.id, outcome, reason });
              continue;
            }
          }
          if (unparkOne(db, row.id)) result.requeued++;
        }
        if (result.requeued > 0 || result.notRequeued.length > 0) {
          appendAudit(db, {
            actor: by,
            action: 'portal.retry-parked',
            entity: 'portal',
            entityId: 'outbox',
            after: { items: result.requeued, records: recordIds ?? 'all', notRequeued: result.notRequeued.map((n) => ({ recordId: n.recordId, outboxId: n.outboxId, outcome: n.outcome })) },
            at,
          });
        }
        return result;
      })();
    },
    nextDueAt,
  };
}
