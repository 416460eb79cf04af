// The outbox learns one more state, 'cancelled': a publish item that must never be sent any more
// because its approval was withdrawn before it reached the portal (a parked or waiting publish
// used to survive the withdrawal and go out on the next retry). SQLite cannot change a CHECK in
// place, so the table is rebuilt under the same name; foreign keys from publication_proposals and
// portal_receipts are deferred to the end of the migration's transaction and hold again there,
// because every row comes back with its id.
import type { Migration } from './index.ts';

export const m0120OutboxCancelled: Migration = {
  version: 120,
  name: 'outbox-cancelled',
  up(db) {
    db.pragma('defer_foreign_keys = ON');
    db.exec(`
      CREATE TEMP TABLE outbox_copy AS SELECT * FROM outbox;
      DROP TABLE outbox;
      CREATE TABLE outbox (
        id              INTEGER PRIMARY KEY,
        record_id       INTEGER NOT NULL REFERENCES records(id) ON DELETE RESTRICT,
        kind            TEXT NOT NULL CHECK (kind IN ('publish','withdraw')),
        payload         TEXT NOT NULL CHECK (json_valid(payload)),
        state           TEXT NOT NULL DEFAULT 'waiting' CHECK (state IN ('waiting','pushing','done','parked','cancelled')),
        attempts        INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT,
        last_error      TEXT,
        created_at      TEXT NOT NULL,
        done_at         TEXT
      ) STRICT;
      INSERT INTO outbox (id, record_id, kind, payload, state, attempts, next_attempt_at, last_error, created_at, done_at)
        SELECT id, record_id, kind, payload, state, attempts, next_attempt_at, last_error, created_at, done_at FROM outbox_copy ORDER BY id;
      DROP TABLE outbox_copy;
      CREATE INDEX outbox_due ON outbox (state, next_attempt_at);
      CREATE INDEX outbox_record ON outbox (record_id, id);
      CREATE INDEX outbox_waiting ON outbox (id) WHERE state = 'waiting';

      -- The leak this state closes, in archives that already have it: a publish not yet sent whose
      -- record has no approval standing behind it (withdrawn since) can never be sent again.
      UPDATE outbox SET state = 'cancelled', done_at = strftime('%Y-%m-%dT%H:%M:%fZ'), next_attempt_at = NULL,
             last_error = json_object(
               'id', 'Dibatalkan: publikasi arsip ini ditarik sebelum terkirim ke portal; item ini tidak akan pernah dikirim.',
               'en', 'Cancelled: the publication of this record was withdrawn before it reached the portal; this item will never be sent.')
       WHERE kind = 'publish' AND state IN ('waiting','parked')
         AND NOT EXISTS (SELECT 1 FROM publication_proposals p
                          WHERE p.record_id = outbox.record_id AND p.state = 'approved' AND p.publish_outbox_id <= outbox.id);
    `);
  },
};
