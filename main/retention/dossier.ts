// The paper trail of each disposition case, kept in the archive itself: every generated document
// (DAUM, berita acara with its list) is stored in the content-addressed store and attached to one
// dossier record per case, under the classification code for disposal (Penyusutan Arsip, 000.5.6,
// configurable as settings 'retention'.dossierCode). Destruction and handover dossiers are
// 'permanen' — the law keeps the evidence of a destruction forever, and a permanent record can
// never itself be proposed for destruction. The scans people bring back — the SK panitia, the
// approval letters, the wet-signed berita acara — are attached to the same dossier record, stored
// and hashed like any document (PDF or image only, sniffed from the bytes), and can never be
// removed from the case. Owns disposition_documents and disposition_attachments; creates records
// and documents through main/archive.
import { randomBytes, createHash } from 'node:crypto';
import { open, readFile, rm, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { join } from 'node:path';
import { findBySha, insertDocument } from '../archive/documents.ts';
import type { Archive } from '../archive/open.ts';
import { documentBySha, documentFacts, documentName, liveDocumentFile } from '../archive/queries.ts';
import { insertRecord, reindexRecordMetadata, setRecordStatus } from '../archive/records.ts';
import { commitToStore, removeObject } from '../archive/store.ts';
import { appendAudit } from '../audit/log.ts';
import type { Db } from '../db/connection.ts';
import { readSetting } from '../db/settings.ts';
import { appError } from '../errors.ts';
import { SNIFF_BYTES, sniffMime } from '../extract/sniff.ts';
import type { AttachmentKind, CaseAttachment } from '../../preload/contract/retention.ts';
import { caseRow, setCaseDossier, touchCase } from './cases.ts';

export const DEFAULT_DOSSIER_CODE = '000.5.6';

export type DossierDocumentKind = 'daum' | 'ba-pemindahan' | 'ba-pemusnahan' | 'ba-penyerahan';

export interface StoredPdf {
  sha256: string;
  size: number;
  name: string;
}

export function dossierCode(db: Db): string {
  const code = (readSetting(db, 'retention') as { dossierCode?: unknown } | undefined)?.dossierCode;
  return typeof code === 'string' && code.trim() ? code.trim() : DEFAULT_DOSSIER_CODE;
}

/** Writes PDF bytes into the store (staging, fsync, rename) before any row points at them. */
export async function storePdf(archive: Archive, bytes: Uint8Array, name: string): Promise<StoredPdf> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const stagedPath = join(archive.layout.staging, `${randomBytes(12).toString('hex')}.part`);
  const handle = await open(stagedPath, 'wx');
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await commitToStore(archive.layout, { stagedPath, sha256, size: bytes.length, head: Buffer.from(bytes.subarray(0, 4096)) });
  } catch (error) {
    await rm(stagedPath, { force: true });
    throw error;
  }
  return { sha256, size: bytes.length, name };
}

/** Removes a stored PDF whose transaction failed, unless some document already points at it. */
export async function discardPdf(archive: Archive, pdf: StoredPdf): Promise<void> {
  if (!findBySha(archive.db, pdf.sha256)) await removeObject(archive.layout, pdf.sha256);
}

interface CaseForDossier {
  id: number;
  kind: 'transfer' | 'destruction' | 'handover';
  title: string;
  dossier_record_id: number | null;
}

const SUBJECT: Record<CaseForDossier['kind'], string> = {
  transfer: 'Pemindahan arsip inaktif',
  destruction: 'Pemusnahan arsip',
  handover: 'Penyerahan arsip statis',
};

/** The case's dossier record, created on first use; call inside the case's transaction. */
export function ensureDossier(db: Db, c: CaseForDossier, actor: string, now: string): number {
  if (c.dossier_record_id) return c.dossier_record_id;
  const id = insertRecord(
    db,
    {
      subject: `${SUBJECT[c.kind]}: ${c.title}`,
      description: `Berkas kasus penyusutan #${c.id} (${SUBJECT[c.kind].toLowerCase()}): daftar arsip, berita acara dan lampirannya, dibuat oleh Berkas.`,
      letterNumber: null,
      letterDate: null,
      creator: null,
      originatingUnit: null,
      classificationCode: dossierCode(db),
      fileId: null,
      itemNumber: null,
      developmentLevel: 'asli',
      medium: 'elektronik',
      count: 1,
      countUnit: 'berkas',
      condition: null,
      location: null,
      securityClass: 'biasa',
      recordsCategory: c.kind === 'destruction' ? 'vital' : 'umum',
    },
    actor,
    now,
  );
  if (c.kind !== 'transfer') setRecordStatus(db, id, { status: 'permanen' }, actor, now, { touch: false });
  setCaseDossier(db, c.id, id, now);
  reindexRecordMetadata(db, id);
  return id;
}

/** Attaches a stored PDF to the case dossier (reusing the document if these bytes are already there). */
export function attachPdf(db: Db, c: CaseForDossier, pdf: StoredPdf, kind: DossierDocumentKind, actor: string, now: string): { documentId: number; recordId: number } {
  const recordId = ensureDossier(db, c, actor, now);
  const existing = findBySha(db, pdf.sha256);
  const documentId =
    existing?.id ??
    insertDocument(
      db,
      {
        recordId,
        role: kind.startsWith('ba-') ? 'main' : 'attachment',
        sha256: pdf.sha256,
        size: pdf.size,
        mime: 'application/pdf',
        originalName: pdf.name,
        extractStatus: 'pending',
      },
      now,
    );
  if (!existing) {
    db.prepare('INSERT INTO disposition_documents (case_id, document_id, kind, created_by, created_at) VALUES (?, ?, ?, ?, ?)').run(c.id, documentId, kind, actor, now);
    appendAudit(db, { actor, action: 'document.generate', entity: 'document', entityId: documentId, after: { case: c.id, kind, name: pdf.name, sha256: pdf.sha256 }, at: now });
    reindexRecordMetadata(db, recordId);
  }
  return { documentId, recordId };
}

/** A case's generated documents, oldest first, with their names as stored. */
export function caseDocuments(db: Db, caseId: number): { documentId: number; kind: DossierDocumentKind; originalName: string; createdAt: string }[] {
  const rows = db.prepare('SELECT document_id AS documentId, kind, created_at AS createdAt FROM disposition_documents WHERE case_id = ? ORDER BY id').all(caseId) as {
    documentId: number;
    kind: DossierDocumentKind;
    createdAt: string;
  }[];
  return rows.map((r) => ({ documentId: r.documentId, kind: r.kind, originalName: documentName(db, r.documentId) ?? '', createdAt: r.createdAt }));
}

/** A generated document's bytes and name, if it is one of a case's and its content is still held. */
export function caseDocumentFile(db: Db, documentId: number): { sha256: string; original_name: string } | undefined {
  if (!db.prepare('SELECT 1 FROM disposition_documents WHERE document_id = ? UNION ALL SELECT 1 FROM disposition_attachments WHERE document_id = ?').get(documentId, documentId)) return undefined;
  return liveDocumentFile(db, documentId);
}

/** A file name for a generated document: letters, digits and dashes only. */
export function pdfName(prefix: string, number: string): string {
  return `${prefix}-${number.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '')}.pdf`;
}

// ---------- scans attached to the dossier ----------

/** A letter scan is a few megabytes; a whole wet-signed list of thousands of records stays well under this. */
export const MAX_ATTACHMENT_BYTES = 200 * 1024 * 1024;
const ATTACHMENT_MIMES = new Set(['application/pdf', 'image/png', 'image/jpeg', 'image/tiff']);

interface AttachmentRow {
  id: number;
  document_id: number;
  kind: AttachmentKind;
  note: string | null;
  added_by: string;
  added_at: string;
}

export function caseAttachments(db: Db, caseId: number): CaseAttachment[] {
  const rows = db.prepare('SELECT id, document_id, kind, note, added_by, added_at FROM disposition_attachments WHERE case_id = ? ORDER BY id').all(caseId) as AttachmentRow[];
  return rows.map((r) => {
    const d = documentFacts(db, r.document_id);
    return { id: r.id, documentId: r.document_id, kind: r.kind, note: r.note, originalName: d?.original_name ?? '', mime: d?.mime ?? '', size: d?.size ?? 0, sha256: d?.sha256 ?? '', addedBy: r.added_by, addedAt: r.added_at };
  });
}

/**
 * Attaches a scan (PDF or image) from `path` to the case's dossier: stored in the content-addressed
 * store before any row points at it, then document + attachment row + audit in one transaction.
 * The same bytes already in the archive are referenced, not stored twice; the same bytes on the
 * same case are refused. Returns the document id (for text extraction).
 */
export async function addAttachment(
  archive: Archive,
  caseId: number,
  input: { path: string; name?: string; kind: AttachmentKind; note: string | null },
  actor: string,
  now = new Date().toISOString(),
): Promise<{ documentId: number; attachmentId: number }> {
  const { db } = archive;
  const name = (input.name?.trim() || basename(input.path)).slice(0, 255);
  const info = await stat(input.path);
  if (!info.isFile()) throw appError('validation', `${name} bukan berkas.`, `${name} is not a file.`);
  if (info.size === 0) throw appError('validation', `${name} kosong.`, `${name} is empty.`);
  if (info.size > MAX_ATTACHMENT_BYTES) {
    throw appError('validation', `${name} terlalu besar (${Math.round(info.size / 1048576)} MB; paling besar ${MAX_ATTACHMENT_BYTES / 1048576} MB). Pindai ulang dengan resolusi lebih rendah.`, `${name} is too large (${Math.round(info.size / 1048576)} MB; at most ${MAX_ATTACHMENT_BYTES / 1048576} MB). Scan it again at a lower resolution.`);
  }
  const bytes = await readFile(input.path);
  const mime = sniffMime(bytes.subarray(0, SNIFF_BYTES), name);
  if (!ATTACHMENT_MIMES.has(mime)) {
    throw appError('validation', `${name} bukan PDF atau gambar hasil pindai (PNG, JPEG, TIFF). Lampirkan hasil pindai suratnya.`, `${name} is not a PDF or a scanned image (PNG, JPEG, TIFF). Attach the scan of the letter.`);
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const existingBefore = findBySha(db, sha256);
  const stored = existingBefore ? null : await storePdf(archive, bytes, name);
  try {
    return db.transaction(() => {
      const c = caseRow(db, caseId);
      const recordId = ensureDossier(db, c, actor, now);
      const existing = findBySha(db, sha256);
      if (existing) {
        if (documentBySha(db, sha256)?.content_removed_at) throw appError('conflict', `Isi ${name} sama dengan dokumen yang sudah dimusnahkan; lampirkan hasil pindai yang baru.`, `${name} has the same content as a destroyed document; attach a fresh scan.`);
        const dup = db.prepare('SELECT id FROM disposition_attachments WHERE case_id = ? AND document_id = ?').get(caseId, existing.id) as { id: number } | undefined;
        if (dup) throw appError('conflict', `${name} sudah dilampirkan pada kasus #${caseId}.`, `${name} is already attached to case #${caseId}.`);
      }
      const documentId =
        existing?.id ?? insertDocument(db, { recordId, role: 'attachment', sha256, size: bytes.length, mime, originalName: name, extractStatus: 'pending' }, now);
      const attachmentId = Number(
        db.prepare('INSERT INTO disposition_attachments (case_id, document_id, kind, note, added_by, added_at) VALUES (?, ?, ?, ?, ?, ?)').run(caseId, documentId, input.kind, input.note?.trim() || null, actor, now).lastInsertRowid,
      );
      touchCase(db, caseId, now);
      appendAudit(db, { actor, action: 'dossier.attach', entity: 'disposition_case', entityId: caseId, after: { document: documentId, kind: input.kind, name, sha256, size: bytes.length, mime }, at: now });
      reindexRecordMetadata(db, recordId);
      return { documentId, attachmentId };
    })();
  } catch (error) {
    if (stored) await discardPdf(archive, stored);
    throw error;
  }
}
