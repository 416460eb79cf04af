// Counts for `berkas stats`, the About panel and the dashboard (the SQL is archive/queries.ts's).
import type { Db } from '../db/connection.ts';
import type { Viewer } from '../clearance/viewer.ts';
import { recordCount, visibleCounts } from './queries.ts';

export { recordCount };

export interface ArchiveStats {
  records: number;
  documents: number;
  files: number;
  storeBytes: number;
  byExtractStatus: Record<string, number>;
  codes: number;
}

/** Counts of what the viewer may see (records above their clearance are not counted). */
export function archiveStats(db: Db, viewer: Viewer): ArchiveStats {
  const counts = visibleCounts(db, viewer);
  const byExtractStatus: Record<string, number> = {};
  for (const row of counts.byExtractStatus) byExtractStatus[row.s] = row.n;
  return { records: recordCount(db, viewer), documents: counts.documents, files: counts.files, storeBytes: counts.storeBytes, byExtractStatus, codes: counts.codes };
}
