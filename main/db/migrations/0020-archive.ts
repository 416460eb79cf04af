// The archive core: classification schemes, files (berkas), records, documents, tags, the search
// index, the hash-chained audit log and the portal outbox. Columns that later workflows need
// (retention triggers, public-information category, destruction reference) are here from the start
// so those issues add behaviour, not reshapes of the hottest table.
import type { Migration } from './index.ts';

export const m0020Archive: Migration = {
  version: 20,
  name: 'archive',
  up(db) {
    db.exec(`
      CREATE TABLE schemes (
        id          INTEGER PRIMARY KEY,
        name        TEXT NOT NULL UNIQUE,          -- e.g. 'Permendagri 83/2022'
        source      TEXT,
        imported_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE classification_codes (
        id          INTEGER PRIMARY KEY,
        scheme_id   INTEGER NOT NULL REFERENCES schemes(id) ON DELETE CASCADE,
        code        TEXT NOT NULL,
        sort_key    TEXT NOT NULL,                 -- segments zero-padded: 500.12.2 → 0500.0012.0002
        title       TEXT NOT NULL,
        parent      TEXT,
        depth       INTEGER NOT NULL,
        description TEXT,
        UNIQUE (scheme_id, code)
      ) STRICT;
      CREATE INDEX classification_codes_parent ON classification_codes (parent, sort_key);
      CREATE INDEX classification_codes_sort ON classification_codes (sort_key);

      CREATE TABLE files (
        id                  INTEGER PRIMARY KEY,
        file_number         TEXT,
        classification_code TEXT NOT NULL,
        code_sort           TEXT NOT NULL,
        title               TEXT NOT NULL,
        opened_at           TEXT NOT NULL,        -- YYYY-MM-DD
        closed_at           TEXT,                 -- retention counts from here
        trigger_date        TEXT,                 -- event a JRA rule may count from instead
        location            TEXT,
        created_at          TEXT NOT NULL,
        updated_at          TEXT NOT NULL
      ) STRICT;
      CREATE INDEX files_code ON files (code_sort, id);
      CREATE INDEX files_closed ON files (closed_at);

      CREATE TABLE records (
        id                  INTEGER PRIMARY KEY,
        letter_number       TEXT,
        letter_date         TEXT,
        subject             TEXT NOT NULL,
        description         TEXT,
        creator             TEXT,
        originating_unit    TEXT,
        classification_code TEXT,
        code_sort           TEXT,
        file_id             INTEGER REFERENCES files(id) ON DELETE RESTRICT,
        item_number         INTEGER,
        development_level   TEXT NOT NULL DEFAULT 'asli'
                            CHECK (development_level IN ('asli','salinan','tembusan','konsep','petikan')),
        medium              TEXT NOT NULL DEFAULT 'elektronik'
                            CHECK (medium IN ('tekstual','elektronik','kartografi','audio-visual')),
        count               INTEGER NOT NULL DEFAULT 1 CHECK (count > 0),
        count_unit          TEXT NOT NULL DEFAULT 'lembar',
        condition           TEXT,
        location            TEXT,
        security_class      TEXT NOT NULL DEFAULT 'biasa'
                            CHECK (security_class IN ('biasa','terbatas','rahasia','sangat-rahasia')),
        records_category    TEXT NOT NULL DEFAULT 'umum' CHECK (records_category IN ('vital','terjaga','umum')),
        status              TEXT NOT NULL DEFAULT 'aktif'
                            CHECK (status IN ('aktif','inaktif','permanen','musnah','diserahkan')),
        public_category     TEXT,                 -- KIP category, set by the publication workflow
        destruction_ref     TEXT,                 -- berita acara reference once destroyed
        created_at          TEXT NOT NULL,
        updated_at          TEXT NOT NULL,
        created_by          TEXT NOT NULL
      ) STRICT;
      CREATE INDEX records_code ON records (classification_code);
      CREATE INDEX records_code_sort ON records (code_sort, id);
      CREATE INDEX records_letter_date ON records (letter_date, id);
      CREATE INDEX records_created ON records (created_at, id);
      CREATE INDEX records_subject ON records (subject COLLATE NOCASE, id);
      CREATE INDEX records_status ON records (status, id);
      CREATE INDEX records_file ON records (file_id, item_number);

      CREATE TABLE documents (
        id             INTEGER PRIMARY KEY,
        record_id      INTEGER NOT NULL REFERENCES records(id) ON DELETE RESTRICT,
        role           TEXT NOT NULL CHECK (role IN ('main','attachment')),
        sha256         TEXT NOT NULL UNIQUE,      -- content address in the store; never stored twice
        size           INTEGER NOT NULL,
        mime           TEXT NOT NULL,
        original_name  TEXT NOT NULL,             -- shown to users; never used as a path
        pages          INTEGER,
        extract_status TEXT NOT NULL DEFAULT 'pending'
                       CHECK (extract_status IN ('pending','ok','no-text','password','unreadable','unsupported','timeout')),
        extract_detail TEXT,
        content_removed_at TEXT,                  -- set when a destruction removed the bytes
        imported_at    TEXT NOT NULL
      ) STRICT;
      CREATE INDEX documents_record ON documents (record_id, role);
      CREATE INDEX documents_pending ON documents (extract_status) WHERE extract_status = 'pending';

      CREATE TABLE tags (
        id   INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE
      ) STRICT;
      CREATE TABLE record_tags (
        record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
        tag_id    INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
        PRIMARY KEY (record_id, tag_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX record_tags_tag ON record_tags (tag_id);

      -- One row per record (its metadata, page NULL) and one per document page. Row ids are
      -- assigned, not automatic, so a row is replaced or removed by id without scanning:
      -- a record's metadata row has rowid = record id; a document page has
      -- rowid = 2^40 + document id * 2^16 + page (see main/search/search.ts).
      -- Diacritics folded so 'sekolah' finds 'sekoláh' and the reverse.
      CREATE VIRTUAL TABLE search_index USING fts5 (
        record_id UNINDEXED, document_id UNINDEXED, page UNINDEXED, body,
        tokenize = 'unicode61 remove_diacritics 2'
      );
      -- Append-only and hash-chained: each entry carries the hash of the one before it.
      CREATE TABLE audit_log (
        id        INTEGER PRIMARY KEY,
        at        TEXT NOT NULL,
        actor     TEXT NOT NULL,
        action    TEXT NOT NULL,
        entity    TEXT NOT NULL,
        entity_id TEXT,
        before    TEXT,
        after     TEXT,
        prev_hash TEXT NOT NULL,
        hash      TEXT NOT NULL
      ) STRICT;
      CREATE INDEX audit_entity ON audit_log (entity, entity_id);
      CREATE INDEX audit_actor ON audit_log (actor, at);
      CREATE INDEX audit_at ON audit_log (at);
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

      -- Filled by the publication workflow in the same transaction as an approval; drained by the pusher.
      CREATE TABLE outbox (
        id              INTEGER PRIMARY KEY,
        record_id       INTEGER NOT NULL REFERENCES records(id) ON DELETE RESTRICT,
        kind            TEXT NOT NULL CHECK (kind IN ('publish','withdraw')),
        payload         TEXT NOT NULL CHECK (json_valid(payload)),
        state           TEXT NOT NULL DEFAULT 'waiting' CHECK (state IN ('waiting','pushing','done','parked')),
        attempts        INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT,
        last_error      TEXT,
        created_at      TEXT NOT NULL,
        done_at         TEXT
      ) STRICT;
      CREATE INDEX outbox_due ON outbox (state, next_attempt_at);
    `);
  },
};
