// Classification schemes (Permendagri 83/2022, the older 78/2012, a region's own detail) are data
// an admin imports, never code. This module owns the schemes and classification_codes tables.
import type { Db } from '../db/connection.ts';
import { sql } from '../db/statements.ts';
import { appendAudit } from '../audit/log.ts';
import { appError } from '../errors.ts';
import { readTable } from '../tabular/read.ts';
import { assertCode, codeDepth, codeSortKey, isValidCode, parentCode } from './codes.ts';

export interface CodeRow {
  code: string;
  title: string;
  scheme: string;
  parent: string | null;
  depth: number;
  hasChildren: boolean;
}

export interface SchemeImportResult {
  schemes: { name: string; codes: number }[];
  imported: number;
  skipped: { line: number; reason: string }[];
}

const SCHEME_NAMES: Record<string, string> = {
  'permendagri-83-2022': 'Permendagri 83/2022',
  'permendagri-78-2012': 'Permendagri 78/2012',
};

/** Imports a CSV/XLSX with columns code, name (or title/judul/uraian), and optionally scheme. */
export async function importSchemeFile(db: Db, file: string, options: { actor: string; defaultScheme?: string }): Promise<SchemeImportResult> {
  const table = await readTable(file);
  const codeCol = ['code', 'kode'].find((h) => table.headers.includes(h));
  const nameCol = ['name', 'title', 'judul', 'uraian', 'nama'].find((h) => table.headers.includes(h));
  if (!codeCol || !nameCol) {
    throw appError(
      'validation',
      `Kolom wajib tidak ditemukan. Baris judul harus memuat "code" (atau "kode") dan "name" (atau "judul"); yang ada: ${table.headers.join(', ')}.`,
      `Required columns are missing. The header row needs "code" (or "kode") and "name" (or "judul"); found: ${table.headers.join(', ')}.`,
    );
  }
  const schemeCol = ['scheme', 'skema'].find((h) => table.headers.includes(h));
  const skipped: SchemeImportResult['skipped'] = [];
  const entries: { scheme: string; code: string; title: string }[] = [];
  table.rows.forEach((row, i) => {
    const code = (row[codeCol] ?? '').trim();
    const title = (row[nameCol] ?? '').trim();
    const line = table.lineNumbers[i] ?? i + 2;
    if (!isValidCode(code)) return void skipped.push({ line, reason: `invalid code "${code}"` });
    if (!title) return void skipped.push({ line, reason: `code ${code} has no name` });
    const schemeKey = (schemeCol && row[schemeCol]) || options.defaultScheme || 'permendagri-83-2022';
    entries.push({ scheme: SCHEME_NAMES[schemeKey] ?? schemeKey, code, title });
  });
  if (entries.length === 0) {
    throw appError('validation', 'Tidak ada kode yang valid di berkas ini; tidak ada yang diimpor.', 'No valid codes in this file; nothing was imported.', { skipped });
  }

  const counts = new Map<string, number>();
  const now = new Date().toISOString();
  db.transaction(() => {
    const upsertScheme = db.prepare(
      `INSERT INTO schemes (name, source, imported_at) VALUES (?, ?, ?)
       ON CONFLICT(name) DO UPDATE SET source = excluded.source, imported_at = excluded.imported_at RETURNING id`,
    );
    const upsertCode = db.prepare(
      `INSERT INTO classification_codes (scheme_id, code, sort_key, title, parent, depth) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT(scheme_id, code) DO UPDATE SET title = excluded.title`,
    );
    const schemeIds = new Map<string, number>();
    for (const e of entries) {
      let id = schemeIds.get(e.scheme);
      if (id === undefined) {
        id = (upsertScheme.get(e.scheme, file, now) as { id: number }).id;
        schemeIds.set(e.scheme, id);
      }
      upsertCode.run(id, e.code, codeSortKey(e.code), e.title, parentCode(e.code), codeDepth(e.code));
      counts.set(e.scheme, (counts.get(e.scheme) ?? 0) + 1);
    }
    appendAudit(db, {
      actor: options.actor,
      action: 'scheme.import',
      entity: 'scheme',
      entityId: [...counts.keys()].join(', '),
      after: { file, codes: entries.length, skipped: skipped.length },
    });
  })();
  return { schemes: [...counts].map(([name, codes]) => ({ name, codes })), imported: entries.length, skipped };
}

const SELECT_CODE = `
  SELECT c.code, c.title, s.name AS scheme, c.parent, c.depth,
         EXISTS (SELECT 1 FROM classification_codes k WHERE k.parent = c.code AND k.scheme_id = c.scheme_id) AS hasChildren
  FROM classification_codes c JOIN schemes s ON s.id = c.scheme_id`;

function rowOut(r: Omit<CodeRow, 'hasChildren'> & { hasChildren: number }): CodeRow {
  return { ...r, hasChildren: r.hasChildren === 1 };
}

/** Children of a code (or the top level when parent is null), in segment order. A code whose
 *  parent is missing from the scheme (a sample with gaps) shows at the level where it has one. */
export function childCodes(db: Db, parent: string | null): CodeRow[] {
  const rows =
    parent === null
      ? db.prepare(`${SELECT_CODE} WHERE c.parent IS NULL OR NOT EXISTS (SELECT 1 FROM classification_codes p WHERE p.code = c.parent AND p.scheme_id = c.scheme_id) ORDER BY c.sort_key, s.name`).all()
      : db.prepare(`${SELECT_CODE} WHERE c.parent = ? ORDER BY c.sort_key, s.name`).all(assertCode(parent));
  return (rows as Parameters<typeof rowOut>[0][]).map(rowOut);
}

/** Finds codes by code prefix ("600.1") or words of the title ("jalan"). */
export function searchCodes(db: Db, query: string, limit: number): CodeRow[] {
  const q = query.trim();
  if (!q) return childCodes(db, null).slice(0, limit);
  if (/^\d+(\.\d*)*$/.test(q) || (/\d/.test(q) && isValidCode(q.replace(/\.$/, '')))) {
    const key = codeSortKey(q.replace(/\.$/, ''));
    const rows = db.prepare(`${SELECT_CODE} WHERE c.sort_key >= ? AND c.sort_key < ? ORDER BY c.sort_key LIMIT ?`).all(key, `${key}/`, limit);
    return (rows as Parameters<typeof rowOut>[0][]).map(rowOut);
  }
  const words = q.toLowerCase().split(/\s+/).filter(Boolean).slice(0, 6);
  const where = words.map(() => 'lower(c.title) LIKE ?').join(' AND ');
  const rows = db.prepare(`${SELECT_CODE} WHERE ${where} ORDER BY c.sort_key LIMIT ?`).all(...words.map((w) => `%${w}%`), limit);
  return (rows as Parameters<typeof rowOut>[0][]).map(rowOut);
}

export function codeTitle(db: Db, code: string | null): string | null {
  if (!code) return null;
  const row = sql(db, 'SELECT title FROM classification_codes WHERE code = ? ORDER BY scheme_id DESC LIMIT 1').get(code) as { title: string } | undefined;
  return row?.title ?? null;
}

export function codeExists(db: Db, code: string): boolean {
  return db.prepare('SELECT 1 FROM classification_codes WHERE code = ? LIMIT 1').get(code) !== undefined;
}

/** Whether any scheme has been imported: codes are checked against the schemes only once one is. */
export function hasSchemes(db: Db): boolean {
  return db.prepare('SELECT 1 FROM classification_codes LIMIT 1').get() !== undefined;
}

/** The schemes that hold `code`, the newest import first. */
export function schemesOf(db: Db, code: string): string[] {
  return db
    .prepare('SELECT s.name FROM classification_codes c JOIN schemes s ON s.id = c.scheme_id WHERE c.code = ? ORDER BY s.id DESC')
    .pluck()
    .all(code) as string[];
}

/**
 * The scheme a code is taken from, checked against the schemes in force. With no scheme imported
 * yet nothing can be checked and the code is kept without a scheme. A code that is in none of them
 * is refused with what to do: a typo is fixed, a region's own code is added by an admin
 * (addLocalCode). When the code is in several schemes (600 in 83/2022 and in 78/2012), the
 * preferred one wins (the file's scheme), else the newest import.
 */
export function resolveScheme(db: Db, code: string, preferred: string | null = null): string | null {
  if (!hasSchemes(db)) return null;
  const found = schemesOf(db, code);
  if (found.length === 0) {
    throw appError(
      'validation',
      `Kode klasifikasi ${code} tidak ada dalam skema klasifikasi yang berlaku. Periksa ketikannya, atau minta admin menambahkannya sebagai kode lokal (berkas scheme add-code).`,
      `Classification code ${code} is not in any classification scheme in force. Check it for typos, or ask an admin to add it as a local code (berkas scheme add-code).`,
    );
  }
  return preferred && found.includes(preferred) ? preferred : found[0]!;
}

/** Adds a region's own code to a scheme (created when new), audited; its parent must exist unless it is a primary. */
export function addLocalCode(db: Db, input: { scheme: string; code: string; title: string }, actor: string, now = new Date().toISOString()): CodeRow {
  const code = assertCode(input.code);
  const title = input.title.trim();
  const schemeName = input.scheme.trim();
  if (!title) throw appError('validation', 'Nama kode wajib diisi.', 'The code needs a name.');
  if (!schemeName) throw appError('validation', 'Nama skema wajib diisi.', 'The scheme name is required.');
  db.transaction(() => {
    const parent = parentCode(code);
    if (parent && db.prepare('SELECT 1 FROM classification_codes WHERE code = ?').get(parent) === undefined) {
      throw appError('validation', `Induk kode ${code} (${parent}) belum ada; tambahkan induknya dulu.`, `The parent of ${code} (${parent}) does not exist; add the parent first.`);
    }
    const schemeId = (
      db
        .prepare(`INSERT INTO schemes (name, source, imported_at) VALUES (?, 'lokal', ?) ON CONFLICT(name) DO UPDATE SET name = excluded.name RETURNING id`)
        .get(schemeName, now) as { id: number }
    ).id;
    if (db.prepare('SELECT 1 FROM classification_codes WHERE scheme_id = ? AND code = ?').get(schemeId, code) !== undefined) {
      throw appError('conflict', `Kode ${code} sudah ada dalam skema ${schemeName}.`, `Code ${code} is already in scheme ${schemeName}.`);
    }
    db.prepare(
      `INSERT INTO classification_codes (scheme_id, code, sort_key, title, parent, depth, local, added_by, added_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)`,
    ).run(schemeId, code, codeSortKey(code), title, parent, codeDepth(code), actor, now);
    appendAudit(db, { actor, action: 'scheme.add-code', entity: 'scheme', entityId: schemeName, after: { code, title }, at: now });
  })();
  return rowOut(db.prepare(`${SELECT_CODE} WHERE c.code = ? AND s.name = ?`).get(code, schemeName) as Parameters<typeof rowOut>[0]);
}
