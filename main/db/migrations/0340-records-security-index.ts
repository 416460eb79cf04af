// The records list counts what the caller may see (its total) on every page: for anyone below full
// clearance that is `security_class IN (…)`, which without an index read the whole table (50 ms at
// 100k records, 58× the list's own page). An index on the class makes it an index-only count.
import type { Migration } from './index.ts';

export const m0340RecordsSecurityIndex: Migration = {
  version: 340,
  name: 'records-security-index',
  up(db) {
    db.exec('CREATE INDEX IF NOT EXISTS records_security ON records (security_class, id)');
  },
};
