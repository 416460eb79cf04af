// The drop folder's history ("folder pantau"): one row per file that was taken from a watched
// folder — imported, a duplicate of what the archive holds, or rejected with the reason — and
// where the source file was moved. A row of an imported file is written in the same transaction
// as its record, with moved_to NULL until the source has been moved: after a crash, a file still
// in the folder whose row says "imported, not moved" is finished, not imported again; one already
// at the row's planned place is recorded as moved there.
import type { Migration } from './index.ts';

export const m0180DropFolder: Migration = {
  version: 180,
  name: 'drop-folder',
  up(db) {
    db.exec(`
      CREATE TABLE drop_folder_log (
        id        INTEGER PRIMARY KEY,
        folder    TEXT NOT NULL,      -- the watched folder, as configured
        file_name TEXT NOT NULL,      -- the name the file had in it
        size      INTEGER NOT NULL,
        status    TEXT NOT NULL CHECK (status IN ('imported','duplicate','rejected')),
        record_id INTEGER,            -- the record it became, or the one it duplicates
        reason    TEXT,               -- why it was rejected, or whose duplicate it is
        planned   TEXT,               -- where the source is being moved (set just before the move)
        moved_to  TEXT,               -- where the source went, relative to the folder; NULL while pending
        at        TEXT NOT NULL
      ) STRICT;
      CREATE INDEX drop_folder_log_unmoved ON drop_folder_log (folder, file_name) WHERE moved_to IS NULL;
      CREATE INDEX drop_folder_log_recent ON drop_folder_log (at DESC, id DESC);
    `);
  },
};
