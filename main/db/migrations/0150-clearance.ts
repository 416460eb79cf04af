// Clearance: each user's highest security class (users.clearance), and the history of every
// record's security class (record_class_changes) so a downgrade is visible on the approval screen
// and whoever lowered a class can be kept from approving that record's publication.
// Existing accounts: admins and supervisors keep seeing everything (they did before); everyone
// else starts at 'terbatas'. The class history is rebuilt from the audit trail's record edits.
import type { Migration } from './index.ts';

export const m0150Clearance: Migration = {
  version: 150,
  name: 'clearance',
  up(db) {
    db.exec(`
      ALTER TABLE users ADD COLUMN clearance TEXT NOT NULL DEFAULT 'terbatas'
        CHECK (clearance IN ('biasa','terbatas','rahasia','sangat-rahasia'));
      UPDATE users SET clearance = 'sangat-rahasia'
        WHERE id IN (SELECT user_id FROM user_roles WHERE role IN ('admin','supervisor'));

      CREATE TABLE record_class_changes (
        id            INTEGER PRIMARY KEY,
        record_id     INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
        from_class    TEXT NOT NULL CHECK (from_class IN ('biasa','terbatas','rahasia','sangat-rahasia')),
        to_class      TEXT NOT NULL CHECK (to_class IN ('biasa','terbatas','rahasia','sangat-rahasia')),
        changed_by    TEXT NOT NULL,
        changed_by_id INTEGER REFERENCES users(id),   -- NULL for the system or a name no longer known
        changed_at    TEXT NOT NULL,
        CHECK (from_class <> to_class)
      ) STRICT;
      CREATE INDEX record_class_changes_record ON record_class_changes (record_id, id);

      INSERT INTO record_class_changes (record_id, from_class, to_class, changed_by, changed_by_id, changed_at)
        SELECT CAST(a.entity_id AS INTEGER), json_extract(a.before, '$.securityClass'), json_extract(a.after, '$.securityClass'),
               a.actor, (SELECT u.id FROM users u WHERE u.name = a.actor), a.at
        FROM audit_log a
        WHERE a.entity = 'record' AND a.action IN ('record.update', 'record.bulk-update')
          AND json_valid(a.before) AND json_valid(a.after)
          AND json_extract(a.before, '$.securityClass') IN ('biasa','terbatas','rahasia','sangat-rahasia')
          AND json_extract(a.after, '$.securityClass') IN ('biasa','terbatas','rahasia','sangat-rahasia')
          AND json_extract(a.before, '$.securityClass') <> json_extract(a.after, '$.securityClass')
          AND EXISTS (SELECT 1 FROM records r WHERE r.id = CAST(a.entity_id AS INTEGER))
        ORDER BY a.id;
    `);
  },
};
