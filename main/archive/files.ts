// Files (berkas): the records of one matter under one classification code. A file is opened,
// grows, and is closed when the matter ends; retention counts from the close (or from the event
// date a JRA row names). This module owns the files table. It must never let the clock move
// silently: the close date lies between the file's latest record and today, and reopening a closed
// file or changing the event date the clock already runs from takes a supervisor and a reason,
// both in the audit log.
import type { FileLocation, FileView } from '../../preload/contract.ts';
import { appendAudit } from '../audit/log.ts';
import type { Db } from '../db/connection.ts';
import { appError, notFound } from '../errors.ts';
import { assertCode, codeSortKey, subtreeRange } from './codes.ts';
import { resolveScheme } from './schemes.ts';
import { localToday } from '../kernel/clock.ts';

const FILE = { id: 'Berkas', en: 'File' };

interface FileDbRow {
  id: number;
  file_number: string | null;
  classification_code: string;
  title: string;
  opened_at: string;
  closed_at: string | null;
  trigger_date: string | null;
  date_from: string | null;
  date_to: string | null;
  record_count: number;
  location_room: string | null;
  location_shelf: string | null;
  location_box: string | null;
  location_folder: string | null;
}

const SELECT_FILE = `
  SELECT f.id, f.file_number, f.classification_code, f.title, f.opened_at, f.closed_at, f.trigger_date,
         f.location_room, f.location_shelf, f.location_box, f.location_folder,
         (SELECT min(letter_date) FROM records WHERE file_id = f.id) AS date_from,
         (SELECT max(letter_date) FROM records WHERE file_id = f.id) AS date_to,
         (SELECT count(*) FROM records WHERE file_id = f.id) AS record_count
  FROM files f`;

function view(row: FileDbRow): FileView {
  return {
    id: row.id,
    fileNumber: row.file_number,
    classificationCode: row.classification_code,
    title: row.title,
    openedAt: row.opened_at,
    closedAt: row.closed_at,
    dateFrom: row.date_from,
    dateTo: row.date_to,
    recordCount: row.record_count,
    triggerDate: row.trigger_date,
    location: { room: row.location_room, shelf: row.location_shelf, box: row.location_box, folder: row.location_folder },
    labelCode: labelCodeOf(row.id, row.file_number),
  };
}

/** What a file's label QR holds: its number as the office writes it, or BERKAS-<id> when it has none. */
export function labelCodeOf(id: number, fileNumber: string | null): string {
  return fileNumber?.trim() || `BERKAS-${id}`;
}

/**
 * The file a scanned label names: the exact file number first, then BERKAS-<id>. A number two
 * files share is ambiguous and refused with what to do, never guessed.
 */
export function lookupFile(db: Db, code: string): FileView {
  const text = code.trim();
  const rows = db.prepare('SELECT id FROM files WHERE file_number = ? LIMIT 2').pluck().all(text) as number[];
  if (rows.length > 1) {
    throw appError('conflict', `Nomor berkas "${text}" dipakai oleh lebih dari satu berkas; beri nomor yang berbeda lalu cetak ulang labelnya.`, `File number "${text}" is used by more than one file; give them different numbers and print their labels again.`);
  }
  if (rows.length === 1) return getFile(db, rows[0]!);
  const byId = /^BERKAS-(\d{1,12})$/i.exec(text);
  if (byId) {
    const id = Number(byId[1]);
    const row = db.prepare('SELECT file_number FROM files WHERE id = ?').get(id) as { file_number: string | null } | undefined;
    // BERKAS-<id> names only a file without a number (its label says so); once numbered, its new label does.
    if (row && !row.file_number?.trim()) return getFile(db, id);
  }
  throw notFound(FILE, text);
}

const clean = (v: string | null) => (v === null || v.trim() === '' ? null : v.trim());

/** Records where a paper file sits (ruang, lemari/rak, boks, folder); audited with the old place. */
export function setFileLocation(db: Db, id: number, location: FileLocation, actor: string): FileView {
  db.transaction(() => {
    const file = getFile(db, id);
    const next = { room: clean(location.room), shelf: clean(location.shelf), box: clean(location.box), folder: clean(location.folder) };
    if (JSON.stringify(next) === JSON.stringify(file.location)) return;
    const text = [next.room, next.shelf, next.box ? `Boks ${next.box}` : null, next.folder ? `Folder ${next.folder}` : null].filter(Boolean).join(', ') || null;
    db.prepare('UPDATE files SET location_room = ?, location_shelf = ?, location_box = ?, location_folder = ?, location = ?, updated_at = ? WHERE id = ?').run(
      next.room,
      next.shelf,
      next.box,
      next.folder,
      text,
      new Date().toISOString(),
      id,
    );
    appendAudit(db, { actor, action: 'file.location', entity: 'file', entityId: id, before: file.location, after: next });
  })();
  return getFile(db, id);
}

export function getFile(db: Db, id: number): FileView {
  const row = db.prepare(`${SELECT_FILE} WHERE f.id = ?`).get(id) as FileDbRow | undefined;
  if (!row) throw notFound(FILE, id);
  return view(row);
}

export function createFile(
  db: Db,
  input: { classificationCode: string; title: string; fileNumber: string | null; openedAt: string },
  actor: string,
): FileView {
  const code = assertCode(input.classificationCode);
  resolveScheme(db, code);
  if (!input.title.trim()) throw appError('validation', 'Judul berkas wajib diisi.', 'The file title is required.');
  const now = new Date().toISOString();
  const id = db.transaction(() => {
    const info = db
      .prepare(
        `INSERT INTO files (file_number, classification_code, code_sort, title, opened_at, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(input.fileNumber, code, codeSortKey(code), input.title.trim(), input.openedAt, now, now);
    const newId = Number(info.lastInsertRowid);
    appendAudit(db, { actor, action: 'file.create', entity: 'file', entityId: newId, after: { ...input, classificationCode: code }, at: now });
    return newId;
  })();
  return getFile(db, id);
}

/** Who acts, as far as the file rules care: a supervisor may move a clock that has started. */
export interface FileActor {
  actor: string;
  supervisor: boolean;
}

export function closeFile(db: Db, id: number, closedAt: string, actor: string, today = localToday()): FileView {
  db.transaction(() => {
    const file = getFile(db, id);
    if (file.closedAt) throw appError('conflict', `Berkas ${id} sudah ditutup pada ${file.closedAt}.`, `File ${id} was already closed on ${file.closedAt}.`);
    if (closedAt < file.openedAt) {
      throw appError('validation', `Tanggal tutup (${closedAt}) tidak boleh sebelum tanggal buka (${file.openedAt}).`, `The close date (${closedAt}) cannot be before the open date (${file.openedAt}).`);
    }
    if (closedAt > today) {
      throw appError('validation', `Tanggal tutup (${closedAt}) tidak boleh di masa depan (hari ini ${today}); tutup berkas pada hari kegiatannya selesai.`, `The close date (${closedAt}) cannot be in the future (today is ${today}); close the file on the day its matter ended.`);
    }
    if (file.dateTo && closedAt < file.dateTo) {
      throw appError(
        'validation',
        `Tanggal tutup (${closedAt}) lebih awal daripada arsip terakhir dalam berkas (${file.dateTo}); retensi dihitung sejak berkas lengkap, jadi tutup paling cepat ${file.dateTo}.`,
        `The close date (${closedAt}) is before the file's latest record (${file.dateTo}); retention counts from when the file is complete, so close it on ${file.dateTo} or later.`,
      );
    }
    db.prepare('UPDATE files SET closed_at = ?, updated_at = ? WHERE id = ?').run(closedAt, new Date().toISOString(), id);
    appendAudit(db, { actor, action: 'file.close', entity: 'file', entityId: id, before: { closedAt: null }, after: { closedAt } });
  })();
  return getFile(db, id);
}

/** Reopens a closed file: its retention clock stops, so a supervisor decides and says why. */
export function reopenFile(db: Db, id: number, input: { reason: string }, who: FileActor): FileView {
  db.transaction(() => {
    const file = getFile(db, id);
    if (!file.closedAt) throw appError('conflict', `Berkas ${id} masih terbuka.`, `File ${id} is still open.`);
    if (!who.supervisor) {
      throw appError('forbidden', `Berkas ${id} ditutup pada ${file.closedAt} dan retensinya sudah berjalan; hanya atasan yang dapat membukanya kembali.`, `File ${id} was closed on ${file.closedAt} and its retention is running; only a supervisor can reopen it.`);
    }
    if (!input.reason.trim()) throw appError('validation', 'Sebutkan alasan membuka kembali berkas ini.', 'Give the reason for reopening this file.');
    db.prepare('UPDATE files SET closed_at = NULL, updated_at = ? WHERE id = ?').run(new Date().toISOString(), id);
    appendAudit(db, { actor: who.actor, action: 'file.reopen', entity: 'file', entityId: id, before: { closedAt: file.closedAt }, after: { closedAt: null, reason: input.reason.trim() } });
  })();
  return getFile(db, id);
}

/**
 * Records, changes or clears the date of the event a JRA row counts from ("2 tahun setelah tidak
 * berlaku"). The first date of an open or waiting file is staff work; once the file is closed and
 * has a date, the clock runs from it, and moving or clearing it takes a supervisor. Always with a
 * reason, always audited.
 */
export function setTriggerDate(db: Db, id: number, input: { date: string | null; reason: string }, who: FileActor, today = localToday()): FileView {
  db.transaction(() => {
    const file = getFile(db, id);
    if (!input.reason.trim()) throw appError('validation', 'Sebutkan dasar/alasan tanggal peristiwa ini.', 'Give the basis or reason for this event date.');
    if (input.date !== null && input.date > today) {
      throw appError('validation', `Tanggal peristiwa (${input.date}) belum terjadi (hari ini ${today}); catat tanggalnya setelah peristiwa terjadi.`, `The event date (${input.date}) has not happened yet (today is ${today}); record it once the event has happened.`);
    }
    if (input.date === file.triggerDate) return;
    const running = file.closedAt !== null && file.triggerDate !== null;
    if (running && !who.supervisor) {
      throw appError(
        'forbidden',
        `Retensi berkas ${id} sudah berjalan sejak tanggal peristiwa ${file.triggerDate}; hanya atasan yang dapat mengubah atau menghapusnya.`,
        `File ${id}'s retention is already running from the event date ${file.triggerDate}; only a supervisor can change or clear it.`,
      );
    }
    db.prepare('UPDATE files SET trigger_date = ?, updated_at = ? WHERE id = ?').run(input.date, new Date().toISOString(), id);
    appendAudit(db, {
      actor: who.actor,
      action: input.date === null ? 'file.trigger-clear' : file.triggerDate === null ? 'file.trigger-set' : 'file.trigger-change',
      entity: 'file',
      entityId: id,
      before: { triggerDate: file.triggerDate },
      after: { triggerDate: input.date, reason: input.reason.trim() },
    });
  })();
  return getFile(db, id);
}

export function listFiles(db: Db, options: { codePrefix?: string; openOnly?: boolean }): FileView[] {
  const clauses: string[] = [];
  const params: unknown[] = [];
  if (options.codePrefix) {
    const { from, to } = subtreeRange(assertCode(options.codePrefix));
    clauses.push('f.code_sort >= ? AND f.code_sort < ?');
    params.push(from, to);
  }
  if (options.openOnly) clauses.push('f.closed_at IS NULL');
  const where = clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';
  return (db.prepare(`${SELECT_FILE} ${where} ORDER BY f.code_sort, f.id LIMIT 1000`).all(...params) as FileDbRow[]).map(view);
}

/** The code an empty file takes from its first record (the caller checks and audits). */
export function setFileCode(db: Db, fileId: number, code: string): void {
  db.prepare('UPDATE files SET classification_code = ?, code_sort = ?, updated_at = ? WHERE id = ?').run(code, codeSortKey(code), new Date().toISOString(), fileId);
}
