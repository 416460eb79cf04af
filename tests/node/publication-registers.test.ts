import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import { openArchive, type Archive } from '../../main/archive/open.ts';
import { classify } from '../../main/publication/classification.ts';
import { exportRegister } from '../../main/publication/registers-export.ts';
import { DIK_HEADERS, DIP_HEADERS, dipRows, saveRegisterSettings } from '../../main/publication/registers.ts';
import { seedDocument, seedRecord } from '../helpers/publication.ts';
import { ROOT, tempDir } from '../helpers/tmp.ts';
import { fullViewer } from '../../main/clearance/viewer.ts';

const SCREENSHOTS = join(ROOT, 'test-artifacts', 'screenshots');
const staff = { id: 1, name: 'siti', roles: ['staff', 'supervisor'] as const };

function seedRegister(): Archive {
  const archive = openArchive(join(tempDir(), 'arsip'));
  const db = archive.db;
  saveRegisterSettings(db, 'admin', { agency: 'Dinas Komunikasi, Informatika dan Statistik Provinsi Kalimantan Tengah', unit: 'Sekretariat', responsible: 'PPID Pelaksana', place: 'Palangka Raya' });
  // A JRA in force, as main/retention stores it.
  const now = new Date().toISOString();
  const v = Number(db.prepare("INSERT INTO jra_versions (name, file_name, state, rule_count, imported_at, imported_by) VALUES ('JRA Kalteng', 'jra.csv', 'applied', 2, ?, 'admin')").run(now).lastInsertRowid);
  const rule = db.prepare(
    `INSERT INTO jra_rules (version_id, code, code_sort, record_type, active_years, inactive_years, disposition, disposition_raw, conditional)
     VALUES (?, ?, ?, 'x', ?, ?, ?, ?, 0)`,
  );
  rule.run(v, '000.1', '0000.0001', 2, 3, 'musnah', 'Musnah');
  rule.run(v, '900.1.2', '0900.0001.0002', 5, 5, 'permanen', 'Permanen');
  const long = 'Rincian kegiatan pelayanan informasi publik meliputi penerimaan permohonan, pengolahan, dan penyampaian informasi kepada pemohon secara tepat waktu. '.repeat(3);
  for (let i = 1; i <= 45; i++) {
    const id = seedRecord(db, {
      subject: i === 3 ? `Laporan Realisasi Anggaran Triwulan ${i} — perubahan “APBD” ${'x'.repeat(3)}` : `Laporan kegiatan bidang ${i}`,
      description: i % 4 === 0 ? long : null,
      letterNumber: `000.1.2/${i}/DISKOMINFO/2026`,
      letterDate: `2026-0${(i % 9) + 1}-1${i % 10}`,
      classificationCode: i % 5 === 0 ? '900.1.2.3' : i % 5 === 1 ? '000.1.2' : '300.1',
      originatingUnit: i % 2 ? 'Bidang Informasi dan Komunikasi Publik' : null,
      medium: i % 3 === 0 ? 'tekstual' : 'elektronik',
      publicCategory: (['berkala', 'serta-merta', 'setiap-saat'] as const)[i % 3],
    });
    if (i % 3 !== 0) seedDocument(db, id);
  }
  const exempt = seedRecord(db, { subject: 'Dokumen pengadaan: HPS paket jalan', letterNumber: '600/7/BM/2026' });
  classify(db, staff, {
    recordId: exempt,
    category: 'dikecualikan',
    test: { information: 'Harga Perkiraan Sendiri paket peningkatan jalan', ground: 'b', harm: 'Membuka HPS sebelum lelang selesai merusak persaingan usaha yang sehat.', until: '2099-12-31', decisionNumber: '188.4/12/PPID/2026', decisionDate: '2026-02-10' },
  });
  const personal = seedRecord(db, { subject: 'Surat wasiat pegawai' });
  classify(db, staff, { recordId: personal, category: 'dikecualikan', test: { information: 'Isi wasiat', ground: 'g', harm: 'Mengungkap akta pribadi', until: null, decisionNumber: '188.4/13/PPID/2026', decisionDate: '2026-02-11' } });
  seedRecord(db, { subject: 'Arsip yang sudah dimusnahkan', publicCategory: 'berkala', status: 'musnah' });
  return archive;
}

test('DIP rows carry the official columns, retention from the JRA in force, and skip exempt and destroyed records', () => {
  const archive = seedRegister();
  try {
    const { total, rows } = dipRows(archive.db, { offset: 0, limit: 100 }, fullViewer('test'));
    assert.equal(total, 45);
    assert.deepEqual(
      rows.slice(0, 3).map((r) => r.category),
      ['berkala', 'berkala', 'berkala'],
      'grouped by category',
    );
    const first = rows.find((r) => r.summary.startsWith('Laporan kegiatan bidang 1 '))!;
    assert.equal(first.retention, 'Aktif 2 th, inaktif 3 th — Musnah (belum diberkaskan)', 'longest prefix 000.1 of 000.1.2');
    assert.equal(first.unit, 'Bidang Informasi dan Komunikasi Publik');
    assert.equal(first.place, 'Palangka Raya');
    assert.deepEqual(first.forms, ['softcopy']);
    const five = rows.find((r) => r.summary.startsWith('Laporan kegiatan bidang 5 '))!;
    assert.equal(five.retention, 'Aktif 5 th, inaktif 5 th — Permanen (belum diberkaskan)');
    const six = rows.find((r) => r.summary.startsWith('Laporan kegiatan bidang 6 '))!;
    assert.deepEqual(six.forms, ['hardcopy']);
    assert.equal(six.unit, 'Sekretariat', 'the default unit when a record does not say');
    assert.equal(rows.find((r) => r.summary.startsWith('Laporan kegiatan bidang 2 '))!.retention, null, 'no rule for 300.1');
  } finally {
    archive.close();
  }
});

test('without retention tables the DIP shows — for retention', () => {
  const archive = openArchive(join(tempDir(), 'arsip'));
  try {
    archive.db.exec('DROP TABLE jra_rules');
    seedRecord(archive.db, { publicCategory: 'setiap-saat' });
    assert.equal(dipRows(archive.db, { offset: 0, limit: 10 }, fullViewer('test')).rows[0]!.retention, null);
  } finally {
    archive.close();
  }
});

async function readXlsx(path: string): Promise<string[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path);
  const sheet = book.worksheets[0]!;
  const out: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, n) => {
    out[n - 1] = (row.values as unknown[]).slice(1).map((v) => (v == null ? '' : String(v)));
  });
  return out;
}

test('the DIP and DIK as XLSX carry the official columns and every row; the export is audited', async () => {
  const archive = seedRegister();
  const dir = tempDir();
  try {
    const dip = await exportRegister(archive.db, fullViewer('siti'), 'dip', 'xlsx', join(dir, 'dip.xlsx'));
    assert.equal(dip.rows, 45);
    const sheet = await readXlsx(dip.path);
    assert.equal(sheet[0]![0], 'DAFTAR INFORMASI PUBLIK (DIP)');
    assert.match(sheet[1]![0]!, /Diskominfo|Dinas Komunikasi/);
    assert.match(sheet[2]![0]!, /^Keadaan per \d{1,2} \w+ \d{4}$/);
    assert.deepEqual(sheet[4], [...DIP_HEADERS]);
    assert.equal(sheet.length, 5 + 45);
    const one = sheet.find((r) => r[1]?.startsWith('Laporan kegiatan bidang 1 '))!;
    assert.equal(one[1], 'Laporan kegiatan bidang 1 (Nomor 000.1.2/1/DISKOMINFO/2026)');
    assert.equal(one[5], 'Softcopy');
    assert.equal(one[6], 'Aktif 2 th, inaktif 3 th — Musnah (belum diberkaskan)');
    assert.match(one[4]!, /^\d{1,2} (Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September) 2026, Palangka Raya$/);

    const dik = await exportRegister(archive.db, fullViewer('siti'), 'dik', 'xlsx', join(dir, 'dik.xlsx'));
    const dikSheet = await readXlsx(dik.path);
    assert.deepEqual(dikSheet[4], [...DIK_HEADERS]);
    assert.deepEqual(dikSheet[5], [
      '1',
      'Harga Perkiraan Sendiri paket peningkatan jalan',
      'Dokumen pengadaan: HPS paket jalan (Nomor 600/7/BM/2026)',
      'UU 14/2008 Pasal 17 huruf b: mengganggu perlindungan hak kekayaan intelektual dan persaingan usaha tidak sehat',
      'Membuka HPS sebelum lelang selesai merusak persaingan usaha yang sehat.',
      's.d. 31 Desember 2099',
      '188.4/12/PPID/2026, 10 Februari 2026',
    ]);
    assert.equal(dikSheet[6]![5], 'Permanen');
    const audits = archive.db.prepare("SELECT actor, action, after FROM audit_log WHERE action IN ('dip.export','dik.export') ORDER BY id").all() as { actor: string; action: string; after: string }[];
    assert.deepEqual(
      audits.map((a) => [a.actor, a.action, JSON.parse(a.after).format, JSON.parse(a.after).rows]),
      [
        ['siti', 'dip.export', 'xlsx', 45],
        ['siti', 'dik.export', 'xlsx', 2],
      ],
    );
  } finally {
    archive.close();
  }
});

test('the CSV is UTF-8 with a BOM, CRLF lines, and quotes what needs quoting', async () => {
  const archive = seedRegister();
  try {
    const out = await exportRegister(archive.db, fullViewer('siti'), 'dip', 'csv', join(tempDir(), 'dip.csv'));
    const bytes = readFileSync(out.path);
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    const lines = text.split('\r\n');
    assert.equal(lines[0], DIP_HEADERS.map((h) => (h.includes(',') ? `"${h}"` : h)).join(','));
    assert.equal(lines.length, 1 + 45 + 1);
    assert.match(text, /"Laporan Realisasi Anggaran Triwulan 3 — perubahan “APBD” xxx \(Nomor 000\.1\.2\/3\/DISKOMINFO\/2026\)"|Laporan Realisasi Anggaran Triwulan 3 — perubahan “APBD” xxx \(Nomor/);
  } finally {
    archive.close();
  }
});

test('the DIP as PDF: landscape pages, official columns, long text wrapped, the header repeated on every page', async () => {
  const archive = seedRegister();
  const dir = tempDir();
  try {
    const out = await exportRegister(archive.db, fullViewer('siti'), 'dip', 'pdf', join(dir, 'dip.pdf'));
    const info = execFileSync('pdfinfo', [out.path]).toString();
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    assert.ok(pages >= 3, `a multi-page register (${pages} pages)`);
    assert.match(info, /Page size:\s+841\.89 x 595\.28/, 'A4 landscape');
    for (let p = 1; p <= pages; p++) {
      const text = execFileSync('pdftotext', ['-layout', '-f', String(p), '-l', String(p), out.path, '-']).toString();
      assert.match(text, /Ringkasan Isi Informasi/, `header on page ${p}`);
      assert.match(text, /Retensi Arsip/, `header on page ${p}`);
      assert.match(text, new RegExp(`Halaman ${p} dari ${pages}`));
    }
    const all = execFileSync('pdftotext', [out.path, '-']).toString();
    assert.match(all, /DAFTAR INFORMASI PUBLIK \(DIP\)/);
    const flat = all.replace(/\s+/g, ' ');
    for (const h of DIP_HEADERS) assert.ok(flat.includes(h), `column "${h}"`);
    assert.match(flat, /“APBD” xxx/, 'typographic quotes survive (WinAnsi)');
    const layout = execFileSync('pdftotext', ['-layout', out.path, '-']).toString();
    assert.match(layout, /informasi kepada pemohon secara tepat waktu\.\s*\n\s*Rincian kegiatan pelayanan/, 'long descriptions are wrapped onto further lines, not cut');
    assert.match(all, /Laporan kegiatan bidang 45/);

    // Keep page images for a person to look at.
    mkdirSync(SCREENSHOTS, { recursive: true });
    execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '2', out.path, join(SCREENSHOTS, 'dip-pdf')]);
    const dik = await exportRegister(archive.db, fullViewer('siti'), 'dik', 'pdf', join(dir, 'dik.pdf'));
    execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', dik.path, join(SCREENSHOTS, 'dik-pdf')]);
    const dikText = execFileSync('pdftotext', [dik.path, '-']).toString();
    assert.match(dikText, /DAFTAR INFORMASI YANG DIKECUALIKAN \(DIK\)/);
    assert.match(dikText, /188\.4\/12\/PPID\/2026/);
    writeFileSync(join(dir, 'ok'), '');
  } finally {
    archive.close();
  }
});

test('an empty register still renders, saying it is empty', async () => {
  const archive = openArchive(join(tempDir(), 'arsip'));
  try {
    const out = await exportRegister(archive.db, fullViewer('siti'), 'dik', 'pdf', join(tempDir(), 'dik.pdf'));
    assert.equal(out.rows, 0);
    assert.match(execFileSync('pdftotext', [out.path, '-']).toString(), /Belum ada informasi dalam daftar ini/);
  } finally {
    archive.close();
  }
});

test('a DIK row taller than a page continues on the next page with the header repeated, nothing lost', async () => {
  const archive = openArchive(join(tempDir(), 'arsip'));
  try {
    const id = seedRecord(archive.db, { subject: 'Berkas penyidikan' });
    const harm = Array.from({ length: 120 }, (_, i) => `kalimat-${i + 1} tentang akibat pengungkapan.`).join(' ');
    classify(archive.db, staff, { recordId: id, category: 'dikecualikan', test: { information: 'Berkas perkara', ground: 'a', harm, until: '2099-01-01', decisionNumber: 'SK/1', decisionDate: '2026-01-01' } });
    const out = await exportRegister(archive.db, fullViewer('siti'), 'dik', 'pdf', join(tempDir(), 'dik.pdf'));
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [out.path]).toString())![1]);
    assert.ok(pages >= 2, `${pages} pages`);
    const text = execFileSync('pdftotext', [out.path, '-']).toString();
    for (const n of [1, 60, 120]) assert.match(text, new RegExp(`kalimat-${n}\\s`), `sentence ${n}`);
    for (let p = 1; p <= pages; p++) {
      assert.match(execFileSync('pdftotext', ['-f', String(p), '-l', String(p), out.path, '-']).toString(), /Konsekuensi bila Dibuka/);
    }
  } finally {
    archive.close();
  }
});
