// The paper trail of each disposition case, kept in the archive itself: every generated document
// (DAUM, berita acara with its list) is stored in the content-addressed store and attached to one
// dossier record per case, under the classification code for disposal (Penyusutan Arsip, 000.5.6,
// configurable as settings 'retention'.dossierCode). Destruction and handover dossiers are
// 'permanen' — the law keeps the evidence of a destruction forever, and a permanent record can
// never itself be proposed for destruction. Owns disposition_documents; creates records and
// documents through main/archive.
import { randomBytes, createHash } from 'node:crypto';
import { open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { findBySha, insertDocument } from '../archive/documents.ts';
import type { Archive } from '../archive/open.ts';
import { documentName, liveDocumentFile } from '../archive/queries.ts';
import { insertRecord, reindexRecordMetadata, setRecordStatus } from '../archive/records.ts';
import { commitToStore, removeObject } from '../archive/store.ts';
import { appendAudit } from '../audit/log.ts';
import type { Db } from '../db/connection.ts';
import { readSetting } from '../db/settings.ts';
import { setCaseDossier } from './cases.ts';

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
  if (!db.prepare('SELECT 1 FROM disposition_documents WHERE document_id = ?').get(documentId)) return undefined;
  return liveDocumentFile(db, documentId);
}

/** A file name for a generated document: letters, digits and dashes only. */
export function pdfName(prefix: string, number: string): string {
  return `${prefix}-${number.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '')}.pdf`;
}
