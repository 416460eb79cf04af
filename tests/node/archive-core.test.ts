import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { codeSortKey, compareCodes, isValidCode } from '../../main/archive/codes.ts';
import { closeFile, createFile } from '../../main/archive/files.ts';
import { runImport } from '../../main/archive/import.ts';
import { objectPath } from '../../main/archive/store.ts';
import { openArchive, type Archive } from '../../main/archive/open.ts';
import { bulkUpdateRecords, createRecord, listRecords, updateRecord, DEFAULT_FIELDS } from '../../main/archive/records.ts';
import { childCodes, importSchemeFile, searchCodes } from '../../main/archive/schemes.ts';
import { verifyArchive } from '../../main/archive/verify.ts';
import { applyVersion, importJraFile, importJraTable } from '../../main/retention/jra.ts';
import { scheduleOf } from '../../main/retention/schedule.ts';
import { AppError } from '../../main/errors.ts';
import { parseQuery } from '../../main/search/query.ts';
import { search } from '../../main/search/search.ts';
import { ROOT, SHARED, tempDir } from '../helpers/tmp.ts';
import { CLASS_ORDER, fullViewer } from '../../main/clearance/viewer.ts';

function fresh(): Archive {
  return openArchive(join(tempDir(), 'a'));
}

const rec = (subject: string, extra: Partial<typeof DEFAULT_FIELDS> = {}) => ({ ...DEFAULT_FIELDS, subject, ...extra });

test('classification codes sort segment by segment as numbers', () => {
  const codes = ['500.12.10', '500.12.2', '500.2', '000.1.10', '000.1.9', '500.12.16.3', '100'];
  assert.deepEqual([...codes].sort(compareCodes), ['000.1.9', '000.1.10', '100', '500.2', '500.12.2', '500.12.10', '500.12.16.3']);
  assert.equal(codeSortKey('500.12.2'), '0500.0012.0002');
});

test('a lettered code a JRA names (TVRI scheme) can be carried by a file and a record, and the rule governs them', async () => {
  const archive = fresh();
  try {
    const { version } = await importJraFile(archive.db, join(SHARED, 'reference', 'data', 'jra-sample.csv'), 'admin');
    applyVersion(archive.db, version.id, 'admin', '2026-01-01');
    // Typed in another case than the JRA row (TU.01.01.b): the code is the same code.
    const file = createFile(archive.db, { classificationCode: 'tu.01.01.B', title: 'Perjalanan dinas 2019', fileNumber: '7', openedAt: '2019-01-02' }, 'ani');
    const record = createRecord(archive.db, rec('SPPD Jakarta', { classificationCode: 'TU.01.01.b', fileId: file.id }), fullViewer('ani'));
    assert.equal(record.classificationCode, 'TU.01.01.b');
    const schedule = scheduleOf(archive.db, file.id);
    assert.equal(schedule?.rule?.code, 'TU.01.01.b');
    assert.equal(schedule?.rule?.activeYears, 2);
    assert.equal(codeSortKey('tu.01.01.B'), codeSortKey('TU.01.01.b'));
    const under = listRecords(archive.db, { filter: { codePrefix: 'TU.01' }, sort: 'id', direction: 'asc', offset: 0, limit: 10 }, fullViewer('test'));
    assert.deepEqual(under.rows.map((r) => r.subject), ['SPPD Jakarta']);
    // And the other way round: a JRA row no record could carry is refused with its line.
    assert.equal(isValidCode('600/1'), false);
    assert.throws(
      () =>
        importJraTable(
          archive.db,
          { headers: ['kode', 'jenis arsip', 'retensi aktif', 'retensi inaktif', 'keterangan'], rows: [{ kode: '600/1', 'jenis arsip': 'Irigasi', 'retensi aktif': '2', 'retensi inaktif': '3', keterangan: 'musnah' }], lineNumbers: [2] },
          { fileName: 'jra.csv' },
          'admin',
        ),
      (e: unknown) => e instanceof AppError && /Line 2: classification code "600\/1" is not valid/.test(e.messages.en),
    );
  } finally {
    archive.close();
  }
});

test('the sample scheme imports from CSV; children come in segment order; search by code or words', async () => {
  const archive = fresh();
  try {
    const result = await importSchemeFile(archive.db, join(ROOT, 'resources', 'klasifikasi-sample.csv'), { actor: 'admin' });
    assert.ok(result.imported > 50);
    assert.deepEqual(result.schemes.map((s) => s.name).sort(), ['Permendagri 78/2012', 'Permendagri 83/2022']);
    const top = childCodes(archive.db, null).map((c) => c.code);
    assert.ok(top.indexOf('000') < top.indexOf('100') && top.indexOf('100') < top.indexOf('600'));
    const under000 = childCodes(archive.db, '000.1').map((c) => c.code);
    assert.deepEqual(under000, [...under000].sort(compareCodes));
    assert.ok(searchCodes(archive.db, 'perjalanan dinas', 10).some((c) => c.code === '000.1.2'));
    assert.ok(searchCodes(archive.db, '000.1', 50).every((c) => c.code === '000.1' || c.code.startsWith('000.1.')));
    assert.ok(searchCodes(archive.db, '620', 5).some((c) => c.scheme === 'Permendagri 78/2012'), 'legacy 78/2012 codes are searchable');
  } finally {
    archive.close();
  }
});

test('a scheme imports from XLSX too, and bad rows are listed, not guessed', async () => {
  const dir = tempDir();
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Klasifikasi');
  sheet.addRow(['Kode', 'Judul']);
  sheet.addRow(['900', 'Keuangan']);
  sheet.addRow(['900.1', 'Anggaran']);
  sheet.addRow(['900.1.10', 'Pergeseran anggaran']);
  sheet.addRow(['9x0', 'bukan kode']);
  const file = join(dir, 'skema.xlsx');
  await workbook.xlsx.writeFile(file);
  const archive = fresh();
  try {
    const result = await importSchemeFile(archive.db, file, { actor: 'admin', defaultScheme: 'perbup-contoh' });
    assert.equal(result.imported, 3);
    assert.equal(result.skipped.length, 1);
    assert.equal(result.skipped[0]!.line, 5);
    assert.deepEqual(childCodes(archive.db, '900.1').map((c) => c.code), ['900.1.10']);
  } finally {
    archive.close();
  }
});

test('a scheme file without the needed columns is refused with a message naming them', async () => {
  const file = join(tempDir(), 'x.csv');
  writeFileSync(file, 'a,b\n1,2\n');
  const archive = fresh();
  try {
    await assert.rejects(importSchemeFile(archive.db, file, { actor: 'admin' }), (e: unknown) => e instanceof AppError && /"code"/.test(e.messages.en));
  } finally {
    archive.close();
  }
});

test('records list filters by code subtree and sorts by date in SQL', () => {
  const archive = fresh();
  try {
    createRecord(archive.db, rec('Irigasi desa', { classificationCode: '600.1', letterDate: '2026-03-01' }), fullViewer('staf'));
    createRecord(archive.db, rec('Saluran sekunder', { classificationCode: '600.1.2', letterDate: '2026-01-15' }), fullViewer('staf'));
    createRecord(archive.db, rec('Jalan kabupaten', { classificationCode: '600.10', letterDate: '2026-02-01' }), fullViewer('staf'));
    createRecord(archive.db, rec('Undangan', { classificationCode: '000.1', letterDate: '2025-12-31' }), fullViewer('staf'));
    const under = listRecords(archive.db, { filter: { codePrefix: '600.1' }, sort: 'letterDate', direction: 'asc', offset: 0, limit: 10 }, fullViewer('test'));
    assert.equal(under.total, 2, '600.10 is not under 600.1');
    assert.deepEqual(under.rows.map((r) => r.subject), ['Saluran sekunder', 'Irigasi desa']);
    const dated = listRecords(archive.db, { filter: { dateFrom: '2026-01-01', dateTo: '2026-02-28' }, sort: 'letterDate', direction: 'desc', offset: 0, limit: 10 }, fullViewer('test'));
    assert.deepEqual(dated.rows.map((r) => r.subject), ['Jalan kabupaten', 'Saluran sekunder']);
    const paged = listRecords(archive.db, { filter: {}, sort: 'subject', direction: 'asc', offset: 1, limit: 2 }, fullViewer('test'));
    assert.equal(paged.total, 4);
    assert.deepEqual(paged.rows.map((r) => r.subject), ['Jalan kabupaten', 'Saluran sekunder']);
  } finally {
    archive.close();
  }
});

test('every change writes its audit entry in the same transaction; bulk edit writes one per record', () => {
  const archive = fresh();
  try {
    const a = createRecord(archive.db, rec('A'), fullViewer('ani'));
    const b = createRecord(archive.db, rec('B'), fullViewer('ani'));
    updateRecord(archive.db, a.id, { location: 'Rak 2' }, fullViewer('budi'));
    const updated = bulkUpdateRecords(archive.db, [a.id, b.id], { securityClass: 'terbatas', classificationCode: '000.1.2' }, fullViewer('budi'));
    assert.equal(updated, 2);
    const actions = archive.db.prepare("SELECT action, entity_id, actor FROM audit_log WHERE action LIKE 'record.%' ORDER BY id").all();
    assert.deepEqual(actions, [
      { action: 'record.create', entity_id: String(a.id), actor: 'ani' },
      { action: 'record.create', entity_id: String(b.id), actor: 'ani' },
      { action: 'record.update', entity_id: String(a.id), actor: 'budi' },
      { action: 'record.bulk-update', entity_id: String(a.id), actor: 'budi' },
      { action: 'record.bulk-update', entity_id: String(b.id), actor: 'budi' },
    ]);
    assert.throws(() => bulkUpdateRecords(archive.db, [a.id, 999], { location: 'X' }, fullViewer('budi')), AppError);
    assert.equal(listRecords(archive.db, { filter: {}, sort: 'id', direction: 'asc', offset: 0, limit: 5 }, fullViewer('test')).rows.length, 2);
    const aAfter = archive.db.prepare('SELECT location FROM records WHERE id = ?').get(a.id) as { location: string };
    assert.equal(aAfter.location, 'Rak 2', 'a failed bulk edit changes nothing');
  } finally {
    archive.close();
  }
});

test('a closed file takes no new records; a bad code is refused with what to type instead', () => {
  const archive = fresh();
  try {
    const file = createFile(archive.db, { classificationCode: '600.1', title: 'Irigasi 2026', fileNumber: '1', openedAt: '2026-01-02' }, 'ani');
    closeFile(archive.db, file.id, '2026-11-30', 'ani');
    assert.throws(() => createRecord(archive.db, rec('X', { fileId: file.id }), fullViewer('ani')), (e: unknown) => e instanceof AppError && /reopen/.test(e.messages.en));
    assert.throws(() => createRecord(archive.db, rec('X', { classificationCode: '6oo.1' }), fullViewer('ani')), (e: unknown) => e instanceof AppError && /500\.12\.16\.3/.test(e.messages.en));
  } finally {
    archive.close();
  }
});

test('verify reports an audit row edited directly in SQLite, and where', async () => {
  const archive = fresh();
  try {
    for (let i = 0; i < 5; i++) createRecord(archive.db, rec(`Surat ${i}`), fullViewer('ani'));
    assert.equal((await verifyArchive(archive)).consistent, true);
    const target = archive.db.prepare("SELECT id FROM audit_log WHERE action = 'record.create' ORDER BY id LIMIT 1 OFFSET 2").get() as { id: number };
    // Someone with direct database access drops the guard and rewrites history.
    archive.db.exec('DROP TRIGGER audit_log_no_update');
    archive.db.prepare("UPDATE audit_log SET actor = 'mallory' WHERE id = ?").run(target.id);
    const report = await verifyArchive(archive);
    assert.equal(report.consistent, false);
    assert.equal(report.audit.breaks.length, 1);
    assert.equal(report.audit.breaks[0]!.id, target.id);
    assert.equal(report.audit.breaks[0]!.problem, 'hash-mismatch');
  } finally {
    archive.close();
  }
});

test('verify finds a missing or altered document and orphans; repair removes only garbage', async () => {
  const archive = fresh();
  try {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.txt'), 'satu');
    writeFileSync(join(dir, 'b.txt'), 'dua');

    await runImport(archive, [dir], { actor: 't' });
    const docs = archive.db.prepare('SELECT sha256 FROM documents ORDER BY id').all() as { sha256: string }[];

    writeFileSync(objectPath(archive.layout, docs[0]!.sha256), 'tampered');
    const orphan = objectPath(archive.layout, 'f'.repeat(64));

    mkdirSync(join(orphan, '..'), { recursive: true });
    writeFileSync(orphan, 'nobody points here');
    writeFileSync(join(archive.layout.staging, 'left.part'), 'half');
    const report = await verifyArchive(archive, { repair: true });
    assert.equal(report.consistent, false);
    assert.equal(report.documents.corrupt.length, 1);
    assert.equal(report.repaired!.removedOrphans.length, 1);
    assert.equal(report.repaired!.removedStaging.length, 1);
    const again = await verifyArchive(archive);
    assert.equal(again.documents.corrupt.length, 1, 'repair never touches a document');
    assert.deepEqual(again.garbage, { orphans: [], staging: [] });
  } finally {
    archive.close();
  }
});

test('typed queries never reach FTS5 as syntax: odd input gives a notice or sane results', () => {
  const archive = fresh();
  try {
    createRecord(archive.db, rec('Laporan keuangan "semester" AND rekap'), fullViewer('ani'));
    createRecord(archive.db, rec('Sekolah dasar negeri'), fullViewer('ani'));
    for (const q of ['"unterminated', 'AND OR', '*', 'NOT', '"', '(((', 'a:b', '-', 'NEAR(a b)', '^laporan', "'; DROP TABLE records; --"]) {
      const result = search(archive.db, q, { filter: {}, offset: 0, limit: 10, classes: CLASS_ORDER });
      assert.ok(Array.isArray(result.hits), q);
    }
    assert.match(search(archive.db, '"unterminated', { filter: {}, offset: 0, limit: 5, classes: CLASS_ORDER }).notice!.en, /quote/);
    assert.match(search(archive.db, '*', { filter: {}, offset: 0, limit: 5, classes: CLASS_ORDER }).notice!.en, /at least one word/);
    assert.equal(search(archive.db, 'laporan OR sekolah', { filter: {}, offset: 0, limit: 5, classes: CLASS_ORDER }).total, 2);
    assert.equal(search(archive.db, 'lapor*', { filter: {}, offset: 0, limit: 5, classes: CLASS_ORDER }).total, 1);
    assert.equal(search(archive.db, 'sekoláh', { filter: {}, offset: 0, limit: 5, classes: CLASS_ORDER }).total, 1, 'diacritics folded');
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'b', '"', '*', ' ', '(', ')', ':', '-', '^', 'OR', 'AND', 'NEAR', 'é', '.', '/') , maxLength: 30 }), (q) => {
        search(archive.db, q, { filter: {}, offset: 0, limit: 5, classes: CLASS_ORDER });
        const parsed = parseQuery(q);
        return parsed.match === null || parsed.terms.length > 0;
      }),
      { numRuns: 500 },
    );
  } finally {
    archive.close();
  }
});
