// Issue 13.7: where a paper file sits (ruang, rak, boks, folder), recorded by staff and audited,
// and printable labels: folder labels eight to an A4 page, each with a QR code that a scanner
// reads back to the file (the records screen looks it up), and box labels listing what each box
// holds. The QR codes are decoded from the printed page (pdftoppm → PNG → jsQR), not trusted.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import jsQRModule from 'jsqr';
import { PNG } from 'pngjs';
import type { FileView } from '../../preload/contract.ts';
import { createBackend } from '../../main/host/backend.ts';
import { CLI_SENDER, addUser, loginAs, loginAsAdmin, ok } from '../helpers/accounts.ts';
import { tempDir } from '../helpers/tmp.ts';

// jsqr is CommonJS whose typings declare an ES default: at run time the import is the function.
const jsQR = jsQRModule as unknown as (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;

/** Every QR code on a page: the page cut into the folder-label grid (2 × 4 from 10 mm / 12 mm), one decode per cell. */
function qrCodesOn(pdf: string, page: number, dir: string): string[] {
  const dpi = 150;
  const base = join(dir, `p${page}`);
  execFileSync('pdftoppm', ['-r', String(dpi), '-f', String(page), '-l', String(page), '-png', '-singlefile', pdf, base]);
  const png = PNG.sync.read(readFileSync(`${base}.png`));
  const mm = dpi / 25.4;
  const found: string[] = [];
  for (let row = 0; row < 4; row++) {
    for (let col = 0; col < 2; col++) {
      const x0 = Math.round((10 + col * 95) * mm);
      const y0 = Math.round((12 + row * 66) * mm);
      const w = Math.round(95 * mm);
      const h = Math.round(66 * mm);
      const cell = new Uint8ClampedArray(w * h * 4);
      for (let y = 0; y < h; y++) {
        const from = ((y0 + y) * png.width + x0) * 4;
        cell.set(png.data.subarray(from, from + w * 4), y * w * 4);
      }
      const code = jsQR(cell, w, h);
      if (code) found.push(code.data);
    }
  }
  return found;
}

test('staff record where files sit; folder labels carry a QR each that reads back to its file; box labels list each box', { timeout: 120_000 }, async () => {
  const dir = tempDir();
  const backend = await createBackend({ archiveDir: join(dir, 'arsip'), host: 'browser-shell' });
  try {
    await loginAsAdmin(backend);
    const clerk = await addUser(backend, 'rina', ['staff']);
    await loginAs(backend, clerk.name, clerk.password);
    const files: FileView[] = [];
    for (let i = 1; i <= 10; i++) {
      files.push(
        await ok<FileView>(
          backend.dispatch(
            'files.create',
            { classificationCode: '000.1', title: `Undangan rapat koordinasi triwulan ${i}`, fileNumber: i === 10 ? null : `000.1/${String(i).padStart(3, '0')}/2026`, openedAt: '2026-01-05' },
            CLI_SENDER,
          ),
        ),
      );
    }
    for (const [i, f] of files.entries()) {
      const located = await ok<FileView>(
        backend.dispatch('files.setLocation', { id: f.id, location: { room: 'Ruang Arsip Lt. 2', shelf: 'Rak 3', box: i < 6 ? '12' : '13', folder: String(i + 1) } }, CLI_SENDER),
      );
      assert.deepEqual(located.location, { room: 'Ruang Arsip Lt. 2', shelf: 'Rak 3', box: i < 6 ? '12' : '13', folder: String(i + 1) });
    }
    const listed = await ok<FileView[]>(backend.dispatch('files.list', {}, CLI_SENDER));
    assert.equal(listed.find((f) => f.id === files[0]!.id)!.location.box, '12', 'the location is kept');

    // Folder labels: 10 files → 8 on page 1, 2 on page 2; every QR decodes to its file's code.
    const sheet = await ok<{ path: string; labels: number; pages: number }>(backend.dispatch('files.labels', { fileIds: files.map((f) => f.id), kind: 'folder' }, CLI_SENDER));
    assert.equal(sheet.labels, 10);
    assert.equal(sheet.pages, 2);
    assert.equal(statSync(sheet.path).mode & 0o077, 0, 'the label sheet is owner-only');
    const text = execFileSync('pdftotext', ['-layout', sheet.path, '-'], { encoding: 'utf8' });
    assert.match(text, /000\.1\/001\/2026/);
    // Long titles wrap inside the label; the layout text puts the two columns side by side.
    const flow = execFileSync('pdftotext', [sheet.path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    assert.match(flow, /Judul: Undangan rapat koordinasi triwulan 7/);
    assert.match(text, /Boks \/ folder: 12 \/ 1/);
    assert.match(text, /BERKAS-\d+/, 'a file without a number is labelled by its id');
    // Every font embedded (issue 14 acceptance): rows after pdffonts' two header lines, column "emb".
    const fonts = execFileSync('pdffonts', [sheet.path], { encoding: 'utf8' }).trim().split('\n').slice(2);
    assert.ok(fonts.length >= 1 && fonts.every((row) => / yes +(yes|no) +(yes|no) +\d+ +\d+$/.test(row)), `fonts not embedded:\n${fonts.join('\n')}`);
    const read = [...qrCodesOn(sheet.path, 1, dir), ...qrCodesOn(sheet.path, 2, dir)];
    assert.deepEqual(read, files.map((f) => f.labelCode), 'each label’s QR, read off the printed page, names its own file');
    for (const [i, code] of read.entries()) {
      const found = await ok<FileView>(backend.dispatch('files.lookup', { code }, CLI_SENDER));
      assert.equal(found.id, files[i]!.id, `scanning ${code} finds its file`);
    }
    const unknown = await backend.dispatch('files.lookup', { code: '999/ZZZ' }, CLI_SENDER);
    assert.equal(unknown.ok, false);

    // Box labels: one per box, listing its files.
    const boxes = await ok<{ path: string; labels: number; pages: number }>(backend.dispatch('files.labels', { fileIds: files.map((f) => f.id), kind: 'box' }, CLI_SENDER));
    assert.equal(boxes.labels, 2);
    const boxText = execFileSync('pdftotext', ['-layout', boxes.path, '-'], { encoding: 'utf8' });
    assert.match(boxText, /BOKS 12/);
    assert.match(boxText, /BOKS 13/);
    assert.match(boxText, /Ruang Arsip Lt\. 2, Rak 3/);

    // A file with no box cannot go on a box label: a clear refusal, nothing written.
    const loose = await ok<FileView>(backend.dispatch('files.create', { classificationCode: '000.1', title: 'Berkas tanpa boks', fileNumber: null, openedAt: '2026-02-01' }, CLI_SENDER));
    const before = readdirSync(join(dir, 'arsip', 'ekspor')).length;
    const refused = await backend.dispatch('files.labels', { fileIds: [loose.id], kind: 'box' }, CLI_SENDER);
    assert.equal(refused.ok, false);
    assert.match(refused.ok ? '' : refused.error.message.en, /no box number yet/);
    assert.equal(readdirSync(join(dir, 'arsip', 'ekspor')).length, before);

    // Two files sharing a number are ambiguous: the scan is refused with what to do.
    await ok(backend.dispatch('files.create', { classificationCode: '000.1', title: 'Salinan', fileNumber: '000.1/001/2026', openedAt: '2026-02-01' }, CLI_SENDER));
    const twice = await backend.dispatch('files.lookup', { code: '000.1/001/2026' }, CLI_SENDER);
    assert.equal(twice.ok, false);
    assert.match(twice.ok ? '' : twice.error.message.en, /more than one file/);
  } finally {
    await backend.close();
  }
});

test('moving a file is audited with where it was, and its location text follows', { timeout: 60_000 }, async () => {
  const dir = tempDir();
  const backend = await createBackend({ archiveDir: join(dir, 'arsip'), host: 'browser-shell' });
  try {
    await loginAsAdmin(backend);
    const file = await ok<FileView>(backend.dispatch('files.create', { classificationCode: '000.1', title: 'Berkas SPJ', fileNumber: '000.1/050/2026', openedAt: '2026-01-05' }, CLI_SENDER));
    await ok(backend.dispatch('files.setLocation', { id: file.id, location: { room: 'Ruang A', shelf: null, box: '1', folder: null } }, CLI_SENDER));
    await ok(backend.dispatch('files.setLocation', { id: file.id, location: { room: 'Ruang B', shelf: 'Lemari 2', box: '4', folder: '9' } }, CLI_SENDER));
    const audit = await ok<{ rows: { action: string; before: string | null; after: string | null }[] }>(backend.dispatch('audit.list', { filter: { action: 'file.location' } }, CLI_SENDER));
    const moves = audit.rows.filter((e) => e.action === 'file.location');
    assert.equal(moves.length, 2);
    assert.ok(moves.some((m) => m.before?.includes('Ruang A') && m.after?.includes('Ruang B')), 'the move names the old and the new place');
    const moved = await ok<FileView>(backend.dispatch('files.lookup', { code: '000.1/050/2026' }, CLI_SENDER));
    assert.deepEqual(moved.location, { room: 'Ruang B', shelf: 'Lemari 2', box: '4', folder: '9' });
  } finally {
    await backend.close();
  }
});
