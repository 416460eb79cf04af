// The portal's read side: the SQL of the Sinkronisasi screen (status.ts) and of the approved
// records not on the current destination (requeue.ts), over the outbox and receipts that
// outbox.ts and receipts.ts own. Reads only; callers hold the transaction.
import type { Db } from '../db/connection.ts';
import { sql } from '../db/statements.ts';
import type { RecordPortalState } from './status.ts';

export interface ItemRow {
  outbox_id: number;
  record_id: number;
  kind: 'publish' | 'withdraw';
  attempts: number;
  next_attempt_at: string | null;
  last_error: string | null;
  dataset_name: string | null;
  dataset_url: string | null;
  private: number | null;
  pushed_at: string | null;
  withdrawn_at: string | null;
  portal_state: RecordPortalState;
}

// The latest outbox item of each record decides its state; a done publish reads the receipt.
// @blocked/@through: the withdrawal fail-safe (outbox.ts withdrawalGate).
const PER_RECORD = `
  WITH latest AS (SELECT record_id, max(id) AS id FROM outbox GROUP BY record_id),
  derived AS (
    SELECT o.id AS outbox_id, o.record_id, o.kind, o.attempts, o.next_attempt_at, o.last_error,
           rc.dataset_name, rc.dataset_url, rc.private, rc.pushed_at, rc.withdrawn_at,
           CASE
             WHEN o.state = 'pushing' THEN 'pushing'
             WHEN o.state = 'waiting' AND o.kind = 'withdraw' AND @blocked = 1 AND o.id > @through
                  AND rc.state = 'live' THEN 'needs-confirmation'
             WHEN o.state = 'waiting' THEN 'waiting'
             WHEN o.state = 'parked' AND json_valid(o.last_error) AND json_extract(o.last_error, '$.code') = 'refused' THEN 'refused'
             WHEN o.state = 'parked' THEN 'parked'
             WHEN o.kind = 'publish' AND o.state = 'done' AND rc.state = 'live' AND rc.target = 'catalogue' THEN 'catalogue'
             WHEN o.kind = 'publish' AND o.state = 'done' AND rc.state = 'live' THEN 'live'
             WHEN rc.record_id IS NULL OR rc.target = 'catalogue' THEN 'not-sent'
             ELSE 'withdrawn'
           END AS portal_state
      FROM latest l
      JOIN outbox o ON o.id = l.id
      LEFT JOIN portal_receipts rc ON rc.record_id = o.record_id
  )`;

/** Per portal state, how many records stand in it (`params`: the withdrawal gate, see PER_RECORD). */
export function portalStateCounts(db: Db, params: { blocked: number; through: number }): { s: RecordPortalState; n: number }[] {
  return sql(db, `${PER_RECORD} SELECT portal_state AS s, count(*) AS n FROM derived GROUP BY portal_state`).all(params) as { s: RecordPortalState; n: number }[];
}

/** Outbox items per state, and how many waiting items are due at `nowIso`. */
export function outboxStateCounts(db: Db, nowIso: string): { states: { s: string; n: number }[]; due: number } {
  return {
    states: sql(db, 'SELECT state AS s, count(*) AS n FROM outbox GROUP BY state').all() as { s: string; n: number }[],
    due: (sql(db, "SELECT count(*) AS n FROM outbox WHERE state = 'waiting' AND (next_attempt_at IS NULL OR next_attempt_at <= ?)").get(nowIso) as { n: number }).n,
  };
}

/** One page of records by portal state, in record order, and how many match the filter. */
export function recordPortalRows(
  db: Db,
  params: { blocked: number; through: number },
  query: { states?: readonly RecordPortalState[]; recordIds?: readonly number[]; limit?: number; offset?: number },
): { matching: number; rows: ItemRow[] } {
  const where: string[] = [];
  const filter: Record<string, unknown> = { ...params };
  if (query.states?.length) {
    where.push(`portal_state IN (${query.states.map((_, i) => `@s${i}`).join(',')})`);
    query.states.forEach((s, i) => (filter[`s${i}`] = s));
  }
  if (query.recordIds?.length) {
    where.push(`record_id IN (${query.recordIds.map((_, i) => `@r${i}`).join(',')})`);
    query.recordIds.forEach((r, i) => (filter[`r${i}`] = r));
  }
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const matching = (sql(db, `${PER_RECORD} SELECT count(*) AS n FROM derived ${clause}`).get(filter) as { n: number }).n;
  const rows = sql(db, `${PER_RECORD} SELECT * FROM derived ${clause} ORDER BY record_id LIMIT @limit OFFSET @offset`)
    .all({ ...filter, limit: query.limit ?? 200, offset: query.offset ?? 0 }) as ItemRow[];
  return { matching, rows };
}

/** Tests, prepared once, for the approved records not on a destination (requeue.ts): is the record
 *  live on `target`/`url`, has it an open outbox item, and the payload it was last queued with
 *  (a publish item from `since` on). */
export function requeueChecks(db: Db): {
  liveOn: (recordId: number, target: string, url: string | null) => boolean;
  hasOpenItem: (recordId: number) => boolean;
  latestPublishPayload: (recordId: number, since: number) => string | undefined;
} {
  const onTarget = sql(db, "SELECT 1 FROM portal_receipts WHERE record_id = ? AND state = 'live' AND target = ? AND portal_url IS ?");
  const pending = sql(db, "SELECT 1 FROM outbox WHERE record_id = ? AND state IN ('waiting','pushing','parked') LIMIT 1");
  const latest = sql(db, "SELECT payload FROM outbox WHERE record_id = ? AND kind = 'publish' AND id >= ? ORDER BY id DESC LIMIT 1");
  return {
    liveOn: (recordId, target, url) => onTarget.get(recordId, target, url) !== undefined,
    hasOpenItem: (recordId) => pending.get(recordId) !== undefined,
    latestPublishPayload: (recordId, since) => (latest.get(recordId, since) as { payload: string } | undefined)?.payload,
  };
}
