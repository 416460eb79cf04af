// Issue 14 acceptance: every area at 1366×768 and 1280×720, in Indonesian and English, light and
// dark, on an archive of real imported PDFs, synthetic records, the sample JRA and a proposal
// waiting. Each shot lands in test-artifacts/screenshots/tour-<area>-<size>-<lang>-<theme>.png (look
// at them), and each view is checked for content running past the window's right edge or under
// another element — what a person at that screen size would see cut off.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { objectPath } from '../../main/archive/store.ts';
import { after, test } from 'node:test';
import type { Page } from 'playwright';
import { saveLetterhead } from '../../main/reports/letterhead.ts';
import { localToday } from '../../main/retention/clock.ts';
import { seedRecords } from '../helpers/seed.ts';
import { CORPUS, tempDir } from '../helpers/tmp.ts';
import { seedDocument, seedRecord } from '../helpers/publication.ts';
import { addFile, addRecord, applySampleJra, freshArchive } from '../node/retention-helpers.ts';
import { closeBrowser, openSession, type Session } from './harness.ts';

after(closeBrowser);

// BERKAS_TOUR_QUICK=1: one size, one language, one theme (while fixing a layout).
const QUICK = process.env.BERKAS_TOUR_QUICK === '1';
const SIZES = QUICK ? [{ width: 1366, height: 768 }] : [
  { width: 1366, height: 768 },
  { width: 1280, height: 720 },
];

/**
 * Elements whose box runs past the right edge of the window, or past the right edge of the
 * nearest ancestor that clips or scrolls (so text and buttons the user cannot reach).
 */
async function cutOff(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth > width + 1) found.push(`the page scrolls sideways (${document.documentElement.scrollWidth} > ${width})`);
    const clips = (el: Element) => {
      const s = getComputedStyle(el);
      return s.overflowX !== 'visible';
    };
    for (const el of document.querySelectorAll('body *')) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      const s = getComputedStyle(el);
      if (s.visibility === 'hidden' || s.position === 'fixed') continue;
      let limit = width;
      let clipper: Element | null = null;
      for (let p = el.parentElement; p; p = p.parentElement) {
        if (clips(p)) {
          limit = p.getBoundingClientRect().right;
          clipper = p;
          break;
        }
      }
      // A wide table or grid in its own sideways scroller is intended; anything else past the edge is cut off.
      const scroller = clipper !== null && ['auto', 'scroll'].includes(getComputedStyle(clipper).overflowX);
      if (scroller && clipper!.querySelector('table, [role=grid]')) continue;
      if (box.right > limit + 2 && box.left < limit) {
        const text = (el as HTMLElement).innerText?.trim().slice(0, 40) ?? '';
        found.push(`${el.tagName.toLowerCase()}.${[...el.classList].join('.')} "${text}" ends at ${Math.round(box.right)} > ${Math.round(limit)}`);
      }
    }
    return [...new Set(found)].slice(0, 8);
  });
}

async function seed(dir: string): Promise<number> {
  const archive = freshArchive(dir);
  try {
    const today = localToday();
    await applySampleJra(archive, today);
    saveLetterhead(
      archive.db,
      {
        instansi: 'Pemerintah Provinsi Kalimantan Tengah',
        unit: 'Dinas Komunikasi, Informatika, Persandian dan Statistik',
        alamat: 'Jalan Willem AS Nomor 5, Palangka Raya 73112',
        kontak: 'Telepon (0536) 3221234',
        kota: 'Palangka Raya',
        kepala: 'Dr. Agus Siswadi, M.Si.',
        nip: '19700101 199503 1 001',
        jabatan: 'Kepala Dinas',
      },
      'admin',
    );
    const file = addFile(archive, { code: '000.1.1', closedAt: '2019-06-30', title: 'Tagihan telepon 2019', fileNumber: 'UM-19' });
    for (let i = 1; i <= 4; i++) addRecord(archive, { fileId: file, subject: `Tagihan telepon bulan ${i}` });
    const notulen = addFile(archive, { code: '000.1.5', closedAt: '2020-03-31', title: 'Notulen rapat pimpinan 2020' });
    for (let i = 1; i <= 3; i++) addRecord(archive, { fileId: notulen, subject: `Notulen rapat pimpinan ${i}` });
    seedRecords(archive, 300);
    const proposed = seedRecord(archive.db, {
      subject: 'Daftar penerima beasiswa daerah tahun anggaran 2026 untuk mahasiswa berprestasi',
      letterNumber: '400.3/118/DISDIK/2026',
      letterDate: '2026-04-14',
      classificationCode: '400.3',
      publicCategory: 'setiap-saat',
    });
    const doc = seedDocument(archive.db, proposed, { name: 'beasiswa-2026.pdf', pages: ['Keputusan Kepala Dinas tentang penerima beasiswa daerah tahun 2026.'] });
    // Real PDF bytes in the store, so the review's preview shows the letter.
    const pdf = await PDFDocument.create();
    const font = await pdf.embedFont(StandardFonts.Helvetica);
    const page = pdf.addPage([595, 842]);
    page.drawText('KEPUTUSAN KEPALA DINAS PENDIDIKAN', { x: 150, y: 760, size: 13, font });
    page.drawText('tentang penerima beasiswa daerah tahun anggaran 2026', { x: 130, y: 740, size: 11, font });
    for (let i = 0; i < 20; i++) page.drawText(`${i + 1}. Penerima beasiswa nomor ${i + 1}, Palangka Raya`, { x: 72, y: 690 - i * 18, size: 10, font });
    const bytes = await pdf.save();
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const stored = objectPath(join(dir, 'store'), sha256);
    mkdirSync(dirname(stored), { recursive: true });
    writeFileSync(stored, bytes);
    archive.db.prepare('UPDATE documents SET sha256 = ?, size = ? WHERE id = ?').run(sha256, bytes.length, doc.id);
    return proposed;
  } finally {
    archive.close();
  }
}

async function shoot(s: Session, name: string, problems: string[]): Promise<void> {
  await s.page.waitForTimeout(250);
  await s.screenshot(`tour/${name}`);
  for (const p of await cutOff(s.page)) problems.push(`${name}: ${p}`);
}

test('every area at both sizes, both languages and both themes: nothing runs off the right edge', { timeout: 600_000 }, async () => {
  const dir = join(tempDir('berkas-ui-'), 'archive');
  const beasiswa = await seed(dir);
  const s = await openSession({ archiveDir: dir, viewport: SIZES[0] });
  mkdirSync(join(s.archiveDir, '..', 'kiriman'), { recursive: true });
  const problems: string[] = [];
  try {
    const { page } = s;
    await s.addUser('siti', ['staff']);
    await s.loginAs('siti');
    await s.invoke('publication.propose', { recordId: beasiswa, note: 'Mohon diterbitkan di portal PPID' });
    await s.loginAs('admin');
    // Real PDFs through the real import, for the preview.
    const folder = join(s.archiveDir, '..', 'kiriman');
    cpSync(join(CORPUS, 'pdfjs', 'tracemonkey.pdf'), join(folder, 'laporan-kajian.pdf'));
    cpSync(join(CORPUS, 'indonesian', 'perpres-39-2019-satu-data-indonesia-scan.pdf'), join(folder, 'perpres-39-2019.pdf'));
    await page.getByTestId('import-folder-input').setInputFiles(folder);
    await page.getByTestId('import-panel').getByRole('heading', { name: 'Impor selesai' }).waitFor({ timeout: 120_000 });
    await page.getByRole('button', { name: 'Tutup panel impor' }).click();
    // The import's toast would sit in every shot of the first minutes; a person reads and closes it.
    for (const close of await page.locator('.toast button').all()) await close.click();

    for (const size of SIZES) {
      await page.setViewportSize(size);
      for (const lang of QUICK ? (['id'] as const) : (['id', 'en'] as const)) {
        await page.getByRole('button', { name: lang.toUpperCase(), exact: true }).click();
        for (const theme of QUICK ? (['light'] as const) : (['light', 'dark'] as const)) {
          await page.getByRole('group', { name: lang === 'id' ? 'Tema' : 'Theme' }).getByRole('button').nth(theme === 'light' ? 0 : 1).click();
          const tag = `${size.width}x${size.height}-${lang}-${theme}`;
          const nav = (i: number) => page.getByRole('navigation').getByRole('button').nth(i);

          await nav(0).click();
          const row = page.locator('.tr[data-record-id]').filter({ hasText: 'perpres-39-2019' }).first();
          await row.click();
          await page.getByTestId('detail-pane').waitFor();
          await shoot(s, `arsip-${tag}`, problems);
          await page.getByTestId('detail-pane').getByRole('button').filter({ hasText: /^(Ubah metadata|Edit metadata)$/ }).first().click();
          await page.getByRole('dialog').first().waitFor();
          await page.getByRole('dialog').locator('canvas').first().waitFor({ timeout: 30_000 });
          await shoot(s, `arsip-form-${tag}`, problems);
          await page.keyboard.press('Escape');

          await nav(1).click();
          await page.getByRole('tablist').first().waitFor();
          await shoot(s, `retensi-${tag}`, problems);

          await nav(2).click();
          await page.getByRole('tab').first().click();
          await page.getByRole('article').first().waitFor();
          await page.locator('.pdf-page, canvas').first().waitFor({ timeout: 20_000 }).catch(() => undefined);
          await shoot(s, `publikasi-${tag}`, problems);
          await page.getByRole('tab').nth(2).click();
          await page.locator('.pub-item').first().click();
          await page.locator('input[type=radio][name=category]').last().check();
          await shoot(s, `publikasi-uji-konsekuensi-${tag}`, problems);

          await nav(3).click();
          await page.getByRole('heading', { level: 1 }).waitFor();
          await shoot(s, `sinkronisasi-${tag}`, problems);
          await nav(4).click();
          await page.getByRole('heading', { level: 1 }).waitFor();
          await shoot(s, `audit-${tag}`, problems);
          await nav(5).click();
          await page.getByRole('heading', { level: 1 }).waitFor();
          await shoot(s, `pengaturan-${tag}`, problems);
        }
      }
    }
    await page.getByRole('button', { name: 'ID', exact: true }).click();
  } finally {
    await s.close();
  }
  assert.deepEqual(problems, [], 'nothing runs off the right edge');
});
