// Counts for `berkas stats`, the About panel and the dashboard.
import type { Db } from '../db/connection.ts';

export interface ArchiveStats {
  records: number;
  documents: number;
  files: number;
  storeBytes: number;
  byExtractStatus: Record<string, number>;
  codes: number;
}

export function recordCount(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM records').get() as { n: number }).n;
}

export function archiveStats(db: Db): ArchiveStats {
  const one = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
  const byExtractStatus: Record<string, number> = {};
  for (const row of db.prepare('SELECT extract_status AS s, count(*) AS n FROM documents GROUP BY 1').all() as { s: string; n: number }[]) {
    byExtractStatus[row.s] = row.n;
  }
  return {
    records: recordCount(db),
    documents: one('SELECT count(*) AS n FROM documents'),
    files: one('SELECT count(*) AS n FROM files'),
    storeBytes: one('SELECT coalesce(sum(size), 0) AS n FROM documents WHERE content_removed_at IS NULL'),
    byExtractStatus,
    codes: one('SELECT count(*) AS n FROM classification_codes'),
  };
}
