// Retention and disposition: JRA versions and their rules, legal holds and what they cover,
// re-appraisal decisions, and the disposition cases (transfer, destruction, handover) with their
// items, approvals and generated documents. Owned by main/retention/; nothing else writes these.
// Holds, approvals and executed cases are evidence: triggers refuse to delete them.
import type { Migration } from './index.ts';

export const m0040Retention: Migration = {
  version: 40,
  name: 'retention',
  up(db) {
    db.exec(`
      CREATE TABLE jra_versions (
        id          INTEGER PRIMARY KEY,
        name        TEXT NOT NULL,
        file_name   TEXT NOT NULL,
        state       TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft','applied','superseded','discarded')),
        rule_count  INTEGER NOT NULL CHECK (rule_count >= 0),
        imported_at TEXT NOT NULL,
        imported_by TEXT NOT NULL,
        applied_at  TEXT,
        applied_by  TEXT
      ) STRICT;
      CREATE INDEX jra_versions_state ON jra_versions (state, id);
      -- Exactly one schedule is in force at a time.
      CREATE UNIQUE INDEX jra_versions_one_applied ON jra_versions (state) WHERE state = 'applied';

      CREATE TABLE jra_rules (
        id              INTEGER PRIMARY KEY,
        version_id      INTEGER NOT NULL REFERENCES jra_versions(id) ON DELETE CASCADE,
        code            TEXT NOT NULL,
        code_sort       TEXT NOT NULL,
        record_type     TEXT NOT NULL,
        active_years    INTEGER NOT NULL CHECK (active_years BETWEEN 0 AND 200),
        inactive_years  INTEGER NOT NULL CHECK (inactive_years BETWEEN 0 AND 200),
        trigger_text    TEXT,
        disposition     TEXT NOT NULL CHECK (disposition IN ('musnah','permanen','dinilai-kembali')),
        disposition_raw TEXT NOT NULL,            -- the JRA's own words, shown whenever a person decides
        conditional     INTEGER NOT NULL CHECK (conditional IN (0,1)),
        note            TEXT,
        source          TEXT,
        line            INTEGER,
        UNIQUE (version_id, code_sort)
      ) STRICT;

      CREATE TABLE legal_holds (
        id          INTEGER PRIMARY KEY,
        name        TEXT NOT NULL,
        reason      TEXT NOT NULL,
        case_ref    TEXT,
        created_by  TEXT NOT NULL,
        created_at  TEXT NOT NULL,
        lifted_at   TEXT,
        lifted_by   TEXT,
        lift_reason TEXT,
        CHECK ((lifted_at IS NULL) = (lifted_by IS NULL) AND (lifted_at IS NULL) = (lift_reason IS NULL))
      ) STRICT;
      CREATE INDEX legal_holds_active ON legal_holds (lifted_at, id);
      CREATE TRIGGER legal_holds_no_delete BEFORE DELETE ON legal_holds
        BEGIN SELECT RAISE(ABORT, 'legal holds are lifted, never deleted'); END;

      CREATE TABLE legal_hold_targets (
        id          INTEGER PRIMARY KEY,
        hold_id     INTEGER NOT NULL REFERENCES legal_holds(id) ON DELETE RESTRICT,
        kind        TEXT NOT NULL CHECK (kind IN ('record','file','code','search')),
        record_id   INTEGER REFERENCES records(id) ON DELETE RESTRICT,
        file_id     INTEGER REFERENCES files(id) ON DELETE RESTRICT,
        code_prefix TEXT,
        query       TEXT CHECK (query IS NULL OR json_valid(query)),  -- a saved search, evaluated whenever asked
        CHECK ((kind = 'record') = (record_id IS NOT NULL)
           AND (kind = 'file') = (file_id IS NOT NULL)
           AND (kind = 'code') = (code_prefix IS NOT NULL)
           AND (kind = 'search') = (query IS NOT NULL))
      ) STRICT;
      CREATE INDEX legal_hold_targets_hold ON legal_hold_targets (hold_id, kind);
      CREATE INDEX legal_hold_targets_record ON legal_hold_targets (record_id) WHERE record_id IS NOT NULL;
      CREATE INDEX legal_hold_targets_file ON legal_hold_targets (file_id) WHERE file_id IS NOT NULL;
      CREATE TRIGGER legal_hold_targets_no_delete BEFORE DELETE ON legal_hold_targets
        BEGIN SELECT RAISE(ABORT, 'legal hold targets are kept with their hold'); END;

      CREATE TABLE reappraisals (
        id             INTEGER PRIMARY KEY,
        file_id        INTEGER NOT NULL REFERENCES files(id) ON DELETE RESTRICT,
        decided_at     TEXT NOT NULL,             -- YYYY-MM-DD; the clock restarts here
        extend_years   INTEGER NOT NULL CHECK (extend_years BETWEEN 0 AND 100),
        disposition    TEXT NOT NULL CHECK (disposition IN ('musnah','permanen','dinilai-kembali')),
        reason         TEXT NOT NULL,
        decision_ref   TEXT,
        jra_version_id INTEGER REFERENCES jra_versions(id),
        previous       TEXT CHECK (previous IS NULL OR json_valid(previous)),
        decided_by     TEXT NOT NULL,
        recorded_at    TEXT NOT NULL
      ) STRICT;
      CREATE INDEX reappraisals_file ON reappraisals (file_id, id);

      CREATE TABLE disposition_cases (
        id                INTEGER PRIMARY KEY,
        kind              TEXT NOT NULL CHECK (kind IN ('transfer','destruction','handover')),
        state             TEXT NOT NULL CHECK (state IN ('draft','appraised','approved','done','rejected','cancelled')),
        title             TEXT NOT NULL,
        jra_version_id    INTEGER REFERENCES jra_versions(id),
        created_by        TEXT NOT NULL,
        created_at        TEXT NOT NULL,
        location          TEXT,                   -- transfer: where the boxes go
        recipient         TEXT,                   -- handover: the archives agency
        ba_number         TEXT,
        ba_date           TEXT,
        method            TEXT,                   -- destruction: how (pencacahan, penghapusan elektronik…)
        parties           TEXT CHECK (parties IS NULL OR json_valid(parties)),  -- signatories and witnesses as entered
        executed_by       TEXT,
        executed_at       TEXT,
        export_path       TEXT,
        dossier_record_id INTEGER REFERENCES records(id) ON DELETE RESTRICT,
        closed_reason     TEXT,
        updated_at        TEXT NOT NULL
      ) STRICT;
      CREATE INDEX disposition_cases_kind ON disposition_cases (kind, state, id);
      CREATE TRIGGER disposition_cases_no_delete BEFORE DELETE ON disposition_cases
        BEGIN SELECT RAISE(ABORT, 'disposition cases are closed, never deleted'); END;

      CREATE TABLE disposition_items (
        id                INTEGER PRIMARY KEY,
        case_id           INTEGER NOT NULL REFERENCES disposition_cases(id) ON DELETE RESTRICT,
        record_id         INTEGER NOT NULL REFERENCES records(id) ON DELETE RESTRICT,
        file_id           INTEGER REFERENCES files(id) ON DELETE RESTRICT,
        snapshot          TEXT NOT NULL CHECK (json_valid(snapshot)),  -- rule, version and dates at proposal
        box_number        TEXT,
        folder_number     TEXT,
        condition_note    TEXT,                   -- why a conditional rule's exception does not apply
        condition_by      TEXT,
        condition_at      TEXT,
        removed_at        TEXT,
        removed_by        TEXT,
        removed_reason    TEXT,
        UNIQUE (case_id, record_id)
      ) STRICT;
      CREATE INDEX disposition_items_record ON disposition_items (record_id, case_id);
      CREATE INDEX disposition_items_case ON disposition_items (case_id, file_id, record_id);

      CREATE TABLE disposition_approvals (
        id            INTEGER PRIMARY KEY,
        case_id       INTEGER NOT NULL REFERENCES disposition_cases(id) ON DELETE RESTRICT,
        authority     TEXT NOT NULL CHECK (authority IN ('atasan','panitia-penilai','kepala-perangkat-daerah','kepala-daerah','anri')),
        letter_number TEXT,
        letter_date   TEXT,
        signed_by     TEXT,
        opinion       TEXT,
        agrees        INTEGER NOT NULL DEFAULT 1 CHECK (agrees IN (0,1)),
        band          TEXT CHECK (band IN ('<10','>=10')),  -- destruction: the retention band the letter was given for
        recorded_by   TEXT NOT NULL,
        recorded_at   TEXT NOT NULL,
        UNIQUE (case_id, authority)
      ) STRICT;
      CREATE TRIGGER disposition_approvals_no_update BEFORE UPDATE ON disposition_approvals
        BEGIN SELECT RAISE(ABORT, 'recorded approvals cannot be changed'); END;
      CREATE TRIGGER disposition_approvals_no_delete BEFORE DELETE ON disposition_approvals
        BEGIN SELECT RAISE(ABORT, 'recorded approvals cannot be deleted'); END;

      CREATE TABLE disposition_documents (
        id          INTEGER PRIMARY KEY,
        case_id     INTEGER REFERENCES disposition_cases(id) ON DELETE RESTRICT,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE RESTRICT,
        kind        TEXT NOT NULL CHECK (kind IN ('daum','ba-pemindahan','ba-pemusnahan','ba-penyerahan')),
        created_by  TEXT NOT NULL,
        created_at  TEXT NOT NULL
      ) STRICT;
      CREATE INDEX disposition_documents_case ON disposition_documents (case_id, id);
      CREATE INDEX disposition_documents_document ON disposition_documents (document_id);
    `);
  },
};
