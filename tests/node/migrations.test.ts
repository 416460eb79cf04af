import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { OCR_PENDING_DOCUMENTS } from '../../main/archive/queries.ts';
import Database from 'better-sqlite3';
import { AppError } from '../../main/errors.ts';
import { openDatabase } from '../../main/db/connection.ts';
import { LATEST_VERSION, migrate, openAndMigrate } from '../../main/db/migrate.ts';
import { migrations } from '../../main/db/migrations/index.ts';
import type { RecordFilter } from '../../preload/contract.ts';
import { openArchive } from '../../main/archive/open.ts';
import { recordIdsQuery } from '../../main/archive/records.ts';
import { CLASS_ORDER } from '../../main/clearance/viewer.ts';
import { tempDir } from '../helpers/tmp.ts';

function dbAt(version: number) {
  const file = join(tempDir(), 'berkas.sqlite');
  const db = openDatabase(file);
  migrate(db, migrations.filter((m) => m.version <= version));
  return { db, file };
}

test('a new archive is created at the latest version with WAL and foreign keys on', () => {
  const archive = openArchive(join(tempDir(), 'a'));
  try {
    assert.equal(archive.schemaVersion, LATEST_VERSION);
    assert.equal(archive.db.pragma('journal_mode', { simple: true }), 'wal');
    assert.equal(archive.db.pragma('foreign_keys', { simple: true }), 1);
    assert.ok((archive.db.pragma('busy_timeout', { simple: true }) as number) >= 5000);
  } finally {
    archive.close();
  }
});

test('a database from a newer Berkas is refused with a clear message and left byte-for-byte untouched', () => {
  const file = join(tempDir(), 'berkas.sqlite');
  const raw = new Database(file);
  raw.exec('CREATE TABLE x (a)');
  raw.pragma(`user_version = ${LATEST_VERSION + 10}`);
  raw.close();
  const before = readFileSync(file);
  const filesBefore = readdirSync(join(file, '..')).sort();
  assert.throws(
    () => openAndMigrate(file),
    (error: unknown) =>
      error instanceof AppError &&
      error.code === 'newer-database' &&
      /newer Berkas/.test(error.messages.en) &&
      /lebih baru/.test(error.messages.id),
  );
  assert.deepEqual(readFileSync(file), before);
  assert.deepEqual(readdirSync(join(file, '..')).sort(), filesBefore, 'no WAL, journal or backup files appeared');
});

test('all pending migrations run in one transaction: a failing one leaves the old version intact', () => {
  const { db } = dbAt(10);
  db.prepare("INSERT INTO settings (key, value) VALUES ('k', '1')").run();
  const broken = [...migrations.filter((m) => m.version <= 20), { version: 30, name: 'broken', up: (d: typeof db) => d.exec('CREATE TABLE oops (; )') }];
  assert.throws(() => migrate(db, broken));
  assert.equal(db.pragma('user_version', { simple: true }), 10);
  assert.equal((db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'records'").get() as { n: number }).n, 0, '0020 rolled back too');
  assert.equal((db.prepare("SELECT value FROM settings WHERE key = 'k'").get() as { value: string }).value, '1');
  db.close();
});

test('an existing database is copied aside before it is migrated', () => {
  const { db, file } = dbAt(10);
  db.close();
  const migrated = openAndMigrate(file);
  migrated.close();
  const copies = readdirSync(join(file, '..')).filter((n) => n.includes('.pre-migration-v10-'));
  assert.equal(copies.length, 1);
  const copy = new Database(join(file, '..', copies[0]!), { readonly: true });
  assert.equal(copy.pragma('user_version', { simple: true }), 10);
  copy.close();
});

test('migration 0010 creates settings with the archive creation time', () => {
  const { db } = dbAt(10);
  const row = db.prepare("SELECT value FROM settings WHERE key = 'archive.createdAt'").get() as { value: string };
  assert.match(JSON.parse(row.value), /^\d{4}-\d{2}-\d{2}T/);
  assert.throws(() => db.prepare("INSERT INTO settings VALUES ('bad', 'not json')").run());
  db.close();
});

test('migration 0020 creates the archive tables, keeps the audit log append-only, and indexes the list queries', () => {
  const { db } = dbAt(20);
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table') ORDER BY name").all() as { name: string }[]).map((r) => r.name);
  for (const t of ['records', 'files', 'documents', 'schemes', 'classification_codes', 'tags', 'record_tags', 'audit_log', 'outbox', 'search_index']) {
    assert.ok(tables.includes(t), t);
  }
  db.prepare(`INSERT INTO audit_log (id, at, actor, action, entity, prev_hash, hash) VALUES (1, 'x', 'a', 'b', 'c', 'p', 'h')`).run();
  assert.throws(() => db.prepare("UPDATE audit_log SET actor = 'z'").run(), /append-only/);
  assert.throws(() => db.prepare('DELETE FROM audit_log').run(), /append-only/);
  // The records list's own SQL (archive/records.ts recordIdsQuery), not a copy that could drift.
  const plan = (filter: RecordFilter, sort: 'letterDate' | 'id') => {
    const { sql, params } = recordIdsQuery({ filter, sort, direction: 'desc' }, CLASS_ORDER);
    return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params, 100) as { detail: string }[]).map((r) => r.detail).join(' | ');
  };
  assert.match(plan({}, 'letterDate'), /USING (COVERING )?INDEX records_letter_date/);
  assert.match(plan({ codePrefix: '600.1' }, 'id'), /records_code_sort/);
  assert.match(plan({ status: ['aktif'] }, 'id'), /records_status/);
  db.close();
});

test('the migration list is strictly increasing and ends at LATEST_VERSION', () => {
  const versions = migrations.map((m) => m.version);
  assert.deepEqual(versions, [...versions].sort((a, b) => a - b));
  assert.equal(new Set(versions).size, versions.length);
  assert.equal(versions.at(-1), LATEST_VERSION);
});

test('migration 0130 adds OCR state to documents that already hold rows, and a page table that refuses bad words', () => {
  const { db } = dbAt(120);
  const now = '2026-01-05T08:00:00.000Z';
  db.prepare("INSERT INTO records (id, subject, created_at, updated_at, created_by) VALUES (1, 'Pindaian SK', ?, ?, 't')").run(now, now);
  db.prepare(
    "INSERT INTO documents (id, record_id, role, sha256, size, mime, original_name, pages, extract_status, imported_at) VALUES (1, 1, 'main', ?, 10, 'application/pdf', 'sk.pdf', 3, 'no-text', ?)",
  ).run('a'.repeat(64), now);
  db.prepare(
    "INSERT INTO documents (id, record_id, role, sha256, size, mime, original_name, pages, extract_status, imported_at) VALUES (2, 1, 'attachment', ?, 5, 'text/plain', 'c.txt', 1, 'ok', ?)",
  ).run('b'.repeat(64), now);
  migrate(db, migrations.filter((m) => m.version <= 130));
  const rows = db.prepare('SELECT id, original_name, extract_status, pages, ocr_status, ocr_confidence, rendition_at FROM documents ORDER BY id').all();
  assert.deepEqual(rows, [
    { id: 1, original_name: 'sk.pdf', extract_status: 'no-text', pages: 3, ocr_status: null, ocr_confidence: null, rendition_at: null },
    { id: 2, original_name: 'c.txt', extract_status: 'ok', pages: 1, ocr_status: null, ocr_confidence: null, rendition_at: null },
  ]);
  db.prepare("UPDATE documents SET ocr_status = 'pending' WHERE id = 1").run();
  assert.throws(() => db.prepare("UPDATE documents SET ocr_status = 'maybe' WHERE id = 1").run(), /CHECK/);
  db.prepare("INSERT INTO ocr_pages (document_id, page, status, words) VALUES (1, 1, 'done', '[[\"Surat\",95,1,2,3,2,1,4]]')").run();
  assert.throws(() => db.prepare("INSERT INTO ocr_pages (document_id, page, words) VALUES (1, 2, 'not json')").run(), /CHECK/);
  assert.throws(() => db.prepare('INSERT INTO ocr_pages (document_id, page) VALUES (1, 0)').run(), /CHECK/);
  // OCR's own read of the documents it is working on (archive/queries.ts), not a copy.
  const plan = (db.prepare(`EXPLAIN QUERY PLAN ${OCR_PENDING_DOCUMENTS}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
  assert.match(plan, /documents_ocr_pending/);
  db.close();
});
