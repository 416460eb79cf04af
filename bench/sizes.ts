// Sizes of the synthetic archive: the database file and its WAL, and how the pages divide between
// the search index, the records and their indexes, the audit log and the rest (from SQLite's dbstat
// table when compiled in, else page counts only). The store's size comes from the import section,
// where real files were stored; synthetic records point at documents whose bytes were never written.
import { existsSync, statSync } from 'node:fs';
import type { Archive } from '../main/archive/open.ts';
import { round } from './stats.ts';

export interface SizesSection {
  records: number;
  databaseBytes: number;
  walBytes: number;
  /** page_count × page_size: the database as it will be once the WAL is checkpointed. */
  logicalBytes: number;
  pageSize: number;
  pageCount: number;
  freelistCount: number;
  method: 'dbstat' | 'page_count';
  /** Bytes per part (tables with their indexes), when dbstat is available. */
  parts: Record<string, number>;
  /** Search index (every search_index_* shadow table) ÷ database size. */
  indexShare: number | null;
  bytesPerRecord: number;
  searchIndexBytesPerRecord: number | null;
  /** Text the index holds per record (body length sum ÷ records), for comparing with its size. */
  indexedTextBytesPerRecord: number;
}

/** Which part of the archive a table or index belongs to. */
function partOf(name: string, tableOf: Map<string, string>): string {
  const table = tableOf.get(name) ?? name;
  if (table.startsWith('search_index')) return 'search index (FTS5)';
  if (table === 'records') return 'records + indexes';
  if (table === 'audit_log') return 'audit log + indexes';
  if (table === 'documents') return 'documents + indexes';
  return 'other';
}

export function measureSizes(archive: Archive): SizesSection {
  const { db, layout } = archive;
  const records = (db.prepare('SELECT count(*) AS n FROM records').get() as { n: number }).n;
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const pageCount = db.pragma('page_count', { simple: true }) as number;
  const freelistCount = db.pragma('freelist_count', { simple: true }) as number;
  const databaseBytes = statSync(layout.database).size;
  const wal = `${layout.database}-wal`;
  const walBytes = existsSync(wal) ? statSync(wal).size : 0;
  const text = (db.prepare('SELECT sum(length(c3)) AS n FROM search_index_content -- c3 is body').get() as { n: number | null }).n ?? 0;

  const tableOf = new Map<string, string>();
  for (const row of db.prepare("SELECT name, tbl_name FROM sqlite_schema WHERE type IN ('table', 'index')").all() as { name: string; tbl_name: string }[]) {
    tableOf.set(row.name, row.tbl_name);
  }
  let parts: Record<string, number> = {};
  let method: SizesSection['method'] = 'dbstat';
  try {
    const rows = db.prepare('SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name').all() as { name: string; bytes: number }[];
    for (const row of rows) {
      const part = partOf(row.name, tableOf);
      parts[part] = (parts[part] ?? 0) + row.bytes;
    }
  } catch {
    method = 'page_count';
    parts = {};
  }
  const indexBytes = parts['search index (FTS5)'];
  const total = pageSize * pageCount;
  return {
    records,
    databaseBytes,
    walBytes,
    logicalBytes: total,
    pageSize,
    pageCount,
    freelistCount,
    method,
    parts,
    indexShare: indexBytes === undefined ? null : round(indexBytes / total, 3),
    bytesPerRecord: Math.round(total / Math.max(records, 1)),
    searchIndexBytesPerRecord: indexBytes === undefined ? null : Math.round(indexBytes / Math.max(records, 1)),
    indexedTextBytesPerRecord: Math.round(text / Math.max(records, 1)),
  };
}
