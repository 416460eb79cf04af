// The ranked-search index beside the FTS5 table; main/search/engine/store.ts owns these tables and
// docs/search.md explains them. Every archive is marked for a rebuild, which runs before the first
// search (search/engine/store.ts applyPending): an archive from before the engine has FTS5 rows.
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
  -- Postings of small writes (a record edited), not yet in blocks; always of higher uids than
  -- the term's blocks.
  CREATE TABLE search_delta (
    term_id INTEGER NOT NULL,
    uid     INTEGER NOT NULL,
    tf      INTEGER NOT NULL,
    PRIMARY KEY (term_id, uid)
  ) STRICT, WITHOUT ROWID;
  -- One unit per FTS5 row; uids only grow (AUTOINCREMENT never reuses one), so a replaced row gets
  -- a new uid and postings of the old one can never be taken for the new. hash: of the row's
  -- text, so a row written again with the same text keeps its unit.
  CREATE TABLE search_units (
    uid       INTEGER PRIMARY KEY AUTOINCREMENT,
    fts_rowid INTEGER NOT NULL UNIQUE,
    record_id INTEGER NOT NULL,
    len       INTEGER NOT NULL,
    hash      INTEGER NOT NULL
  );
  -- Units removed whose postings blocks still hold (skipped by readers until a rebuild).
  -- seq only grows between rebuilds, and a rebuild bumps the epoch, so readers reload.
  CREATE TABLE search_dead (seq INTEGER PRIMARY KEY, uid INTEGER NOT NULL) STRICT;
  -- Records whose filter columns changed: readers refresh their copy of those rows.
  CREATE TABLE search_changes (seq INTEGER PRIMARY KEY, record_id INTEGER NOT NULL) STRICT;
  -- epoch: bumped by a rebuild (readers reload); avgdl: the length norm blocks were scored with.
  CREATE TABLE search_state (key TEXT PRIMARY KEY, value REAL NOT NULL) STRICT;
  INSERT INTO search_state (key, value) VALUES ('epoch', 1), ('avgdl', 0), ('rebuild', 1);
  -- FTS5 rows written since the index last caught up, by row id. The writer of an FTS5 row notes
  -- it in the same transaction: search/ for document pages; for a record's metadata row, which
  -- archive/records writes (and archive/ may not call search/), the triggers below. The engine
  -- applies the list in batches before it answers, so no search reads a stale unit, and a crash
  -- loses nothing: the list commits or rolls back with the rows it names.
  CREATE TABLE search_pending (fts_rowid INTEGER PRIMARY KEY) STRICT;
  CREATE TRIGGER search_record_insert AFTER INSERT ON records BEGIN
    INSERT INTO search_changes (record_id) VALUES (NEW.id);
    INSERT OR IGNORE INTO search_pending (fts_rowid) VALUES (NEW.id);
  END;
  CREATE TRIGGER search_record_filter AFTER UPDATE OF code_sort, classification_code, letter_date, status, medium, security_class, file_id ON records
    BEGIN INSERT INTO search_changes (record_id) VALUES (NEW.id); END;
  CREATE TRIGGER search_record_update AFTER UPDATE ON records
    BEGIN INSERT OR IGNORE INTO search_pending (fts_rowid) VALUES (NEW.id); END;
  CREATE TRIGGER search_record_delete AFTER DELETE ON records BEGIN
    INSERT INTO search_changes (record_id) VALUES (OLD.id);
    INSERT OR IGNORE INTO search_pending (fts_rowid) VALUES (OLD.id);
  END;
  CREATE TRIGGER search_document_insert AFTER INSERT ON documents
    BEGIN INSERT OR IGNORE INTO search_pending (fts_rowid) VALUES (NEW.record_id); END;
  CREATE TRIGGER search_document_update AFTER UPDATE OF original_name, record_id ON documents BEGIN
    INSERT OR IGNORE INTO search_pending (fts_rowid) VALUES (NEW.record_id);
    INSERT OR IGNORE INTO search_pending (fts_rowid) VALUES (OLD.record_id);
  END;
    `);
  },
};
