// Migration 0180 (drop-folder history) on a version-170 archive holding records, documents, OCR
// pages and settings: every row stays as it was, and the history takes entries that point at them.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { openDatabase } from '../../main/db/connection.ts';
import { migrate } from '../../main/db/migrate.ts';
import { migrations } from '../../main/db/migrations/index.ts';
import { addEntry, markMoved, recentEntries, unmovedEntry } from '../../main/dropfolder/history.ts';
import { tempDir } from '../helpers/tmp.ts';

const NOW = '2026-03-01T08:00:00.000Z';

test('migration 0180 keeps a version-170 archive and its history takes entries for its records', () => {
  const db = openDatabase(join(tempDir('berkas-migrate-'), 'berkas.sqlite'));
  const before = migrations.filter((m) => m.version < 180);
  migrate(db, before);
  assert.equal(db.pragma('user_version', { simple: true }), before.at(-1)!.version);
  db.prepare(
    `INSERT INTO records (id, subject, letter_number, letter_date, security_class, status, created_at, updated_at, created_by)
     VALUES (1, 'Surat permohonan informasi', '045/7/PPID/2026', '2026-02-20', 'biasa', 'aktif', ?, ?, 'siti')`,
  ).run(NOW, NOW);
  db.prepare(`INSERT INTO documents (id, record_id, role, sha256, size, mime, original_name, extract_status, imported_at, ocr_status, ocr_confidence) VALUES (1, 1, 'main', ?, 4321, 'application/pdf', 'scan-001.pdf', 'no-text', ?, 'done', 81.5)`).run('b'.repeat(64), NOW);
  db.prepare(`INSERT INTO ocr_pages (document_id, page, status, confidence, words) VALUES (1, 1, 'done', 81.5, '[]')`).run();
  db.prepare(`INSERT INTO settings (key, value) VALUES ('ocr', '{"enabled":true,"languages":["ind"],"when":"idle"}')`).run();
  const snapshot = () => ({
    records: db.prepare('SELECT * FROM records ORDER BY id').all(),
    documents: db.prepare('SELECT * FROM documents ORDER BY id').all(),
    ocrPages: db.prepare('SELECT * FROM ocr_pages').all(),
    settings: db.prepare('SELECT * FROM settings ORDER BY key').all(),
  });
  const old = snapshot();

  migrate(db, migrations.filter((m) => m.version <= 180));
  assert.equal(db.pragma('user_version', { simple: true }), 180);
  assert.deepEqual(snapshot(), old, 'every row of the older archive is unchanged');

  // The history module of today works on it once the later migrations have run too.
  migrate(db, migrations);
  const id = db.transaction(() => addEntry(db, { folder: '/srv/pindai', fileName: 'scan-001.pdf', size: 4321, status: 'imported', recordId: 1, reason: null, at: NOW }))();
  assert.equal(unmovedEntry(db, '/srv/pindai', 'scan-001.pdf')?.recordId, 1);
  markMoved(db, id, 'diimpor/scan-001.pdf');
  assert.equal(unmovedEntry(db, '/srv/pindai', 'scan-001.pdf'), null);
  assert.deepEqual(recentEntries(db).map((e) => [e.fileName, e.status, e.movedTo]), [['scan-001.pdf', 'imported', 'diimpor/scan-001.pdf']]);
  assert.throws(() => db.prepare("INSERT INTO drop_folder_log (folder, file_name, size, status, at) VALUES ('/x', 'y', 1, 'lost', ?)").run(NOW), /CHECK/);
  db.close();
});

test('migration 0330 keeps a version-180 history row with its English reason and new rows say why in both languages', () => {
  const db = openDatabase(join(tempDir('berkas-migrate-'), 'berkas.sqlite'));
  migrate(db, migrations.filter((m) => m.version <= 180));
  db.prepare("INSERT INTO drop_folder_log (folder, file_name, size, status, record_id, reason, moved_to, at) VALUES ('/srv/pindai', 'kosong.pdf', 0, 'rejected', NULL, 'the file is empty (0 bytes)', 'ditolak/kosong.pdf', ?)").run(NOW);
  const old = db.prepare('SELECT id, folder, file_name, size, status, record_id, reason, planned, moved_to, at FROM drop_folder_log').all();

  migrate(db, migrations.filter((m) => m.version <= 330));
  assert.equal(db.pragma('user_version', { simple: true }), 330);
  assert.deepEqual(db.prepare('SELECT id, folder, file_name, size, status, record_id, reason, planned, moved_to, at FROM drop_folder_log').all(), old, 'the old row is unchanged');
  const [oldEntry] = recentEntries(db);
  assert.equal(oldEntry!.reason, 'the file is empty (0 bytes)');
  assert.equal(oldEntry!.message, null, 'an old row has no Indonesian reason to show, and says so by null');

  migrate(db, migrations);
  db.transaction(() => addEntry(db, { folder: '/srv/pindai', fileName: 'rusak.pdf', size: 12, status: 'rejected', recordId: null, reason: 'not a PDF', reasonId: 'bukan PDF', at: '2026-03-02T08:00:00.000Z' }))();
  assert.deepEqual(recentEntries(db)[0]!.message, { id: 'bukan PDF', en: 'not a PDF' });
  db.close();
});
