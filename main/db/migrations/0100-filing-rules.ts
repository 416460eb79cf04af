// Filing and retention rules of issue 13: the scheme a record's code belongs to (600 exists in both
// Permendagri 83/2022 and 78/2012), codes an admin adds locally, the physical location as ruang /
// lemari or rak / boks / folder (today's free text is kept word for word and also read into the new
// fields where it names them), the regional archives agency's (LKD) participation in a destruction
// of ten years or more, and the scans a destruction dossier holds (SK panitia, approval letters,
// the wet-signed berita acara). Existing rows keep every value they had.
import type { Db } from '../connection.ts';
import type { Migration } from './index.ts';

/** Reads "Ruang Arsip 2, Rak 3, Boks 12, Folder 4" (any order, any separators) into its parts. */
export function parseLocationText(text: string | null): { room: string | null; shelf: string | null; box: string | null; folder: string | null } {
  const out = { room: null as string | null, shelf: null as string | null, box: null as string | null, folder: null as string | null };
  if (!text) return out;
  const parts = text.split(/[,;/|]+/).map((p) => p.trim()).filter(Boolean);
  for (const part of parts) {
    const m = /^(ruang(?:an)?|room|lemari|rak|shelf|cabinet|bo[kx]s?|box|folder|map|sampul)\b\.?\s*(.*)$/i.exec(part);
    if (!m) continue;
    const key = m[1]!.toLowerCase();
    const value = (key.startsWith('ruang') || key === 'room' ? part : m[2]!.trim()) || null;
    if (key.startsWith('ruang') || key === 'room') out.room ??= value;
    else if (key === 'lemari' || key === 'rak' || key === 'shelf' || key === 'cabinet') out.shelf ??= part;
    else if (key.startsWith('bok') || key.startsWith('box')) out.box ??= value;
    else out.folder ??= value;
  }
  return out;
}

function backfillLocations(db: Db, table: 'files' | 'records'): void {
  const rows = db.prepare(`SELECT id, location FROM ${table} WHERE location IS NOT NULL AND trim(location) <> ''`).all() as { id: number; location: string }[];
  const update = db.prepare(`UPDATE ${table} SET location_room = ?, location_shelf = ?, location_box = ?, location_folder = ? WHERE id = ?`);
  for (const r of rows) {
    const p = parseLocationText(r.location);
    update.run(p.room, p.shelf, p.box, p.folder, r.id);
  }
}

export const m0100FilingRules: Migration = {
  version: 100,
  name: 'filing-rules',
  up(db) {
    db.exec(`
      ALTER TABLE records ADD COLUMN classification_scheme TEXT;      -- the scheme name the code was chosen from
      ALTER TABLE classification_codes ADD COLUMN local INTEGER NOT NULL DEFAULT 0 CHECK (local IN (0,1));
      ALTER TABLE classification_codes ADD COLUMN added_by TEXT;      -- local codes: who added it, and when
      ALTER TABLE classification_codes ADD COLUMN added_at TEXT;

      ALTER TABLE files ADD COLUMN location_room TEXT;
      ALTER TABLE files ADD COLUMN location_shelf TEXT;              -- lemari or rak
      ALTER TABLE files ADD COLUMN location_box TEXT;
      ALTER TABLE files ADD COLUMN location_folder TEXT;
      ALTER TABLE records ADD COLUMN location_room TEXT;
      ALTER TABLE records ADD COLUMN location_shelf TEXT;
      ALTER TABLE records ADD COLUMN location_box TEXT;
      ALTER TABLE records ADD COLUMN location_folder TEXT;
      CREATE INDEX files_box ON files (location_box, location_folder) WHERE location_box IS NOT NULL;
      CREATE INDEX files_number ON files (file_number) WHERE file_number IS NOT NULL;

      -- Destruction of records kept ten years or more is carried out with the regional archives
      -- agency (lembaga kearsipan daerah); its letter is recorded before execution. Evidence: never
      -- changed, never deleted.
      CREATE TABLE disposition_lkd (
        case_id       INTEGER PRIMARY KEY REFERENCES disposition_cases(id) ON DELETE RESTRICT,
        agency        TEXT NOT NULL,
        letter_number TEXT NOT NULL,
        letter_date   TEXT NOT NULL,
        officer       TEXT,
        recorded_by   TEXT NOT NULL,
        recorded_at   TEXT NOT NULL
      ) STRICT;
      CREATE TRIGGER disposition_lkd_no_update BEFORE UPDATE ON disposition_lkd
        BEGIN SELECT RAISE(ABORT, 'recorded LKD participation cannot be changed'); END;
      CREATE TRIGGER disposition_lkd_no_delete BEFORE DELETE ON disposition_lkd
        BEGIN SELECT RAISE(ABORT, 'recorded LKD participation cannot be deleted'); END;

      -- Scans added to a case's dossier; the document itself is stored and hashed like any other.
      CREATE TABLE disposition_attachments (
        id          INTEGER PRIMARY KEY,
        case_id     INTEGER NOT NULL REFERENCES disposition_cases(id) ON DELETE RESTRICT,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE RESTRICT,
        kind        TEXT NOT NULL CHECK (kind IN ('sk-panitia','pertimbangan-panitia','persetujuan','penetapan','ba-ttd-basah','daftar-ttd-basah','lainnya')),
        note        TEXT,
        added_by    TEXT NOT NULL,
        added_at    TEXT NOT NULL
      ) STRICT;
      CREATE INDEX disposition_attachments_case ON disposition_attachments (case_id, id);
      CREATE TRIGGER disposition_attachments_no_delete BEFORE DELETE ON disposition_attachments
        BEGIN SELECT RAISE(ABORT, 'dossier attachments are kept with their case'); END;
    `);
    // The scheme of each coded record: the one scheme that has its code; when several do, the one
    // imported last (the newer scheme); null when no imported scheme has it.
    db.exec(`
      UPDATE records SET classification_scheme = (
        SELECT s.name FROM classification_codes c JOIN schemes s ON s.id = c.scheme_id
        WHERE c.code = records.classification_code ORDER BY s.id DESC LIMIT 1)
      WHERE classification_code IS NOT NULL;
    `);
    backfillLocations(db, 'files');
    backfillLocations(db, 'records');
  },
};
