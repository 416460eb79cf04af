// The append-only audit log. Every change is written in the same transaction as the change itself,
// and every entry carries the hash of the previous one, so an edit or a deleted row anywhere in
// the chain shows up in `verify`. This module owns the audit_log table; nothing else writes it.
import { createHash } from 'node:crypto';
import type { Db } from '../db/connection.ts';
import type { PgClient } from '../db/pg/connection.ts';
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

/** The entry that follows `last` (null: the first), hashed: the same on SQLite and PostgreSQL. */
function nextEntry(last: { id: number; hash: string } | null, input: AuditInput): AuditRow {
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
  return { ...row, hash: entryHash(row) };
}

/** The newest entry's id and hash (null on an empty log): what the next entry chains to. */
export function chainHead(db: Db): { id: number; hash: string } | null {
  return (sql(db, 'SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { id: number; hash: string } | undefined) ?? null;
}

/** The hash of entry `id`, or undefined when there is no such entry (the anchor's check). */
export function entryHashAt(db: Db, id: number): string | undefined {
  return sql(db, 'SELECT hash FROM audit_log WHERE id = ?').pluck().get(id) as string | undefined;
}

/** Appends one entry; call inside the transaction that makes the change. */
export function appendAudit(db: Db, input: AuditInput): AuditRow {
  const full = nextEntry(chainHead(db), input);
  sql(
    db,
    `INSERT INTO audit_log (id, at, actor, action, entity, entity_id, before, after, prev_hash, hash)
     VALUES (@id, @at, @actor, @action, @entity, @entity_id, @before, @after, @prev_hash, @hash)`,
  ).run(full);
  return full;
}

/**
 * The same on a team-mode archive (PostgreSQL), inside the caller's transaction `tx`. The head is
 * read through audit_head_lock(), which holds it until `tx` ends, so appenders on other clients
 * queue; the database's own trigger checks the entry continues the chain (db/pg/migrations.ts).
 */
export async function appendAuditPg(tx: PgClient, input: AuditInput): Promise<AuditRow> {
  const head = (await tx.query<{ last_id: string; last_hash: string }>('SELECT last_id, last_hash FROM audit_head_lock()')).rows[0];
  if (!head) throw new Error('The audit chain head is missing: the PostgreSQL schema is not migrated.');
  const last = Number(head.last_id) === 0 ? null : { id: Number(head.last_id), hash: head.last_hash };
  const full = nextEntry(last, input);
  await tx.query(
    `INSERT INTO audit_log (id, at, actor, action, entity, entity_id, before, after, prev_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [full.id, full.at, full.actor, full.action, full.entity, full.entity_id, full.before, full.after, full.prev_hash, full.hash],
  );
  return full;
}

export interface ChainBreak {
  id: number;
  /** truncated / rewritten / forged-anchor come from the anchor outside the database (anchor.ts). */
  problem: 'hash-mismatch' | 'prev-mismatch' | 'gap' | 'truncated' | 'rewritten' | 'forged-anchor';
  message: string;
}

/** Checks entries in id order, one at a time, wherever they are read from. */
class ChainWalk {
  readonly breaks: ChainBreak[] = [];
  entries = 0;
  #prevHash = GENESIS_HASH;
  #expectedId = 1;

  check(row: AuditRow): void {
    this.entries++;
    if (row.id !== this.#expectedId) {
      this.breaks.push({ id: row.id, problem: 'gap', message: `entries ${this.#expectedId}..${row.id - 1} are missing` });
    }
    if (row.prev_hash !== this.#prevHash) {
      this.breaks.push({ id: row.id, problem: 'prev-mismatch', message: `entry ${row.id} does not follow the hash of the entry before it` });
    }
    const { hash, ...rest } = row;
    if (entryHash(rest) !== hash) {
      this.breaks.push({ id: row.id, problem: 'hash-mismatch', message: `entry ${row.id} (${row.action} ${row.entity} ${row.entity_id ?? ''}) was altered after it was written` });
    }
    this.#prevHash = row.hash;
    this.#expectedId = row.id + 1;
  }
}

/** Walks the whole chain; returns every place where it does not hold. */
export function verifyAuditChain(db: Db): { entries: number; breaks: ChainBreak[] } {
  const walk = new ChainWalk();
  for (const row of db.prepare('SELECT * FROM audit_log ORDER BY id').iterate() as Iterable<AuditRow>) walk.check(row);
  return { entries: walk.entries, breaks: walk.breaks };
}

/** The same walk over a team-mode archive, a page of entries at a time. */
export async function verifyAuditChainPg(client: PgClient, pageSize = 5000): Promise<{ entries: number; breaks: ChainBreak[] }> {
  const walk = new ChainWalk();
  for (let after = 0; ; ) {
    const { rows } = await client.query<AuditRow & { id: string }>('SELECT * FROM audit_log WHERE id > $1 ORDER BY id LIMIT $2', [after, pageSize]);
    for (const row of rows) walk.check({ ...row, id: Number(row.id) });
    if (rows.length < pageSize) break;
    after = Number(rows.at(-1)!.id);
  }
  return { entries: walk.entries, breaks: walk.breaks };
}
