// The drop folder's history (drop_folder_log, migration 0180): what became of each file taken from
// a watched folder and where its source went. Owned here; the watcher writes it, screens and the
// CLI read it. A row of an imported file is written inside the import's own commit (inCommit), so
// history and records never disagree after a crash.
import type { Db } from '../db/connection.ts';
import { sql } from '../db/statements.ts';
import { visibleRecordIdSql, type Viewer } from '../clearance/viewer.ts';

export type DropStatus = 'imported' | 'duplicate' | 'rejected';

export interface DropEntry {
  id: number;
  folder: string;
  fileName: string;
  size: number;
  status: DropStatus;
  recordId: number | null;
  reason: string | null;
  /** The reason as a person reads it, in both languages (null on rows older than migration 0290). */
  message: { id: string; en: string } | null;
  movedTo: string | null;
  at: string;
}

interface Row {
  id: number;
  folder: string;
  file_name: string;
  size: number;
  status: DropStatus;
  record_id: number | null;
  reason: string | null;
  reason_id: string | null;
  moved_to: string | null;
  at: string;
}

const view = (r: Row): DropEntry => ({
  id: r.id,
  folder: r.folder,
  fileName: r.file_name,
  size: r.size,
  status: r.status,
  recordId: r.record_id,
  reason: r.reason,
  message: r.reason !== null && r.reason_id !== null ? { id: r.reason_id, en: r.reason } : null,
  movedTo: r.moved_to,
  at: r.at,
});

/** `reasonId` is the Indonesian of `reason` (which stays English for scripts and the CLI). */
export function addEntry(db: Db, entry: Omit<DropEntry, 'id' | 'movedTo' | 'at' | 'message'> & { reasonId?: string | null; at?: string }): number {
  const info = sql(db, 'INSERT INTO drop_folder_log (folder, file_name, size, status, record_id, reason, reason_id, moved_to, at) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?)').run(
    entry.folder,
    entry.fileName,
    entry.size,
    entry.status,
    entry.recordId,
    entry.reason,
    entry.reason === null ? null : (entry.reasonId ?? null),
    entry.at ?? new Date().toISOString(),
  );
  return Number(info.lastInsertRowid);
}

/** Says where the source is about to be moved, so a crash right after the move can be told apart. */
export function markPlanned(db: Db, id: number, planned: string): void {
  sql(db, 'UPDATE drop_folder_log SET planned = ? WHERE id = ?').run(planned, id);
}

/** Entries whose move was planned but not confirmed (a crash between the rename and its record). */
export function plannedMoves(db: Db, folder: string): { id: number; fileName: string; planned: string }[] {
  return sql(db, 'SELECT id, file_name AS fileName, planned FROM drop_folder_log WHERE folder = ? AND moved_to IS NULL AND planned IS NOT NULL').all(folder) as {
    id: number;
    fileName: string;
    planned: string;
  }[];
}

export function markMoved(db: Db, id: number, movedTo: string): void {
  sql(db, 'UPDATE drop_folder_log SET moved_to = ? WHERE id = ?').run(movedTo, id);
}

export function entryById(db: Db, id: number): DropEntry | null {
  const row = sql(db, 'SELECT * FROM drop_folder_log WHERE id = ?').get(id) as Row | undefined;
  return row ? view(row) : null;
}

/** The entry of a file that was taken but whose source was not moved yet (a crash in between). */
export function unmovedEntry(db: Db, folder: string, fileName: string): DropEntry | null {
  const row = sql(db, 'SELECT * FROM drop_folder_log WHERE folder = ? AND file_name = ? AND moved_to IS NULL ORDER BY id DESC LIMIT 1').get(folder, fileName) as Row | undefined;
  return row ? view(row) : null;
}

/**
 * The latest entries. With a viewer, an entry whose record lies above their clearance is left
 * out: its file name is the record's document name, which they may not see.
 */
export function recentEntries(db: Db, options: { folder?: string; limit?: number; viewer?: Viewer } = {}): DropEntry[] {
  const limit = Math.min(Math.max(options.limit ?? 200, 1), 1000);
  const visible = options.viewer ? `(record_id IS NULL OR ${visibleRecordIdSql(options.viewer, 'record_id')})` : '1';
  const rows = options.folder
    ? (db.prepare(`SELECT * FROM drop_folder_log WHERE folder = ? AND ${visible} ORDER BY at DESC, id DESC LIMIT ?`).all(options.folder, limit) as Row[])
    : (db.prepare(`SELECT * FROM drop_folder_log WHERE ${visible} ORDER BY at DESC, id DESC LIMIT ?`).all(limit) as Row[]);
  return rows.map(view);
}
