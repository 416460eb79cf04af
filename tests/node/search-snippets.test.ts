// Each hit's snippet comes from its own record (issue 14 item 1): two records matching the same
// word, one on its metadata and one on a document page, each snippet holding words only its
// own text has.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { CLASS_ORDER, fullViewer } from '../../main/clearance/viewer.ts';
import { openArchive } from '../../main/archive/open.ts';
import { createRecord } from '../../main/archive/records.ts';
import { DEFAULT_FIELDS } from '../../main/archive/records.ts';
import { indexPage, search } from '../../main/search/search.ts';
import { tempDir } from '../helpers/tmp.ts';

test('each search hit shows a snippet of its own text, for metadata and for document pages', () => {
  const archive = openArchive(join(tempDir(), 'a'));
  try {
    const { db } = archive;
    const a = createRecord(db, { ...DEFAULT_FIELDS, subject: 'Percepatan SPBE Kutai Kartanegara' }, fullViewer('t'));
    const b = createRecord(db, { ...DEFAULT_FIELDS, subject: 'Integrasi Data Kutai Timur' }, fullViewer('t'));
    const c = createRecord(db, { ...DEFAULT_FIELDS, subject: 'Lampiran tanpa kata kunci' }, fullViewer('t'));
    const docId = Number(
      db
        .prepare("INSERT INTO documents (record_id, role, sha256, size, mime, original_name, imported_at) VALUES (?, 'main', ?, 1, 'text/plain', 'l.txt', ?)")
        .run(c.id, 'f'.repeat(64), new Date().toISOString()).lastInsertRowid,
    );
    db.transaction(() => indexPage(db, c.id, docId, 3, 'Halaman ketiga menyebut Kutai Barat dan jembatan Mahakam'))();

    const result = search(db, 'kutai', { filter: {}, offset: 0, limit: 10, classes: CLASS_ORDER });
    assert.equal(result.total, 3);
    const snippet = (id: number) => result.hits.find((h) => h.recordId === id)?.snippet ?? '';
    assert.match(snippet(a.id), /Kartanegara/);
    assert.doesNotMatch(snippet(a.id), /Timur|Mahakam/);
    assert.match(snippet(b.id), /Timur/);
    assert.doesNotMatch(snippet(b.id), /Kartanegara|Mahakam/);
    assert.match(snippet(c.id), /Mahakam/);
    assert.doesNotMatch(snippet(c.id), /Kartanegara|Timur/);
    assert.equal(result.hits.find((h) => h.recordId === c.id)?.page, 3);
  } finally {
    archive.close();
  }
});
