// A version per record (issue 17, item 4): every write of a record adds one, so a save made from
// what the user saw when the form opened can say "someone changed this meanwhile" instead of
// overwriting it. archive/records.ts is the only writer of records and bumps it in each UPDATE.
import type { Migration } from './index.ts';

export const m0350RecordVersion: Migration = {
  version: 350,
  name: 'record-version',
  up(db) {
    db.exec('ALTER TABLE records ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version > 0)');
  },
};
