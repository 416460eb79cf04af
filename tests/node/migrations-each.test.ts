// One test per migration 0010–0060, Signal-Desktop style: build a database at the previous
// version, put real rows in it, run the one migration, and check that every row is still there,
// unchanged, and that the new structure works with those old rows.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { openDatabase, type Db } from '../../main/db/connection.ts';
import { migrate } from '../../main/db/migrate.ts';
import { migrations } from '../../main/db/migrations/index.ts';
import { NEXT_DUE_SQL } from '../../main/portal/outbox.ts';
import { tempDir } from '../helpers/tmp.ts';

const NOW = '2026-03-01T08:00:00.000Z';

function dbAt(version: number): Db {
  const db = openDatabase(join(tempDir('berkas-migrate-'), 'berkas.sqlite'));
  migrate(db, migrations.filter((m) => m.version <= version));
  assert.equal(db.pragma('user_version', { simple: true }), version);
  return db;
}

/** Runs the one migration `version` on a database at the version before it. */
function step(db: Db, version: number): void {
  migrate(db, migrations.filter((m) => m.version <= version));
  assert.equal(db.pragma('user_version', { simple: true }), version);
}

const all = (db: Db, sql: string) => db.prepare(sql).all();
const tables = (db: Db) => (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]);

/** Real rows of the archive core (0020): a file, two records in it, a document, an outbox row. */
function seedArchive(db: Db): void {
  db.prepare(`INSERT INTO files (id, classification_code, code_sort, title, opened_at, created_at, updated_at) VALUES (1, '000.1.2', '0000.0001.0002', 'Rapat koordinasi 2025', '2025-01-02', ?, ?)`).run(NOW, NOW);
  const rec = db.prepare(
    `INSERT INTO records (id, subject, letter_number, letter_date, classification_code, code_sort, file_id, security_class, status, created_at, updated_at, created_by)
     VALUES (?, ?, ?, '2025-02-03', '000.1.2', '0000.0001.0002', 1, ?, ?, ?, ?, 'siti')`,
  );
  rec.run(1, 'Undangan rapat koordinasi', '005/12/Setda/2025', 'biasa', 'aktif', NOW, NOW);
  rec.run(2, 'Notulen rapat (rahasia)', '005/13/Setda/2025', 'rahasia', 'inaktif', NOW, NOW);
  db.prepare(`INSERT INTO documents (id, record_id, role, sha256, size, mime, original_name, extract_status, imported_at) VALUES (1, 1, 'main', ?, 1234, 'application/pdf', 'undangan.pdf', 'ok', ?)`).run('a'.repeat(64), NOW);
  db.prepare(`INSERT INTO outbox (id, record_id, kind, payload, state, created_at) VALUES (1, 1, 'publish', '{"title":"Undangan rapat koordinasi"}', 'done', ?)`).run(NOW);
}

const archiveRows = (db: Db) => ({
  files: all(db, 'SELECT * FROM files ORDER BY id'),
  records: all(db, 'SELECT * FROM records ORDER BY id'),
  documents: all(db, 'SELECT * FROM documents ORDER BY id'),
  outbox: all(db, 'SELECT * FROM outbox ORDER BY id'),
  settings: all(db, 'SELECT * FROM settings ORDER BY key'),
});

test('migration 0010 on an empty database (version 0): settings with the archive creation time', () => {
  const db = dbAt(0);
  step(db, 10);
  const created = db.prepare("SELECT value FROM settings WHERE key = 'archive.createdAt'").pluck().get() as string;
  assert.match(JSON.parse(created), /^\d{4}-\d{2}-\d{2}T/);
  db.close();
});

test('migration 0020 keeps the settings of a version-10 archive and takes records that reference them', () => {
  const db = dbAt(10);
  db.prepare(`INSERT INTO settings (key, value) VALUES ('letterhead', '{"name":"Dinas Kominfo"}')`).run();
  const before = all(db, 'SELECT * FROM settings ORDER BY key');
  step(db, 20);
  assert.deepEqual(all(db, 'SELECT * FROM settings ORDER BY key'), before);
  seedArchive(db);
  assert.equal(db.prepare('SELECT count(*) FROM records').pluck().get(), 2);
  db.close();
});

test('migration 0030 keeps every file, record, document, outbox and setting row of a version-20 archive', () => {
  const db = dbAt(20);
  seedArchive(db);
  const before = archiveRows(db);
  step(db, 30);
  assert.deepEqual(archiveRows(db), before);
  db.prepare(`INSERT INTO saved_searches (name, query, filter, created_by, created_at) VALUES ('Rapat 2025', 'rapat', '{"status":["aktif"]}', 'siti', ?)`).run(NOW);
  assert.throws(() => db.prepare(`INSERT INTO saved_searches (name, query, filter, created_by, created_at) VALUES ('rapat 2025', 'x', '{}', 'siti', ?)`).run(NOW), /UNIQUE/, 'names are unique regardless of case');
  db.close();
});

test('migration 0040 keeps a version-30 archive with saved searches, and holds can cover its old records', () => {
  const db = dbAt(30);
  seedArchive(db);
  db.prepare(`INSERT INTO saved_searches (id, name, query, filter, created_by, created_at) VALUES (1, 'Rapat', 'rapat', '{}', 'siti', ?)`).run(NOW);
  const before = { ...archiveRows(db), saved: all(db, 'SELECT * FROM saved_searches') };
  step(db, 40);
  assert.deepEqual({ ...archiveRows(db), saved: all(db, 'SELECT * FROM saved_searches') }, before);
  for (const t of ['jra_versions', 'jra_rules', 'legal_holds', 'legal_hold_targets', 'disposition_cases', 'disposition_items', 'disposition_approvals', 'disposition_documents', 'reappraisals']) {
    assert.ok(tables(db).includes(t), t);
  }
  db.prepare(`INSERT INTO legal_holds (id, name, reason, created_by, created_at) VALUES (1, 'Sengketa', 'perkara', 'siti', ?)`).run(NOW);
  db.prepare(`INSERT INTO legal_hold_targets (hold_id, kind, record_id) VALUES (1, 'record', 2)`).run();
  assert.throws(() => db.prepare(`INSERT INTO legal_hold_targets (hold_id, kind, record_id) VALUES (1, 'record', 99)`).run(), /FOREIGN KEY/);
  assert.throws(() => db.prepare('DELETE FROM legal_holds').run(), 'holds are lifted, never deleted');
  db.close();
});

test('migration 0050 keeps a version-40 archive with a JRA and a hold; old records can be classified and proposed', () => {
  const db = dbAt(40);
  seedArchive(db);
  db.prepare(`INSERT INTO jra_versions (id, name, file_name, state, rule_count, imported_at, imported_by) VALUES (1, 'JRA 2024', 'jra.csv', 'applied', 0, ?, 'admin')`).run(NOW);
  db.prepare(`INSERT INTO legal_holds (id, name, reason, created_by, created_at) VALUES (1, 'Sengketa', 'perkara', 'siti', ?)`).run(NOW);
  db.prepare(`INSERT INTO legal_hold_targets (hold_id, kind, record_id) VALUES (1, 'record', 2)`).run();
  const retention = () => ({ jra: all(db, 'SELECT * FROM jra_versions'), holds: all(db, 'SELECT * FROM legal_holds'), targets: all(db, 'SELECT * FROM legal_hold_targets') });
  const before = { ...archiveRows(db), ...retention() };
  step(db, 50);
  assert.deepEqual({ ...archiveRows(db), ...retention() }, before);
  db.prepare(`INSERT INTO users (id, name, display_name, password_hash, password_changed_at, created_at, updated_at) VALUES (1, 'siti', 'Siti', 'scrypt$x', ?, ?, ?)`).run(NOW, NOW, NOW);
  db.prepare("UPDATE records SET public_category = 'setiap-saat' WHERE id = 1").run();
  db.prepare(`INSERT INTO publication_proposals (record_id, state, proposed_by, proposed_by_id, proposed_at) VALUES (1, 'proposed', 'siti', 1, ?)`).run(NOW);
  assert.throws(() => db.prepare(`INSERT INTO publication_proposals (record_id, state, proposed_by, proposed_by_id, proposed_at) VALUES (1, 'proposed', 'siti', 1, ?)`).run(NOW), /UNIQUE/, 'one open proposal per record');
  db.close();
});

test('migration 0060 keeps a version-50 archive with users, proposals and outbox rows; the pusher query uses its index', () => {
  const db = dbAt(50);
  seedArchive(db);
  db.prepare(`INSERT INTO users (id, name, display_name, password_hash, password_changed_at, created_at, updated_at) VALUES (1, 'siti', 'Siti', 'scrypt$x', ?, ?, ?), (2, 'andi', 'Andi', 'scrypt$y', ?, ?, ?)`).run(NOW, NOW, NOW, NOW, NOW, NOW);
  db.prepare("UPDATE records SET public_category = 'setiap-saat' WHERE id = 1").run();
  db.prepare(`INSERT INTO outbox (id, record_id, kind, payload, state, created_at) VALUES (2, 1, 'publish', '{"title":"Undangan"}', 'waiting', ?)`).run(NOW);
  db.prepare(
    `INSERT INTO publication_proposals (record_id, state, proposed_by, proposed_by_id, proposed_at, decided_by, decided_by_id, decided_at, publish_outbox_id)
     VALUES (1, 'approved', 'siti', 1, ?, 'andi', 2, ?, 2)`,
  ).run(NOW, NOW);
  const publication = () => ({ users: all(db, 'SELECT * FROM users'), proposals: all(db, 'SELECT * FROM publication_proposals') });
  const before = { ...archiveRows(db), ...publication() };
  step(db, 60);
  assert.deepEqual({ ...archiveRows(db), ...publication() }, before);
  assert.equal(db.prepare('SELECT count(*) FROM portal_state WHERE id = 1').pluck().get(), 1);
  assert.match(db.prepare('SELECT archive_key FROM portal_settings WHERE id = 1').pluck().get() as string, /^[0-9a-f]{8}$/);
  // The waiting row from before the migration is what the pusher (its own exported SQL) picks next.
  const params = { now: NOW, blocked: 0, through: 0, after: 0 };
  assert.equal((db.prepare(NEXT_DUE_SQL).get(params) as { id: number }).id, 2);
  const plan = (db.prepare(`EXPLAIN QUERY PLAN ${NEXT_DUE_SQL}`).all(params) as { detail: string }[]).map((r) => r.detail).join(' | ');
  assert.match(plan, /outbox_waiting/);
  db.close();
});

test('migration 0350 gives every record of a version-340 archive version 1, keeps its rows, and a write adds one', () => {
  const db = dbAt(340);
  seedArchive(db);
  const before = archiveRows(db);
  step(db, 350);
  const after = archiveRows(db);
  assert.deepEqual(
    after.records.map((r) => {
      const { version, ...rest } = r as { version: number };
      assert.equal(version, 1);
      return rest;
    }),
    before.records,
  );
  assert.deepEqual({ ...after, records: [] }, { ...before, records: [] });
  assert.throws(() => db.prepare('UPDATE records SET version = 0 WHERE id = 1').run(), /CHECK/);
  db.close();
});
