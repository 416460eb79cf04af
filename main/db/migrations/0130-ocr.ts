// OCR of scanned pages: a per-document OCR state on documents (pending / done with the mean
// confidence / failed with the reason / cancelled by a user) and one row per page that needs it,
// holding the recognised words with their boxes so the preview can mark hits on a scan. The page
// text itself goes into the search index like any extracted text; the original file is never touched.
import type { Migration } from './index.ts';

export const m0130Ocr: Migration = {
  version: 130,
  name: 'ocr',
  up(db) {
    db.exec(`
      ALTER TABLE documents ADD COLUMN ocr_status TEXT
        CHECK (ocr_status IS NULL OR ocr_status IN ('pending','done','failed','cancelled'));
      ALTER TABLE documents ADD COLUMN ocr_confidence REAL;   -- mean word confidence 0..100 over the pages read
      ALTER TABLE documents ADD COLUMN ocr_detail TEXT;       -- why it failed, or which pages did
      ALTER TABLE documents ADD COLUMN ocr_languages TEXT;    -- e.g. 'ind+eng', as recognised
      ALTER TABLE documents ADD COLUMN rendition_at TEXT;     -- when the searchable preview PDF was last built
      CREATE INDEX documents_ocr_pending ON documents (id) WHERE ocr_status = 'pending';

      CREATE TABLE ocr_pages (
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        page        INTEGER NOT NULL CHECK (page >= 1),
        status      TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','done','failed')),
        confidence  REAL,
        -- The page in PDF points as the words' coordinates use them (user space of the original
        -- PDF page, or the page Berkas lays an image on).
        width       REAL,
        height      REAL,
        -- JSON [[text, confidence, blx, bly, brx, bry, tlx, tly], ...]: bottom-left, bottom-right
        -- and top-left corners of each word in PDF points (enough for any page rotation).
        words       TEXT CHECK (words IS NULL OR json_valid(words)),
        detail      TEXT,
        dpi         INTEGER,
        done_at     TEXT,
        PRIMARY KEY (document_id, page)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX ocr_pages_pending ON ocr_pages (document_id, page) WHERE status = 'pending';
    `);
  },
};
