// Reading the audit trail: a filtered, paged list (newest first) and the export's rows (oldest
// first) behind the audit_log indexes,
// and the distinct users and actions for the filter lists. Read-only; log.ts is the only writer.
// Clearance: an entry about a record (or a document of a record) above the viewer's clearance
// shows no before/after (where subjects and text live), and a filter on such a record finds nothing.
import type { AuditEntry, AuditFilter } from '../../preload/contract.ts';
import type { Db } from '../db/connection.ts';
import type { AuditRow } from './log.ts';
import { visibleSql, type Viewer } from '../clearance/viewer.ts';

/** SQL (over audit_log) true for an entry whose record the viewer may not see; '0' for full clearance. */
export function auditHiddenSql(viewer: Viewer): string {
  const visible = visibleSql(viewer, 'hr.security_class');
  if (visible === '1') return '0';
  return `((audit_log.entity = 'record' AND EXISTS (SELECT 1 FROM records hr WHERE hr.id = CAST(audit_log.entity_id AS INTEGER) AND NOT (${visible})))
    OR (audit_log.entity = 'document' AND EXISTS (SELECT 1 FROM documents hd JOIN records hr ON hr.id = hd.record_id WHERE hd.id = CAST(audit_log.entity_id AS INTEGER) AND NOT (${visible}))))`;
}

/** The audit columns with before/after blanked for entries the viewer may not read. */
export function auditColumns(viewer: Viewer): string {
  const hidden = auditHiddenSql(viewer);
  if (hidden === '0') return '*';
  return `id, at, actor, action, entity, entity_id,
    CASE WHEN ${hidden} THEN NULL ELSE before END AS before,
    CASE WHEN ${hidden} THEN NULL ELSE after END AS after, prev_hash, hash`;
}

/** A filter on a record above the viewer's clearance finds nothing (no count of its entries). */
function recordHidden(db: Db, filter: AuditFilter, viewer: Viewer): boolean {
  if (filter.recordId === undefined) return false;
  return !db.prepare(`SELECT 1 FROM records r WHERE r.id = ? AND ${visibleSql(viewer)}`).get(filter.recordId);
}

/** Local calendar day → the UTC instant it starts (audit times are stored as UTC ISO strings). */
export function startOfLocalDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d).toISOString();
}

function nextLocalDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d + 1).toISOString();
}

/** WHERE clause and parameters for a filter; each condition can be served by an index. */
export function auditWhere(filter: AuditFilter, db?: Db, viewer?: Viewer): { sql: string; params: (string | number)[] } {
  const where: string[] = [];
  if (db && viewer && recordHidden(db, filter, viewer)) where.push('0');
  const params: (string | number)[] = [];
  if (filter.actor) {
    where.push('actor = ?');
    params.push(filter.actor);
  }
  if (filter.action) {
    if (filter.action.endsWith('.*')) {
      // 'publication.*': every action in that family, as an index range.
      const prefix = filter.action.slice(0, -1);
      where.push('action >= ? AND action < ?');
      params.push(prefix, prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1));
    } else {
      where.push('action = ?');
      params.push(filter.action);
    }
  }
  if (filter.recordId !== undefined) {
    where.push(`((entity = 'record' AND entity_id = ?) OR (entity = 'document' AND entity_id IN (SELECT CAST(id AS TEXT) FROM documents WHERE record_id = ?)))`);
    params.push(String(filter.recordId), filter.recordId);
  }
  if (filter.from) {
    where.push('at >= ?');
    params.push(startOfLocalDay(filter.from));
  }
  if (filter.to) {
    where.push('at < ?');
    params.push(nextLocalDay(filter.to));
  }
  return { sql: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
}

export const AUDIT_ORDER = 'ORDER BY at DESC, id DESC';

function toEntry(row: AuditRow): AuditEntry {
  return { id: row.id, at: row.at, actor: row.actor, action: row.action, entity: row.entity, entityId: row.entity_id, before: row.before, after: row.after };
}

/** The SQL the audit screen and the CSV export run for a filter and viewer (the query-plan test
 *  runs exactly these): `count`, `page` (newest first; then LIMIT and OFFSET) and `export` (oldest
 *  first, the chain's order). Without a db and viewer: full clearance. */
export function auditQueries(filter: AuditFilter, db?: Db, viewer?: Viewer): { count: string; page: string; export: string; params: (string | number)[] } {
  const { sql, params } = auditWhere(filter, db, viewer);
  const columns = viewer ? auditColumns(viewer) : '*';
  return {
    count: `SELECT count(*) AS n FROM audit_log ${sql}`,
    page: `SELECT ${columns} FROM audit_log ${sql} ${AUDIT_ORDER} LIMIT ? OFFSET ?`,
    export: `SELECT ${columns} FROM audit_log ${sql} ${AUDIT_ORDER.replace(/DESC/g, 'ASC')}`,
    params,
  };
}

/** The filtered trail oldest first (the chain's order), row by row, for the CSV export. */
export function auditExportRows(db: Db, filter: AuditFilter, viewer: Viewer): IterableIterator<AuditRow> {
  const q = auditQueries(filter, db, viewer);
  return db.prepare(q.export).iterate(...q.params) as IterableIterator<AuditRow>;
}

export function listAudit(db: Db, filter: AuditFilter, page: { offset: number; limit: number }, viewer: Viewer): { total: number; rows: AuditEntry[] } {
  const q = auditQueries(filter, db, viewer);
  const total = (db.prepare(q.count).get(...q.params) as { n: number }).n;
  const rows = db.prepare(q.page).all(...q.params, page.limit, page.offset) as AuditRow[];
  return { total, rows: rows.map(toEntry) };
}

/** Distinct values of an indexed column by skipping through the index (no full scan). */
function distinct(db: Db, column: 'actor' | 'action', cap = 500): string[] {
  return (
    db
      .prepare(
        `WITH RECURSIVE v(x, n) AS (
           SELECT (SELECT min(${column}) FROM audit_log), 1
           UNION ALL
           SELECT (SELECT min(${column}) FROM audit_log WHERE ${column} > v.x), n + 1 FROM v WHERE v.x IS NOT NULL AND n < ?
         ) SELECT x FROM v WHERE x IS NOT NULL`,
      )
      .all(cap) as { x: string }[]
  ).map((r) => r.x);
}

export function auditFacets(db: Db): { actors: string[]; actions: string[] } {
  return { actors: distinct(db, 'actor'), actions: distinct(db, 'action') };
}

export function auditEntryCount(db: Db): number {
  return db.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;
}
