// Local accounts (users, roles, login throttle), public-information exemptions (uji konsekuensi),
// the four-eyes publication proposals, the queue of DIP changes, and the indexes behind the
// Publikasi and Audit lists. Four-eyes is also a CHECK here, so no code path can approve its own
// proposal.
import type { Migration } from './index.ts';

export const m0050AccountsPublication: Migration = {
  version: 50,
  name: 'accounts-publication',
  up(db) {
    db.exec(`
      CREATE TABLE users (
        id                  INTEGER PRIMARY KEY,
        name                TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(name) BETWEEN 2 AND 32),
        display_name        TEXT NOT NULL,
        password_hash       TEXT NOT NULL CHECK (password_hash LIKE 'scrypt$%'), -- scrypt$N$r$p$salt$hash
        disabled_at         TEXT,
        last_login_at       TEXT,
        password_changed_at TEXT NOT NULL,
        created_at          TEXT NOT NULL,
        updated_at          TEXT NOT NULL
      ) STRICT;

      CREATE TABLE user_roles (
        user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        role    TEXT NOT NULL CHECK (role IN ('staff','supervisor','admin')),
        PRIMARY KEY (user_id, role)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX user_roles_role ON user_roles (role, user_id);

      -- Failed logins per user name (lower-cased), so the delay survives a restart and the CLI.
      CREATE TABLE login_throttle (
        name            TEXT PRIMARY KEY,
        failures        INTEGER NOT NULL CHECK (failures >= 0),
        last_failure_at TEXT NOT NULL,
        blocked_until   TEXT
      ) STRICT;

      -- Uji konsekuensi: one open exemption per record; ended ones stay as history.
      CREATE TABLE exemptions (
        id              INTEGER PRIMARY KEY,
        record_id       INTEGER NOT NULL REFERENCES records(id) ON DELETE RESTRICT,
        information     TEXT NOT NULL CHECK (length(information) > 0),
        ground          TEXT NOT NULL CHECK (ground IN ('a','b','c','d','e','f','g','h','i','j')),
        harm            TEXT NOT NULL CHECK (length(harm) > 0),
        exempt_until    TEXT,                    -- last exempt day; NULL = permanent (Pasal 17 g, h only)
        decision_number TEXT NOT NULL CHECK (length(decision_number) > 0),
        decision_date   TEXT NOT NULL,
        recorded_by     TEXT NOT NULL,
        recorded_at     TEXT NOT NULL,
        ended_at        TEXT,
        ended_reason    TEXT CHECK (ended_reason IN ('lapsed','reclassified')),
        CHECK (exempt_until IS NOT NULL OR ground IN ('g','h')),
        CHECK ((ended_at IS NULL) = (ended_reason IS NULL))
      ) STRICT;
      CREATE UNIQUE INDEX exemptions_open ON exemptions (record_id) WHERE ended_at IS NULL;
      CREATE INDEX exemptions_due ON exemptions (exempt_until) WHERE ended_at IS NULL;
      CREATE INDEX exemptions_record ON exemptions (record_id, id);

      CREATE TABLE publication_proposals (
        id                         INTEGER PRIMARY KEY,
        record_id                  INTEGER NOT NULL REFERENCES records(id) ON DELETE RESTRICT,
        state                      TEXT NOT NULL CHECK (state IN ('proposed','approved','rejected','cancelled','withdrawn')),
        note                       TEXT,
        proposed_by                TEXT NOT NULL,
        proposed_by_id             INTEGER NOT NULL REFERENCES users(id),
        proposed_at                TEXT NOT NULL,
        decided_by                 TEXT,
        decided_by_id              INTEGER REFERENCES users(id),
        decided_at                 TEXT,
        decision_comment           TEXT,
        personal_data_hits         INTEGER,
        personal_data_acknowledged INTEGER NOT NULL DEFAULT 0 CHECK (personal_data_acknowledged IN (0,1)),
        publish_outbox_id          INTEGER REFERENCES outbox(id),
        withdrawn_by               TEXT,
        withdrawn_at               TEXT,
        withdraw_comment           TEXT,
        withdraw_outbox_id         INTEGER REFERENCES outbox(id),
        CHECK (state = 'proposed' OR decided_at IS NOT NULL),
        CHECK (state NOT IN ('approved','withdrawn') OR publish_outbox_id IS NOT NULL),
        CHECK (state <> 'withdrawn' OR withdraw_outbox_id IS NOT NULL),
        -- four eyes: whoever approves or rejects is not who proposed
        CHECK (state NOT IN ('approved','rejected','withdrawn') OR decided_by_id <> proposed_by_id)
      ) STRICT;
      CREATE UNIQUE INDEX publication_open ON publication_proposals (record_id) WHERE state IN ('proposed','approved');
      CREATE INDEX publication_state ON publication_proposals (state, id);
      CREATE INDEX publication_record ON publication_proposals (record_id, id);

      -- Changes the DIP has not yet absorbed (the PPID sends DIP updates to the PPID utama).
      CREATE TABLE dip_changes (
        id         INTEGER PRIMARY KEY,
        record_id  INTEGER NOT NULL REFERENCES records(id) ON DELETE RESTRICT,
        reason     TEXT NOT NULL CHECK (reason IN ('classified','exempted','exemption-lapsed','exemption-ended')),
        detail     TEXT,
        created_at TEXT NOT NULL,
        done_by    TEXT,
        done_at    TEXT
      ) STRICT;
      CREATE INDEX dip_changes_open ON dip_changes (id) WHERE done_at IS NULL;

      CREATE INDEX records_public_category ON records (public_category, id);
      CREATE INDEX audit_action ON audit_log (action, at);
    `);
  },
};
