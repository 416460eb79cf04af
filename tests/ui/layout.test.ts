// Issue 14.7 at 1366×768: a single click does not bring up the bulk-edit bar or move the list;
// with the detail pane open Perihal stays readable; the import panel sits under the list, never
// over its last rows and counter; the record form shows its document beside it (resizable); the
// consequence-test form fits the window.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { openArchive } from '../../main/archive/open.ts';
import { ensureDefaultScheme } from '../../main/archive/defaults.ts';
import { seedRecords } from '../helpers/seed.ts';
import { CORPUS, tempDir } from '../helpers/tmp.ts';
import { closeBrowser, openSession } from './harness.ts';

after(closeBrowser);

const box = async (locator: { boundingBox(): Promise<{ x: number; y: number; width: number; height: number } | null> }) => {
  const b = await locator.boundingBox();
  assert.ok(b, 'the element is on screen');
  return b;
};

test('the Arsip list, its detail pane, the import panel and the record form at 1366×768', { timeout: 180_000 }, async () => {
  const dir = join(tempDir('berkas-ui-'), 'archive');
  const archive = openArchive(dir);
  try {
    seedRecords(archive, 200);
    await ensureDefaultScheme(archive, 'system');
  } finally {
    archive.close();
  }
  const folder = join(tempDir(), 'kiriman');
  mkdirSync(folder, { recursive: true });
  cpSync(join(CORPUS, 'pdfjs', 'tracemonkey.pdf'), join(folder, 'surat-undangan-rapat-koordinasi.pdf'));
  const s = await openSession({ archiveDir: dir, viewport: { width: 1366, height: 768 } });
  try {
    const { page } = s;
    const grid = page.getByRole('grid', { name: 'Daftar arsip' });
    await grid.waitFor();
    const rows = page.locator('.tr[data-record-id]');
    await rows.nth(3).waitFor();
    const headBefore = await box(page.locator('.table-head'));

    // One click opens the record; it neither offers bulk editing nor pushes the list down.
    await rows.nth(2).click();
    await page.getByTestId('detail-pane').waitFor();
    assert.equal(await page.getByRole('region', { name: 'Arsip yang dipilih' }).count(), 0, 'no bulk bar for one record');
    const headAfter = await box(page.locator('.table-head'));
    assert.equal(Math.round(headAfter.y), Math.round(headBefore.y), 'the list did not move');
    await rows.nth(4).click({ modifiers: ['Control'] });
    await page.getByRole('region', { name: 'Arsip yang dipilih' }).getByText('2 dipilih').waitFor();
    assert.equal(Math.round((await box(page.locator('.table-head'))).y), Math.round(headBefore.y), 'choosing a second one does not move it either');

    // Perihal keeps room for ~40 characters beside the detail pane.
    const subject = await box(rows.nth(2).locator('.td-subject'));
    assert.ok(subject.width >= 280, `Perihal is ${Math.round(subject.width)} px wide with the detail pane open`);
    const pane = await box(page.getByTestId('detail-pane'));
    assert.ok(pane.x + pane.width <= 1366, 'the detail pane fits');
    await s.screenshot('layout-detail-open-1366');

    // The import panel docks under the list: the counter stays visible above it.
    await page.getByTestId('import-files-input').setInputFiles(join(folder, 'surat-undangan-rapat-koordinasi.pdf'));
    const panel = page.getByTestId('import-panel');
    await panel.getByRole('heading', { name: 'Impor selesai' }).waitFor({ timeout: 60_000 });
    const foot = await box(page.locator('.table-foot'));
    const panelBox = await box(panel);
    assert.ok(foot.y + foot.height <= panelBox.y + 1, `the counter (bottom ${foot.y + foot.height}) is not under the panel (top ${panelBox.y})`);
    // The list reloads on the import's done event, a moment after the panel says so.
    await page.locator('.table-foot').getByText(/201 arsip/).waitFor({ timeout: 10_000 });
    await s.screenshot('layout-import-docked-1366');
    await panel.getByRole('button', { name: 'Tutup panel impor' }).click();

    // The record form with its document beside it; the divider resizes it from the keyboard.
    const imported = rows.filter({ hasText: 'surat-undangan-rapat-koordinasi' }).first();
    await imported.click();
    await page.getByTestId('detail-pane').getByRole('button', { name: 'Ubah metadata' }).click();
    const form = page.getByRole('dialog', { name: /Ubah arsip/ });
    const preview = form.getByRole('region', { name: 'Dokumen arsip ini' });
    await preview.waitFor();
    await preview.locator('canvas').first().waitFor({ timeout: 30_000 });
    const subjectField = form.getByLabel('Perihal (hal)');
    const [p, f] = [await box(preview), await box(subjectField)];
    assert.ok(p.x + p.width <= f.x, 'the document is beside the form, not over it');
    assert.ok(p.width > 400 && f.width > 380, `both are usable: document ${Math.round(p.width)} px, Perihal field ${Math.round(f.width)} px`);
    await subjectField.fill('Undangan rapat koordinasi SPBE');
    const divider = form.getByRole('separator', { name: /Geser untuk mengubah lebar/ });
    const before = Number(await divider.getAttribute('aria-valuenow'));
    await divider.focus();
    await page.keyboard.press('ArrowRight');
    assert.equal(Number(await divider.getAttribute('aria-valuenow')), before + 5);
    assert.ok((await box(preview)).width > p.width, 'the document got wider');
    assert.equal(await subjectField.inputValue(), 'Undangan rapat koordinasi SPBE', 'resizing keeps what was typed');
    await s.screenshot('layout-form-split-1366');
    await form.getByRole('button', { name: 'Sembunyikan dokumen' }).click();
    assert.equal(await preview.count(), 0);
    await form.getByRole('button', { name: 'Simpan' }).click();
    await form.waitFor({ state: 'detached' });

    // The consequence test fits at 1366.
    await page.getByRole('navigation').getByRole('button', { name: 'Publikasi' }).click();
    await page.getByRole('tab', { name: 'Klasifikasi' }).click();
    await page.locator('.pub-item').first().click();
    await page.getByRole('radio', { name: /Dikecualikan/ }).check();
    const test = page.getByRole('group', { name: 'Uji konsekuensi' });
    await test.waitFor();
    const t = await box(test);
    assert.ok(t.x + t.width <= 1366, `the consequence test ends at ${Math.round(t.x + t.width)} px`);
    const width = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    assert.ok(width[0]! <= width[1]!, 'the page does not scroll sideways');
  } finally {
    await s.close();
  }
});
