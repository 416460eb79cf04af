// Files (berkas): the records of one matter under one classification code. A file is opened,
// grows, and is closed when the matter ends; retention counts from the close. This module owns
// the files table. A file's dates and record count come only from the records its viewer may see.
import type { FileView } from '../../preload/contract.ts';
import { appendAudit } from '../audit/log.ts';
import type { Db } from '../db/connection.ts';
import { appError, notFound } from '../errors.ts';
import { assertCode, codeSortKey, subtreeRange } from './codes.ts';
import { visibleSql, type Viewer } from '../clearance/viewer.ts';

const FILE = { id: 'Berkas', en: 'File' };

interface FileDbRow {
  id: number;
  file_number: string | null;
  classification_code: string;
  title: string;
  opened_at: string;
  closed_at: string | null;
  date_from: string | null;
  date_to: string | null;
  record_count: number;
}

function selectFile(viewer: Viewer): string {
  const visible = visibleSql(viewer);
  return `
  SELECT f.id, f.file_number, f.classification_code, f.title, f.opened_at, f.closed_at,
         (SELECT min(letter_date) FROM records r WHERE r.file_id = f.id AND ${visible}) AS date_from,
         (SELECT max(letter_date) FROM records r WHERE r.file_id = f.id AND ${visible}) AS date_to,
         (SELECT count(*) FROM records r WHERE r.file_id = f.id AND ${visible}) AS record_count
  FROM files f`;
}

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
  };
}

export function getFile(db: Db, id: number, viewer: Viewer): FileView {
  const row = db.prepare(`${selectFile(viewer)} WHERE f.id = ?`).get(id) as FileDbRow | undefined;
  if (!row) throw notFound(FILE, id);
  return view(row);
}

export function createFile(
  db: Db,
  input: { classificationCode: string; title: string; fileNumber: string | null; openedAt: string },
  viewer: Viewer,
): FileView {
  const actor = viewer.name;
  const code = assertCode(input.classificationCode);
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
  return getFile(db, id, viewer);
}

export function closeFile(db: Db, id: number, closedAt: string, viewer: Viewer): FileView {
  const actor = viewer.name;
  db.transaction(() => {
    const file = getFile(db, id, viewer);
    if (file.closedAt) throw appError('conflict', `Berkas ${id} sudah ditutup pada ${file.closedAt}.`, `File ${id} was already closed on ${file.closedAt}.`);
    if (closedAt < file.openedAt) {
      throw appError('validation', `Tanggal tutup (${closedAt}) tidak boleh sebelum tanggal buka (${file.openedAt}).`, `The close date (${closedAt}) cannot be before the open date (${file.openedAt}).`);
    }
    db.prepare('UPDATE files SET closed_at = ?, updated_at = ? WHERE id = ?').run(closedAt, new Date().toISOString(), id);
    appendAudit(db, { actor, action: 'file.close', entity: 'file', entityId: id, before: { closedAt: null }, after: { closedAt } });
  })();
  return getFile(db, id, viewer);
}

export function reopenFile(db: Db, id: number, viewer: Viewer): FileView {
  const actor = viewer.name;
  db.transaction(() => {
    const file = getFile(db, id, viewer);
    if (!file.closedAt) throw appError('conflict', `Berkas ${id} masih terbuka.`, `File ${id} is still open.`);
    db.prepare('UPDATE files SET closed_at = NULL, updated_at = ? WHERE id = ?').run(new Date().toISOString(), id);
    appendAudit(db, { actor, action: 'file.reopen', entity: 'file', entityId: id, before: { closedAt: file.closedAt }, after: { closedAt: null } });
  })();
  return getFile(db, id, viewer);
}

export function listFiles(db: Db, options: { codePrefix?: string; openOnly?: boolean }, viewer: Viewer): FileView[] {
  const clauses: string[] = [];
  const params: unknown[] = [];
  if (options.codePrefix) {
    const { from, to } = subtreeRange(assertCode(options.codePrefix));
    clauses.push('f.code_sort >= ? AND f.code_sort < ?');
    params.push(from, to);
  }
  if (options.openOnly) clauses.push('f.closed_at IS NULL');
  const where = clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';
  return (db.prepare(`${selectFile(viewer)} ${where} ORDER BY f.code_sort, f.id LIMIT 1000`).all(...params) as FileDbRow[]).map(view);
}
