// What the Sinkronisasi screen and `berkas sync status` show: per record, where its latest outbox
// item stands (waiting, pushing, live, parked and why, withdrawn, needs a person's confirmation),
// the totals, and the queue-wide pause or problem. Reads only, through queries.ts.
import type { Bilingual } from '../../preload/contract.ts';
import { recordSubjects } from '../archive/queries.ts';
import type { Db } from '../db/connection.ts';
import { decodeReason, iso, lockHolder, readState, withdrawalGate, type StoredReason } from './outbox.ts';
import { approvedNotOnTarget } from './requeue.ts';
import { getPortalSettings } from './settings.ts';
import { outboxStateCounts, portalStateCounts, recordPortalRows } from './queries.ts';

/**
 * live: on the configured CKAN portal. catalogue: accepted into the local catalogue export only
 * (no portal was configured when it went through), never "live". refused: held back by the
 * push-time check (not publishable now). not-sent: withdrawn or cancelled before it ever reached
 * the portal. withdrawn: taken down from the portal after being there.
 */
export const RECORD_PORTAL_STATES = ['waiting', 'pushing', 'live', 'catalogue', 'parked', 'refused', 'withdrawn', 'not-sent', 'needs-confirmation'] as const;
export type RecordPortalState = (typeof RECORD_PORTAL_STATES)[number];

export interface StatusQuery {
  states?: readonly RecordPortalState[];
  recordIds?: readonly number[];
  limit?: number;
  offset?: number;
  now?: number;
}

export interface RecordPortalStatus {
  recordId: number;
  subject: string;
  state: RecordPortalState;
  kind: 'publish' | 'withdraw';
  outboxId: number;
  attempts: number;
  nextAttemptAt: string | null;
  /** Why it is parked, or the last retryable error of a waiting item. */
  reason: StoredReason | null;
  datasetName: string | null;
  datasetUrl: string | null;
  private: boolean | null;
  pushedAt: string | null;
  withdrawnAt: string | null;
}

export interface PortalStatus {
  target: 'none' | 'ckan';
  portalUrl: string | null;
  organization: string | null;
  counts: Record<'waiting' | 'pushing' | 'live' | 'catalogue' | 'parked' | 'refused' | 'withdrawn' | 'notSent' | 'needsConfirmation' | 'total', number>;
  queue: Record<'waiting' | 'due' | 'pushing' | 'done' | 'parked' | 'cancelled', number>;
  /** Approved records the configured destination does not have and nothing is queued for (see requeue.ts). */
  approvedNotOnTarget: number;
  failSafe: { blocked: boolean; pending: number; live: number; thresholdPercent: number; minimum: number };
  pausedUntil: string | null;
  pauseReason: 'retry-after' | 'backoff' | 'portal' | null;
  problem: Bilingual | null;
  lastRunAt: string | null;
  lockedBy: string | null;
  items: RecordPortalStatus[];
  /** How many records match the query's filter (items is one page of them). */
  matching: number;
}

export function portalStatus(db: Db, query: StatusQuery = {}): PortalStatus {
  const nowIso = iso(query.now ?? Date.now());
  return db.transaction(() => {
    const settings = getPortalSettings(db);
    const gate = withdrawalGate(db, settings.withdrawFailSafePercent, settings.withdrawFailSafeMin);
    const params = { blocked: gate.blocked ? 1 : 0, through: gate.confirmedThrough };

    const counts = { waiting: 0, pushing: 0, live: 0, catalogue: 0, parked: 0, refused: 0, withdrawn: 0, notSent: 0, needsConfirmation: 0, total: 0 };
    const key = { 'needs-confirmation': 'needsConfirmation', 'not-sent': 'notSent' } as const;
    for (const row of portalStateCounts(db, params)) {
      counts[row.s === 'needs-confirmation' || row.s === 'not-sent' ? key[row.s] : row.s] = row.n;
      counts.total += row.n;
    }

    const queue = { waiting: 0, due: 0, pushing: 0, done: 0, parked: 0, cancelled: 0 };
    const outbox = outboxStateCounts(db, nowIso);
    for (const row of outbox.states) queue[row.s as keyof typeof queue] = row.n;
    queue.due = outbox.due;

    const { matching, rows } = recordPortalRows(db, params, query);

    const subjects = recordSubjects(db, rows.map((r) => r.record_id));
    const state = readState(db);
    const problem = decodeReason(state.problem);
    return {
      target: settings.target,
      portalUrl: settings.url,
      organization: settings.organization,
      counts,
      queue,
      failSafe: { blocked: gate.blocked, pending: gate.pending, live: gate.live, thresholdPercent: gate.thresholdPercent, minimum: gate.minimum },
      pausedUntil: state.paused_until && state.paused_until > nowIso ? state.paused_until : null,
      pauseReason: state.paused_until && state.paused_until > nowIso ? state.pause_reason : null,
      problem: problem ? { id: problem.id, en: problem.en } : null,
      lastRunAt: state.last_run_at,
      lockedBy: lockHolder(db, Date.parse(nowIso)),
      matching,
      approvedNotOnTarget: approvedNotOnTarget(db),
      items: rows.map((r) => ({
        recordId: r.record_id,
        subject: subjects.get(r.record_id) ?? '',
        state: r.portal_state,
        kind: r.kind,
        outboxId: r.outbox_id,
        attempts: r.attempts,
        nextAttemptAt: r.next_attempt_at,
        reason: decodeReason(r.last_error),
        datasetName: r.dataset_name,
        datasetUrl: r.dataset_url,
        private: r.private === null ? null : r.private === 1,
        pushedAt: r.pushed_at,
        withdrawnAt: r.withdrawn_at,
      })),
    };
  })();
}
