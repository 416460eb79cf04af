// Migration 0100 over a real archive at 0060 holding files, records, schemes and a case: every row
// keeps what it had; records learn the scheme of their code; today's free-text locations are kept
// word for word and read into ruang / rak / boks / folder where they name them.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { archiveLayout } from '../../main/archive/layout.ts';
import { openDatabase } from '../../main/db/connection.ts';
import { migrate } from '../../main/db/migrate.ts';
import { migrations } from '../../main/db/migrations/index.ts';
import { parseLocationText } from '../../main/db/migrations/0100-filing-rules.ts';
import { tempDir } from '../helpers/tmp.ts';

test('migration 0100: an archive at 0060 keeps its rows and locations, records get their scheme, the new tables guard their evidence', () => {
  const layout = archiveLayout(join(tempDir('berkas-m0100-'), 'arsip'));
  mkdirSync(layout.store, { recursive: true });
  const db = openDatabase(layout.database);
  try {
    migrate(db, migrations.filter((m) => m.version <= 60));
    const now = '2026-01-05T00:00:00Z';
    db.exec(`
      INSERT INTO schemes (id, name, imported_at) VALUES (1, 'Permendagri 78/2012', '${now}'), (2, 'Permendagri 83/2022', '${now}');
      INSERT INTO classification_codes (scheme_id, code, sort_key, title, parent, depth) VALUES
        (1, '600', '0600', 'Pekerjaan Umum', NULL, 1), (1, '611', '0611', 'Irigasi', NULL, 1),
        (2, '600', '0600', 'PEKERJAAN UMUM DAN KETENAGAAN', NULL, 1), (2, '000.1.1', '0000.0001.0001', 'Telekomunikasi', '000.1', 3);
      INSERT INTO files (id, file_number, classification_code, code_sort, title, opened_at, closed_at, location, created_at, updated_at) VALUES
        (1, '12', '611', '0611', 'Irigasi 2011', '2011-01-01', '2011-12-31', 'Ruang Arsip 2, Rak 3, Boks 12, Folder 4', '${now}', '${now}'),
        (2, NULL, '000.1.1', '0000.0001.0001', 'Telepon', '2025-01-01', NULL, 'lemari pak Budi', '${now}', '${now}');
      INSERT INTO records (id, subject, classification_code, code_sort, file_id, location, created_at, updated_at, created_by) VALUES
        (1, 'Bendung 2011', '611', '0611', 1, 'Gudang; Boks 7 / Map 3', '${now}', '${now}', 'seed'),
        (2, 'Jalan', '600', '0600', NULL, NULL, '${now}', '${now}', 'seed'),
        (3, 'Tanpa kode', NULL, NULL, NULL, '', '${now}', '${now}', 'seed'),
        (4, 'Kode lokal', '000.1.99', '0000.0001.0099', NULL, NULL, '${now}', '${now}', 'seed');
      INSERT INTO disposition_cases (id, kind, state, title, created_by, created_at, updated_at) VALUES (1, 'destruction', 'draft', 'Usul musnah', 'staf', '${now}', '${now}');
    `);
    const recordsBefore = db.prepare('SELECT * FROM records ORDER BY id').all() as Record<string, unknown>[];
    const filesBefore = db.prepare('SELECT * FROM files ORDER BY id').all() as Record<string, unknown>[];

    migrate(db, migrations);
    assert.equal(db.pragma('user_version', { simple: true }), migrations.at(-1)!.version);
    const records = db.prepare('SELECT * FROM records ORDER BY id').all() as Record<string, unknown>[];
    const files = db.prepare('SELECT * FROM files ORDER BY id').all() as Record<string, unknown>[];
    for (const [i, before] of recordsBefore.entries()) for (const [k, v] of Object.entries(before)) assert.deepEqual(records[i]![k], v, `records.${k} of ${before.id}`);
    for (const [i, before] of filesBefore.entries()) for (const [k, v] of Object.entries(before)) assert.deepEqual(files[i]![k], v, `files.${k} of ${before.id}`);
    assert.deepEqual(records.map((r) => r.classification_scheme), ['Permendagri 78/2012', 'Permendagri 83/2022', null, null], '600 is in both: the newer import wins');
    assert.deepEqual([files[0]!.location_room, files[0]!.location_shelf, files[0]!.location_box, files[0]!.location_folder], ['Ruang Arsip 2', 'Rak 3', '12', '4']);
    assert.deepEqual([files[1]!.location_room, files[1]!.location_shelf, files[1]!.location_box], [null, 'lemari pak Budi', null]);
    assert.deepEqual([records[0]!.location_box, records[0]!.location_folder, records[0]!.location], ['7', '3', 'Gudang; Boks 7 / Map 3']);
    assert.equal(records[2]!.location_room, null);
    assert.deepEqual(db.pragma('foreign_key_check'), []);

    db.prepare("INSERT INTO disposition_lkd (case_id, agency, letter_number, letter_date, recorded_by, recorded_at) VALUES (1, 'DPK Kalteng', '045/12/DPK/2026', '2026-02-01', 'atasan', ?)").run(now);
    assert.throws(() => db.prepare("UPDATE disposition_lkd SET letter_number = 'x'").run(), /cannot be changed/);
    assert.throws(() => db.prepare('DELETE FROM disposition_lkd').run(), /cannot be deleted/);
  } finally {
    db.close();
  }
});

test('free-text locations are read into their parts only where they name them', () => {
  assert.deepEqual(parseLocationText('Ruang Arsip 2, Rak 3, Boks 12, Folder 4'), { room: 'Ruang Arsip 2', shelf: 'Rak 3', box: '12', folder: '4' });
  assert.deepEqual(parseLocationText('Lemari 1 / Box 5'), { room: null, shelf: 'Lemari 1', box: '5', folder: null });
  assert.deepEqual(parseLocationText('di meja sekretaris'), { room: null, shelf: null, box: null, folder: null });
});
