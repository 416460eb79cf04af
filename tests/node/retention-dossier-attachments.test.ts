// Issue 13 item 8: a disposition case's dossier takes the scans people bring back (SK panitia,
// approval letters, the wet-signed berita acara) — PDF or image only, stored and hashed like any
// document, attached to the dossier record, audited, never removable, still possible after the
// destruction was carried out.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { Picks } from '../../main/kernel/picks.ts';
import { retentionHandlers } from '../../main/retention/handlers.ts';
import { describeCase } from '../../main/retention/caseView.ts';
import { executeDestruction, proposeDestruction, recordApproval, recordCommittee } from '../../main/retention/destruction.ts';
import { addAttachment } from '../../main/retention/dossier.ts';
import { contextFor, LOCAL_SESSION } from '../../main/kernel/calls.ts';
import { tempDir } from '../helpers/tmp.ts';
import { SIGNER, WITNESS, addFile, addRecord, applySampleJra, freshArchive, objectFile } from './retention-helpers.ts';

const TODAY = '2026-03-12';

async function scanPdf(text: string): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  pdf.addPage([595, 842]).drawText(text, { x: 48, y: 780, size: 12, font });
  return Buffer.from(await pdf.save());
}

// A 1×1 PNG, as a phone camera "scan" would be (smallest valid file).
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

test('scans attach to the dossier: stored and hashed, PDF or image only, audited, never removed; a wet-signed BA after execution too', async () => {
  const archive = freshArchive();
  const dir = tempDir();
  try {
    const db = archive.db;
    await applySampleJra(archive, TODAY);
    const file = addFile(archive, { code: '000.1.1', closedAt: '2020-06-30' });
    addRecord(archive, { fileId: file });
    const caseId = proposeDestruction(db, { fileIds: [file], recordIds: [], title: 'Telekomunikasi 2020' }, 'staf', TODAY);

    const skPath = join(dir, 'sk-panitia.pdf');
    const sk = await scanPdf('Keputusan Kepala Dinas tentang Panitia Penilai Arsip');
    writeFileSync(skPath, sk);
    const added = await addAttachment(archive, caseId, { path: skPath, kind: 'sk-panitia', note: 'SK 800/12/2026' }, 'staf');
    let view = describeCase(db, caseId, TODAY);
    assert.equal(view.attachments.length, 1);
    const a = view.attachments[0]!;
    assert.deepEqual([a.kind, a.note, a.originalName, a.mime, a.size, a.addedBy], ['sk-panitia', 'SK 800/12/2026', 'sk-panitia.pdf', 'application/pdf', sk.length, 'staf']);
    assert.equal(a.sha256, createHash('sha256').update(sk).digest('hex'));
    assert.ok(readFileSync(objectFile(archive, a.sha256)).equals(sk), 'the bytes are in the content-addressed store');
    const doc = db.prepare('SELECT record_id, role, extract_status FROM documents WHERE id = ?').get(added.documentId) as { record_id: number; role: string; extract_status: string };
    assert.equal(doc.record_id, view.dossierRecordId, 'on the case dossier record');
    assert.deepEqual([doc.role, doc.extract_status], ['attachment', 'pending']);
    const audit = JSON.parse(db.prepare("SELECT after FROM audit_log WHERE action = 'dossier.attach'").pluck().get() as string);
    assert.equal(audit.sha256, a.sha256);

    // An image scan is taken; a Word file or a text file is not, and leaves nothing behind.
    const pngPath = join(dir, 'persetujuan-bupati.png');
    writeFileSync(pngPath, PNG);
    await addAttachment(archive, caseId, { path: pngPath, kind: 'persetujuan', note: null }, 'staf');
    const txtPath = join(dir, 'catatan.txt');
    writeFileSync(txtPath, 'bukan hasil pindai');
    const documentsBefore = db.prepare('SELECT count(*) FROM documents').pluck().get();
    await assert.rejects(addAttachment(archive, caseId, { path: txtPath, kind: 'lainnya', note: null }, 'staf'), /bukan PDF atau gambar|not a PDF or a scanned image/);
    await assert.rejects(addAttachment(archive, caseId, { path: skPath, kind: 'sk-panitia', note: null }, 'staf'), /sudah dilampirkan|already attached/);
    assert.equal(db.prepare('SELECT count(*) FROM documents').pluck().get(), documentsBefore);
    assert.deepEqual(readdirSync(archive.layout.staging), []);
    assert.throws(() => db.prepare('DELETE FROM disposition_attachments').run(), /kept with their case/);

    // Carried out, the case still takes the wet-signed berita acara.
    recordCommittee(db, caseId, { letterNumber: 'PPA-01/2026', letterDate: '2026-01-10', signedBy: 'Ketua', opinion: 'Setuju', agrees: true }, 'atasan', TODAY);
    recordApproval(db, caseId, { authority: 'kepala-daerah', letterNumber: '000.5.6/12/2026', letterDate: '2026-02-01', signedBy: 'Bupati' }, 'atasan', TODAY);
    recordApproval(db, caseId, { authority: 'kepala-perangkat-daerah', letterNumber: '800/7/2026', letterDate: '2026-02-15', signedBy: 'Kepala Dinas' }, 'atasan', TODAY);
    await executeDestruction(archive, caseId, { baNumber: 'BA-01/2026', place: 'Palangka Raya', method: 'pencacahan', executor: SIGNER, witnesses: [WITNESS] }, 'atasan', TODAY, { backupRoot: null });
    const baPath = join(dir, 'ba-ttd-basah.pdf');
    writeFileSync(baPath, await scanPdf('Berita Acara Pemusnahan, ditandatangani basah'));

    // Through the channel, with a picked file (the renderer only ever holds a handle).
    const picks = new Picks(() => 1);
    const handlers = retentionHandlers({ archive, picks, today: () => TODAY });
    const [handle] = picks.register([{ path: baPath, kind: 'file' }], LOCAL_SESSION);
    const ctx = contextFor({ kind: 'cli' }, { id: 1, name: 'staf', roles: ['staff'], clearance: 'biasa' });
    view = await handlers['retention.cases.attach']({ id: caseId, handle: handle!, kind: 'ba-ttd-basah', note: 'Dipindai 13 Maret 2026' }, ctx);
    assert.equal(view.state, 'done');
    assert.deepEqual(view.attachments.map((x) => x.kind), ['sk-panitia', 'persetujuan', 'ba-ttd-basah']);
    await assert.rejects(async () => handlers['retention.cases.attach']({ id: caseId, handle: handle!, kind: 'lainnya', note: null }, ctx), /tidak berlaku|no longer valid/, 'a handle works once');
  } finally {
    archive.close();
  }
});
