// Counts for `berkas stats`, the About panel and the dashboard.
import type { Db } from '../db/connection.ts';
import { visibleSql, type Viewer } from '../clearance/viewer.ts';

export interface ArchiveStats {
  records: number;
  documents: number;
  files: number;
  storeBytes: number;
  byExtractStatus: Record<string, number>;
  codes: number;
}

/** The records the viewer may see (before login: none). */
export function recordCount(db: Db, viewer: Viewer): number {
  return (db.prepare(`SELECT count(*) AS n FROM records r WHERE ${visibleSql(viewer)}`).get() as { n: number }).n;
}

/** Counts of what the viewer may see (records above their clearance are not counted). */
export function archiveStats(db: Db, viewer: Viewer): ArchiveStats {
  const one = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
  const visible = visibleSql(viewer);
  const docs = `documents d JOIN records r ON r.id = d.record_id WHERE ${visible}`;
  const byExtractStatus: Record<string, number> = {};
  for (const row of db.prepare(`SELECT d.extract_status AS s, count(*) AS n FROM ${docs} GROUP BY 1`).all() as { s: string; n: number }[]) {
    byExtractStatus[row.s] = row.n;
  }
  return {
    records: recordCount(db, viewer),
    documents: one(`SELECT count(*) AS n FROM ${docs}`),
    files: one('SELECT count(*) AS n FROM files'),
    storeBytes: one(`SELECT coalesce(sum(d.size), 0) AS n FROM ${docs} AND d.content_removed_at IS NULL`),
    byExtractStatus,
    codes: one('SELECT count(*) AS n FROM classification_codes'),
  };
}
