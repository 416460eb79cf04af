// Berkala information (UU 14/2008 Pasal 9) is published at least every six months. Each time the
// PPID refreshes such an item — a new semester report uploaded, the figures brought up to date —
// it is recorded here, so the app can list the items not refreshed for six months. Rows are
// evidence: never changed, never deleted. No existing row changes.
import type { Migration } from './index.ts';

export const m0171BerkalaRefreshes: Migration = {
  version: 171,
  name: 'berkala-refreshes',
  up(db) {
    db.exec(`
      CREATE TABLE berkala_refreshes (
        id           INTEGER PRIMARY KEY,
        record_id    INTEGER NOT NULL REFERENCES records(id) ON DELETE RESTRICT,
        refreshed_on TEXT NOT NULL,            -- YYYY-MM-DD, the day the information was brought up to date
        note         TEXT NOT NULL CHECK (length(trim(note)) > 0),
        recorded_by  TEXT NOT NULL,
        recorded_at  TEXT NOT NULL
      ) STRICT;
      CREATE INDEX berkala_refreshes_record ON berkala_refreshes (record_id, refreshed_on);
      CREATE TRIGGER berkala_refreshes_no_update BEFORE UPDATE ON berkala_refreshes
        BEGIN SELECT RAISE(ABORT, 'a recorded refresh cannot be changed'); END;
      CREATE TRIGGER berkala_refreshes_no_delete BEFORE DELETE ON berkala_refreshes
        BEGIN SELECT RAISE(ABORT, 'a recorded refresh cannot be deleted'); END;
    `);
  },
};
