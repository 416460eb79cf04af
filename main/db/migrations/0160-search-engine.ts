// The ranked-search index beside the FTS5 table; main/search/engine/store.ts owns these tables and
// docs/search.md explains them. An archive that already has FTS5 rows is marked for a rebuild,
// which runs before the first search (search/engine/store.ts prepareIndex).
import type { Migration } from './index.ts';

export const m0160SearchEngine: Migration = {
  version: 160,
  name: 'search-engine',
  up(db) {
    db.exec(`
  CREATE TABLE search_terms (
    id   INTEGER PRIMARY KEY,
    term TEXT NOT NULL UNIQUE,       -- a folded word, or '~' + its Snowball stem
    df   INTEGER NOT NULL DEFAULT 0  -- units holding it in blocks (the delta adds its own rows)
  ) STRICT;
  -- Postings of one term for uids first_uid..last_uid: varint uid gaps and term counts.
  -- bound = the best tfNorm of any posting in the block (with state.avgdl), so a block whose
  -- bound cannot reach the current top k is never read.
  CREATE TABLE search_blocks (
    term_id   INTEGER NOT NULL,
    last_uid  INTEGER NOT NULL,
    first_uid INTEGER NOT NULL,
    n         INTEGER NOT NULL,
    bound     REAL NOT NULL,
    data      BLOB NOT NULL,
    PRIMARY KEY (term_id, last_uid)
  ) STRICT, WITHOUT ROWID;
  -- Postings written since the term's last block; always of higher uids than its blocks.
  CREATE TABLE search_delta (
    term_id INTEGER NOT NULL,
    uid     INTEGER NOT NULL,
    tf      INTEGER NOT NULL,
    PRIMARY KEY (term_id, uid)
  ) STRICT, WITHOUT ROWID;
  -- One unit per FTS5 row; uids only grow, so a replaced row gets a new uid and the old one dies.
  CREATE TABLE search_units (
    uid       INTEGER PRIMARY KEY AUTOINCREMENT,
    fts_rowid INTEGER NOT NULL UNIQUE,
    record_id INTEGER NOT NULL,
    len       INTEGER NOT NULL
  );
  CREATE INDEX search_units_record ON search_units (record_id);
  -- Units removed whose postings blocks still hold (skipped by readers until a rebuild).
  CREATE TABLE search_dead (seq INTEGER PRIMARY KEY AUTOINCREMENT, uid INTEGER NOT NULL);
  -- Records whose filter columns changed: readers refresh their copy of those rows.
  CREATE TABLE search_changes (seq INTEGER PRIMARY KEY AUTOINCREMENT, record_id INTEGER NOT NULL);
  CREATE TRIGGER search_changes_insert AFTER INSERT ON records
    BEGIN INSERT INTO search_changes (record_id) VALUES (NEW.id); END;
  CREATE TRIGGER search_changes_update AFTER UPDATE OF code_sort, classification_code, letter_date, status, medium, security_class, file_id ON records
    BEGIN INSERT INTO search_changes (record_id) VALUES (NEW.id); END;
  CREATE TRIGGER search_changes_delete AFTER DELETE ON records
    BEGIN INSERT INTO search_changes (record_id) VALUES (OLD.id); END;
  -- epoch: bumped by a rebuild (readers reload); avgdl: the length norm blocks were scored with.
  CREATE TABLE search_state (key TEXT PRIMARY KEY, value REAL NOT NULL) STRICT;
  INSERT INTO search_state (key, value) VALUES ('epoch', 1), ('avgdl', 0);
  -- Records whose metadata row in search_index may have changed (archive/records writes that row
  -- in the record's transaction; these triggers note it in the same transaction). The engine
  -- applies the list before it answers, so no search ever reads a stale metadata unit.
  CREATE TABLE search_pending (record_id INTEGER PRIMARY KEY) STRICT;
  CREATE TRIGGER search_pending_insert AFTER INSERT ON records
    BEGIN INSERT OR IGNORE INTO search_pending (record_id) VALUES (NEW.id); END;
  CREATE TRIGGER search_pending_update AFTER UPDATE ON records
    BEGIN INSERT OR IGNORE INTO search_pending (record_id) VALUES (NEW.id); END;
  CREATE TRIGGER search_pending_delete AFTER DELETE ON records
    BEGIN INSERT OR IGNORE INTO search_pending (record_id) VALUES (OLD.id); END;
  CREATE TRIGGER search_pending_document AFTER INSERT ON documents
    BEGIN INSERT OR IGNORE INTO search_pending (record_id) VALUES (NEW.record_id); END;
  CREATE TRIGGER search_pending_document_update AFTER UPDATE OF original_name, record_id ON documents
    BEGIN INSERT OR IGNORE INTO search_pending (record_id) VALUES (NEW.record_id); END;
      INSERT INTO search_state (key, value) VALUES ('rebuild', 1);
    `);
  },
};
