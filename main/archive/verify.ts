// `verify`: proves the archive is whole — SQLite integrity, every document's bytes present with the
// right SHA-256, no stored object that nothing points to, the audit chain unbroken. `repair`
// removes only what is provably garbage (staging leftovers of interrupted imports, unreferenced
// store objects) and says what it removed; it never touches a record, a document or the audit log.
import { rm, stat } from 'node:fs/promises';
import { verifyAnchoredChain, type AnchorCheck } from '../audit/anchor.ts';
import type { ChainBreak } from '../audit/log.ts';
import { integrityCheck } from '../db/connection.ts';
import type { Archive } from './open.ts';
import { everyDocument } from './queries.ts';
import { searchIndexProblem } from './records.ts';
import { hashFile, listObjects, listStaging, objectPath } from './store.ts';

export interface VerifyReport {
  /** True when nothing is lost, corrupt or tampered with (garbage alone does not make it false). */
  consistent: boolean;
  sqlite: { ok: boolean; messages: string[] };
  documents: {
    checked: number;
    missing: { documentId: number; recordId: number; sha256: string }[];
    corrupt: { documentId: number; recordId: number; sha256: string; actual: string }[];
    /** Destroyed documents whose bytes are still in the store. */
    notRemoved: { documentId: number; sha256: string }[];
  };
  garbage: { orphans: string[]; staging: string[] };
  audit: { entries: number; breaks: ChainBreak[]; anchor: AnchorCheck['state'] };
  repaired: { removedOrphans: string[]; removedStaging: string[] } | null;
}

export async function verifyArchive(archive: Archive, options: { repair?: boolean; quick?: boolean } = {}): Promise<VerifyReport> {
  const { db, layout } = archive;
  const integrity = integrityCheck(db, options.quick ?? false);
  const sqliteOk = integrity.length === 1 && integrity[0] === 'ok';
  const ftsProblem = searchIndexProblem(db);
  const ftsOk = ftsProblem === null;
  if (!ftsOk) integrity.push(`search index: ${ftsProblem}`);

  const objects = await listObjects(layout);
  const referenced = new Set<string>();
  const report: VerifyReport['documents'] = { checked: 0, missing: [], corrupt: [], notRemoved: [] };
  const docs = everyDocument(db);
  for (const doc of docs) {
    if (doc.removedAt) {
      if (objects.has(doc.sha256)) report.notRemoved.push({ documentId: doc.id, sha256: doc.sha256 });
      referenced.add(doc.sha256);
      continue;
    }
    referenced.add(doc.sha256);
    report.checked++;
    const path = objectPath(layout, doc.sha256);
    if (!objects.has(doc.sha256)) {
      report.missing.push({ documentId: doc.id, recordId: doc.recordId, sha256: doc.sha256 });
      continue;
    }
    if (options.quick) {
      const info = await stat(path);
      if (info.size !== doc.size) report.corrupt.push({ documentId: doc.id, recordId: doc.recordId, sha256: doc.sha256, actual: `size ${info.size}` });
      continue;
    }
    const actual = await hashFile(path);
    if (actual !== doc.sha256) report.corrupt.push({ documentId: doc.id, recordId: doc.recordId, sha256: doc.sha256, actual });
  }
  const orphans = [...objects.entries()].filter(([sha]) => !referenced.has(sha)).map(([, path]) => path);
  const staging = await listStaging(layout);
  const audit = verifyAnchoredChain(db, archive.anchor);

  let repaired: VerifyReport['repaired'] = null;
  if (options.repair) {
    repaired = { removedOrphans: [], removedStaging: [] };
    for (const path of orphans) {
      await rm(path, { force: true });
      repaired.removedOrphans.push(path);
    }
    for (const path of staging) {
      await rm(path, { force: true, recursive: true });
      repaired.removedStaging.push(path);
    }
  }

  return {
    consistent: sqliteOk && ftsOk && report.missing.length === 0 && report.corrupt.length === 0 && report.notRemoved.length === 0 && audit.breaks.length === 0,
    sqlite: { ok: sqliteOk && ftsOk, messages: integrity },
    documents: report,
    garbage: { orphans, staging },
    audit,
    repaired,
  };
}
