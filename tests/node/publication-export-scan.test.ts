// Issue 13 item 5: a Pasal 17 huruf j exemption names the statute it rests on (in main, in the
// table, in the DIK), and the DIP/DIK exports are scanned for personal data before they leave the
// machine: refused with the findings, masked on request, or kept by a supervisor (audited).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import { openArchive, type Archive } from '../../main/archive/open.ts';
import { openDatabase } from '../../main/db/connection.ts';
import { migrate } from '../../main/db/migrate.ts';
import { migrations } from '../../main/db/migrations/index.ts';
import { AppError } from '../../main/errors.ts';
import { classify, openExemption } from '../../main/publication/classification.ts';
import { exportRegister } from '../../main/publication/registers-export.ts';
import { viewerFor } from '../../main/clearance/viewer.ts';
import type { Role } from '../../preload/contract.ts';
import { dikRows, dikTable } from '../../main/publication/registers.ts';
import { seedRecord } from '../helpers/publication.ts';
import { tempDir } from '../helpers/tmp.ts';

/** Someone with full clearance (these tests are about personal data, not clearance). */
const viewerAs = (name: string, roles: readonly Role[] = ['staff']) => viewerFor({ id: null, name, roles, clearance: 'sangat-rahasia' });

const staff = { id: 2, name: 'siti', roles: ['staff'] as const };
const boss = { id: 3, name: 'andi', roles: ['staff', 'supervisor'] as const };

function fresh(): Archive {
  return openArchive(join(tempDir(), 'arsip'));
}

function appErr(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof AppError, String(error));
    return error;
  }
  assert.fail('expected an AppError');
}

async function appErrAsync(fn: () => Promise<unknown>): Promise<AppError> {
  try {
    await fn();
  } catch (error) {
    assert.ok(error instanceof AppError, String(error));
    return error;
  }
  assert.fail('expected an AppError');
}

const testJ = { information: 'Data kependudukan pemohon', ground: 'j' as const, harm: 'Membuka data kependudukan melanggar undang-undang.', until: '2099-12-31', decisionNumber: '188.4/20/PPID/2026', decisionDate: '2026-02-10' };

test('an exemption under Pasal 17 huruf j is refused without the statute and article it rests on; the DIK names them', async () => {
  const archive = fresh();
  try {
    const db = archive.db;
    const id = seedRecord(db, { subject: 'Rekap data kependudukan' });
    const missing = appErr(() => classify(db, staff, { recordId: id, category: 'dikecualikan', test: testJ }));
    assert.equal(missing.code, 'validation');
    assert.match(missing.messages.id, /huruf j wajib menyebut undang-undang/);
    assert.match(missing.messages.en, /must name the statute/);
    const blank = appErr(() => classify(db, staff, { recordId: id, category: 'dikecualikan', test: { ...testJ, statute: { name: 'UU 24/2013', article: '  ' } } }));
    assert.equal(blank.code, 'validation');
    assert.equal(openExemption(db, id), null, 'nothing recorded');
    // The table refuses it too, whoever writes it.
    assert.throws(
      () =>
        db
          .prepare("INSERT INTO exemptions (record_id, information, ground, harm, exempt_until, decision_number, decision_date, recorded_by, recorded_at) VALUES (?, 'x', 'j', 'y', '2099-01-01', 'n', '2026-01-01', 'x', 'x')")
          .run(id),
      /names its statute and article/,
    );

    classify(db, staff, { recordId: id, category: 'dikecualikan', test: { ...testJ, statute: { name: 'UU 24/2013 tentang Administrasi Kependudukan', article: 'Pasal 79 ayat (1)' } } });
    assert.deepEqual(openExemption(db, id)!.statute, { name: 'UU 24/2013 tentang Administrasi Kependudukan', article: 'Pasal 79 ayat (1)' });
    assert.deepEqual(dikRows(db, { offset: 0, limit: 10 }, viewerAs('siti')).rows[0]!.statute, { name: 'UU 24/2013 tentang Administrasi Kependudukan', article: 'Pasal 79 ayat (1)' });
    const out = await exportRegister(db, viewerAs('siti'), 'dik', 'xlsx', join(tempDir(), 'dik.xlsx'));
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out.path);
    assert.equal(
      String(book.worksheets[0]!.getRow(6).getCell(4).value),
      'UU 14/2008 Pasal 17 huruf j: informasi yang tidak boleh diungkapkan berdasarkan Undang-Undang; jo. UU 24/2013 tentang Administrasi Kependudukan Pasal 79 ayat (1)',
    );
    // Other grounds stand on Pasal 17 itself and need no second statute.
    const other = seedRecord(db, { subject: 'HPS' });
    classify(db, staff, { recordId: other, category: 'dikecualikan', test: { ...testJ, ground: 'b' } });
    assert.equal(openExemption(db, other)!.statute, null);
  } finally {
    archive.close();
  }
});

test('migration 0170: exemptions recorded before it keep every value; a huruf j one without a statute is named as incomplete in the DIK', () => {
  const dir = tempDir('berkas-m0170-');
  mkdirSync(join(dir, 'arsip'), { recursive: true });
  const db = openDatabase(join(dir, 'arsip', 'berkas.sqlite'));
  try {
    migrate(db, migrations.filter((m) => m.version < 170));
    const now = '2026-01-05T00:00:00Z';
    db.exec(`
      INSERT INTO records (id, subject, public_category, created_at, updated_at, created_by) VALUES (1, 'Data NIK warga', 'dikecualikan', '${now}', '${now}', 'seed'), (2, 'HPS', 'dikecualikan', '${now}', '${now}', 'seed');
      INSERT INTO exemptions (record_id, information, ground, harm, exempt_until, decision_number, decision_date, recorded_by, recorded_at) VALUES
        (1, 'Data kependudukan', 'j', 'Melanggar UU', '2030-12-31', 'SK/1', '2025-01-01', 'siti', '${now}'),
        (2, 'HPS', 'b', 'Persaingan', '2030-12-31', 'SK/2', '2025-01-01', 'siti', '${now}');
    `);
    const before = db.prepare('SELECT * FROM exemptions ORDER BY id').all() as Record<string, unknown>[];
    migrate(db, migrations.filter((m) => m.version <= 170));
    assert.equal(db.pragma('user_version', { simple: true }), 170);
    const after = db.prepare('SELECT * FROM exemptions ORDER BY id').all() as Record<string, unknown>[];
    for (const [i, row] of before.entries()) for (const [k, v] of Object.entries(row)) assert.deepEqual(after[i]![k], v, `exemptions.${k}`);
    assert.deepEqual(after.map((r) => [r.statute_name, r.statute_article]), [[null, null], [null, null]]);
    migrate(db, migrations);
    const table = dikTable(db, viewerAs('siti'));
    assert.match(table.rows[0]![3]!, /huruf j: .*undang-undang yang menjadi dasar belum dicatat$/);
    assert.doesNotMatch(table.rows[1]![3]!, /belum dicatat/);
  } finally {
    db.close();
  }
});

const NIK = '3271046504870002';
const NIP = '19800101 200501 1 001';

function withPersonalData(): Archive {
  const archive = fresh();
  const db = archive.db;
  seedRecord(db, { subject: 'Daftar penerima bantuan', description: `Penerima: Ibu Sari, NIK ${NIK}, alamat Jl. Tjilik Riwut`, publicCategory: 'berkala' });
  seedRecord(db, { subject: 'Laporan kegiatan', description: 'Tanpa data pribadi', publicCategory: 'setiap-saat' });
  seedRecord(db, { subject: 'Surat tugas', description: `Pegawai NIP ${NIP}`, publicCategory: 'setiap-saat' });
  return archive;
}

const exportsIn = (dir: string) => (existsSync(dir) ? readdirSync(dir) : []);

test('a DIP whose summaries carry a NIK or NIP is not exported: the findings are listed masked, nothing is written', async () => {
  const archive = withPersonalData();
  const dir = tempDir();
  try {
    for (const format of ['csv', 'xlsx', 'pdf'] as const) {
      const e = await appErrAsync(() => exportRegister(archive.db, viewerAs('siti'), 'dip', format, join(dir, `dip.${format}`)));
      assert.equal(e.code, 'conflict');
      assert.match(e.messages.id, /DIP memuat data pribadi \(1 NIK, 1 NIP\)/);
      assert.match(e.messages.en, /export with the personal data masked/);
      const details = e.details as { findings: { row: number; column: string; kind: string; masked: string }[]; total: number };
      assert.equal(details.total, 2);
      assert.deepEqual(
        details.findings.map((f) => [f.kind, f.column, f.masked]),
        [
          ['nik', 'Ringkasan Isi Informasi', '************0002'],
          ['nip', 'Ringkasan Isi Informasi', '******** ****** 1 001'],
        ],
      );
      assert.ok(!JSON.stringify(e.toValue()).includes(NIK), 'the refusal itself does not carry the number');
    }
    assert.deepEqual(exportsIn(dir), [], 'no file was written');
    assert.equal(archive.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'dip.export'").pluck().get(), 0);
  } finally {
    archive.close();
  }
});

test('asked to mask, the DIP is exported with the NIK and NIP masked in CSV, XLSX and PDF; the audit says so', async () => {
  const archive = withPersonalData();
  const dir = tempDir();
  try {
    const csv = await exportRegister(archive.db, viewerAs('siti'), 'dip', 'csv', join(dir, 'dip.csv'), { personalData: 'mask' });
    assert.deepEqual(csv.personalData, { found: 2, action: 'mask' });
    const text = readFileSync(csv.path, 'utf8');
    assert.ok(!text.includes(NIK) && !text.includes(NIP));
    assert.match(text, /NIK \*{12}0002, alamat Jl\. Tjilik Riwut/);
    assert.match(text, /Tanpa data pribadi/);

    const xlsx = await exportRegister(archive.db, viewerAs('siti'), 'dip', 'xlsx', join(dir, 'dip.xlsx'), { personalData: 'mask' });
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(xlsx.path);
    const cells: string[] = [];
    book.worksheets[0]!.eachRow((row) => row.eachCell((c) => cells.push(String(c.value))));
    assert.ok(!cells.join('\n').includes(NIK));
    assert.ok(cells.some((c) => c.includes('NIP ******** ****** 1 001')));

    const pdf = await exportRegister(archive.db, viewerAs('siti'), 'dip', 'pdf', join(dir, 'dip.pdf'), { personalData: 'mask' });
    const pdfText = execFileSync('pdftotext', ['-layout', pdf.path, '-']).toString();
    assert.ok(!pdfText.replace(/\s/g, '').includes(NIK));
    assert.match(pdfText, /\*{12}0002/);

    const audit = archive.db.prepare("SELECT after FROM audit_log WHERE action = 'dip.export' ORDER BY id").pluck().all() as string[];
    assert.deepEqual(audit.map((a) => JSON.parse(a).personalData.action), ['mask', 'mask', 'mask']);
    assert.ok(!audit.join('').includes(NIK), 'the audit log does not copy the number either');
  } finally {
    archive.close();
  }
});

test('exporting found personal data as it is takes a supervisor, and is audited with the findings', async () => {
  const archive = withPersonalData();
  const dir = tempDir();
  try {
    const e = await appErrAsync(() => exportRegister(archive.db, viewerAs('siti'), 'dip', 'csv', join(dir, 'dip.csv'), { personalData: 'keep' }));
    assert.equal(e.code, 'forbidden');
    assert.deepEqual(exportsIn(dir), []);
    const out = await exportRegister(archive.db, viewerAs('andi', boss.roles), 'dip', 'csv', join(dir, 'dip.csv'), { personalData: 'keep' });
    assert.deepEqual(out.personalData, { found: 2, action: 'keep' });
    assert.ok(readFileSync(out.path, 'utf8').includes(NIK));
    const audit = JSON.parse(archive.db.prepare("SELECT after FROM audit_log WHERE action = 'dip.export'").pluck().get() as string);
    assert.equal(audit.personalData.action, 'keep');
    assert.equal(audit.personalData.found, 2);
  } finally {
    archive.close();
  }
});

test('the DIK is scanned too: a consequence test whose text carries a NIK stops the export; a clean register exports as before', async () => {
  const archive = fresh();
  const dir = tempDir();
  try {
    const db = archive.db;
    const id = seedRecord(db, { subject: 'Pengaduan warga' });
    classify(db, staff, { recordId: id, category: 'dikecualikan', test: { ...testJ, ground: 'h', until: null, information: `Identitas pelapor (NIK ${NIK})` } });
    const e = await appErrAsync(() => exportRegister(db, viewerAs('siti'), 'dik', 'pdf', join(dir, 'dik.pdf')));
    assert.equal(e.code, 'conflict');
    assert.deepEqual((e.details as { findings: { column: string }[] }).findings.map((f) => f.column), ['Informasi yang Dikecualikan']);
    const clean = fresh();
    try {
      seedRecord(clean.db, { subject: 'Laporan', publicCategory: 'berkala' });
      const out = await exportRegister(clean.db, viewerAs('siti'), 'dip', 'csv', join(dir, 'clean.csv'));
      assert.deepEqual(out.personalData, { found: 0, action: 'check' });
    } finally {
      clean.close();
    }
  } finally {
    archive.close();
  }
});
