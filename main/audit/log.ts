// The append-only audit log. Every change is written in the same transaction as the change itself,
// and every entry carries the hash of the previous one, so an edit or a deleted row anywhere in
// the chain shows up in `verify`. This module owns the audit_log table; nothing else writes it.
import { createHash } from 'node:crypto';
import type { Db } from '../db/connection.ts';
import { sql } from '../db/statements.ts';

export interface AuditInput {
  actor: string;
  action: string; // e.g. 'record.create', 'document.import', 'record.update'
  entity: string; // e.g. 'record', 'file', 'scheme'
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
  at?: string;
}

export interface AuditRow {
  id: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entity_id: string | null;
  before: string | null;
  after: string | null;
  prev_hash: string;
  hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

export function entryHash(row: Omit<AuditRow, 'hash'>): string {
  // A fixed field order and separator: the hash must not depend on JSON key order of the row.
  const material = [row.id, row.at, row.actor, row.action, row.entity, row.entity_id ?? '', row.before ?? '', row.after ?? '', row.prev_hash].join('\u001f');
  return createHash('sha256').update(material).digest('hex');
}

/** Appends one entry; call inside the transaction that makes the change. */
export function appendAudit(db: Db, input: AuditInput): AuditRow {
  const last = sql(db, 'SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { id: number; hash: string } | undefined;
  const row: Omit<AuditRow, 'hash'> = {
    id: (last?.id ?? 0) + 1,
    at: input.at ?? new Date().toISOString(),
    actor: input.actor,
    action: input.action,
    entity: input.entity,
    entity_id: input.entityId == null ? null : String(input.entityId),
    before: input.before === undefined ? null : JSON.stringify(input.before),
    after: input.after === undefined ? null : JSON.stringify(input.after),
    prev_hash: last?.hash ?? GENESIS_HASH,
  };
  const full: AuditRow = { ...row, hash: entryHash(row) };
  sql(
    db,
    `INSERT INTO audit_log (id, at, actor, action, entity, entity_id, before, after, prev_hash, hash)
     VALUES (@id, @at, @actor, @action, @entity, @entity_id, @before, @after, @prev_hash, @hash)`,
  ).run(full);
  return full;
}

export interface ChainBreak {
  id: number;
  /** truncated / rewritten / forged-anchor come from the anchor outside the database (anchor.ts). */
  problem: 'hash-mismatch' | 'prev-mismatch' | 'gap' | 'truncated' | 'rewritten' | 'forged-anchor';
  message: string;
}

/** Walks the whole chain; returns every place where it does not hold. */
export function verifyAuditChain(db: Db): { entries: number; breaks: ChainBreak[] } {
  const breaks: ChainBreak[] = [];
  let prevHash = GENESIS_HASH;
  let expectedId = 1;
  let entries = 0;
  for (const row of db.prepare('SELECT * FROM audit_log ORDER BY id').iterate() as Iterable<AuditRow>) {
    entries++;
    if (row.id !== expectedId) {
      breaks.push({ id: row.id, problem: 'gap', message: `entries ${expectedId}..${row.id - 1} are missing` });
    }
    if (row.prev_hash !== prevHash) {
      breaks.push({ id: row.id, problem: 'prev-mismatch', message: `entry ${row.id} does not follow the hash of the entry before it` });
    }
    const { hash, ...rest } = row;
    if (entryHash(rest) !== hash) {
      breaks.push({ id: row.id, problem: 'hash-mismatch', message: `entry ${row.id} (${row.action} ${row.entity} ${row.entity_id ?? ''}) was altered after it was written` });
    }
    prevHash = row.hash;
    expectedId = row.id + 1;
  }
  return { entries, breaks };
}
