// Import of files and folders (recursive) into the archive. Each file is streamed into staging
// while hashed, checked against what the archive already holds (identical content is reported
// as a duplicate, never stored twice), moved to its content address, and only then committed as
// record + document + audit. Files go in batches (group commit): a batch's bytes are made durable
// together and its records committed in one transaction. Killing the process at any point leaves
// the archive consistent; running the same import again finishes the rest without duplicates.
import { randomUUID } from 'node:crypto';
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import { basename, extname, isAbsolute, join, relative, resolve } from 'node:path';
import { BLANK_RECORD_FIELDS, type Bilingual, type ImportOutcome, type ImportProgress, type RecordFields } from '../../preload/contract.ts';
import { AppError } from '../errors.ts';
import { sniffMime } from '../extract/sniff.ts';
import { reindexRecordMetadata, insertRecord } from './records.ts';
import { findBySha, insertDocument, isExtractable } from './documents.ts';
import type { Archive } from './open.ts';
import { commitBatchToStore, discardStaged, stageFile, type StagedFile } from './store.ts';
import { assertCode } from './codes.ts';

/** A batch ends at this many files or bytes (whichever comes first); a bigger file is a batch alone. */
const BATCH_FILES = 64;
const BATCH_BYTES = 64 * 1024 * 1024;
/** Files read at once within a batch: small files are bound by latency, not by the disk. */
const STAGE_CONCURRENCY = 4;

/** Files no user means to archive: OS and sync-tool litter. */
const IGNORED = new Set(['thumbs.db', 'desktop.ini', '.ds_store', 'ehthumbs.db']);

export interface ImportOptions {
  actor: string;
  classificationCode?: string;
  signal?: AbortSignal;
  onProgress?: (progress: ImportProgress) => void;
  /** Called after each imported document is committed (to queue text extraction). */
  onImported?: (documentId: number, mime: string) => void;
  /**
   * Called inside the transaction that commits a batch, with the files it stores: a caller's own
   * bookkeeping (the drop folder's history) commits or is lost together with the records.
   */
  inCommit?: (committed: { path: string; recordId: number; documentId: number; size: number }[]) => void;
  /** Minimum milliseconds between progress callbacks (the last one always comes). */
  progressIntervalMs?: number;
}

export interface ImportReport {
  progress: ImportProgress;
  outcomes: ImportOutcome[];
}

interface Candidate {
  /** Where the user sees the file (inside the folder they chose). */
  path: string;
  /** What is read: the same path, or where a symbolic link inside the chosen folder points. */
  source: string;
  size: number;
}

/** True when `target` is `root` or lies below it. */
function inside(root: string, target: string): boolean {
  const rel = relative(root, target);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * Lists the files to import. A path the caller names is taken as given (a picked symbolic link is
 * the user's choice); inside a chosen folder, a symbolic link is followed only while it stays in
 * that folder, so a link to /etc or to another user's home brings nothing in. Folders and files
 * are tracked by device and inode: a link loop, or one folder reached twice, is walked once.
 */
async function collect(paths: string[], rejected: ImportOutcome[], signal?: AbortSignal): Promise<Candidate[]> {
  const out: Candidate[] = [];
  const seenFiles = new Set<string>();
  const seenDirs = new Set<string>();
  const errorText = (error: unknown) => (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  const walk = async (path: string, root: string | null): Promise<void> => {
    signal?.throwIfAborted();
    let info;
    let source = path;
    try {
      info = await lstat(path);
      if (info.isSymbolicLink()) {
        source = await realpath(path);
        if (root !== null && !inside(root, source)) {
          rejected.push(reject(path, { id: 'tautan simbolik yang mengarah ke luar folder yang dipilih (tidak diikuti)', en: 'a symbolic link that leads outside the chosen folder (not followed)' }));
          return;
        }
        info = await stat(source);
      }
    } catch (error) {
      rejected.push(reject(path, { id: `tidak dapat dibaca: ${errorText(error)}`, en: `cannot read: ${errorText(error)}` }));
      return;
    }
    const identity = `${info.dev}:${info.ino}`;
    if (info.isDirectory()) {
      if (seenDirs.has(identity)) return;
      seenDirs.add(identity);
      const folderRoot = root ?? (await realpath(source));
      let names: string[];
      try {
        names = await readdir(source);
      } catch (error) {
        rejected.push(reject(path, { id: `isi folder tidak dapat dibaca: ${errorText(error)}`, en: `cannot list folder: ${errorText(error)}` }));
        return;
      }
      for (const name of names.sort((a, b) => a.localeCompare(b))) {
        if (IGNORED.has(name.toLowerCase()) || name.startsWith('~$')) continue;
        await walk(join(path, name), folderRoot);
      }
    } else if (info.isFile()) {
      if (seenFiles.has(identity)) return;
      seenFiles.add(identity);
      out.push({ path, source, size: info.size });
    } else {
      rejected.push(reject(path, { id: 'bukan file biasa', en: 'not a regular file' }));
    }
  };
  for (const p of paths) await walk(resolve(p), null);
  return out;
}

/** `reason` stays English for scripts and logs; `message` is what a person reads, in both languages. */
function reject(path: string, reason: Bilingual): ImportOutcome {
  return { path, status: 'rejected', recordId: null, reason: reason.en, message: reason, extractStatus: null };
}

function duplicate(path: string, recordId: number): ImportOutcome {
  return { path, status: 'duplicate', recordId, reason: `already in the archive as record ${recordId}`, message: { id: `sudah ada di arsip sebagai arsip ${recordId}`, en: `already in the archive as record ${recordId}` }, extractStatus: null };
}

/** A readable subject from a file name: "surat_undangan-rapat 2026.pdf" → "surat undangan rapat 2026". */
export function subjectFromName(name: string): string {
  const stem = basename(name, extname(name)).replace(/[_]+/g, ' ').replace(/\s+/g, ' ').trim();
  return stem || name;
}

export async function runImport(archive: Archive, paths: string[], options: ImportOptions): Promise<ImportReport> {
  const { db, layout } = archive;
  const code = options.classificationCode ? assertCode(options.classificationCode) : null;
  const jobId = randomUUID();
  const outcomes: ImportOutcome[] = [];
  const started = Date.now();
  const progress: ImportProgress = {
    jobId,
    filesDone: 0,
    filesTotal: 0,
    bytesDone: 0,
    bytesTotal: 0,
    currentFile: null,
    bytesPerSecond: 0,
    etaSeconds: null,
    state: 'scanning',
    imported: 0,
    duplicates: 0,
    rejected: 0,
  };
  let lastEmit = 0;
  const interval = options.progressIntervalMs ?? 100;
  const emit = (force = false) => {
    const now = Date.now();
    if (!force && now - lastEmit < interval) return;
    lastEmit = now;
    const seconds = Math.max((now - started) / 1000, 0.001);
    progress.bytesPerSecond = progress.bytesDone / seconds;
    progress.etaSeconds = progress.bytesPerSecond > 0 ? Math.max(0, (progress.bytesTotal - progress.bytesDone) / progress.bytesPerSecond) : null;
    options.onProgress?.({ ...progress });
  };
  const record = (outcome: ImportOutcome) => {
    outcomes.push(outcome);
    progress.filesDone++;
    if (outcome.status === 'imported') progress.imported++;
    else if (outcome.status === 'duplicate') progress.duplicates++;
    else progress.rejected++;
    emit();
  };

  emit(true);
  const scanRejected: ImportOutcome[] = [];
  let candidates: Candidate[];
  try {
    candidates = await collect(paths, scanRejected, options.signal);
  } catch (error) {
    if (options.signal?.aborted) {
      progress.state = 'cancelled';
      emit(true);
      return { progress, outcomes };
    }
    throw error;
  }
  progress.filesTotal = candidates.length + scanRejected.length;
  progress.bytesTotal = candidates.reduce((n, c) => n + c.size, 0);
  for (const r of scanRejected) record(r);
  progress.state = 'running';
  emit(true);

  // Group commit: a batch of files is staged (several read at once), made durable together and
  // committed in one transaction — one fsync per directory per batch, one database commit per
  // batch — instead of three fsyncs and a commit per file. The guarantee is the same: the records
  // of a batch become visible only once all its bytes are on disk.
  const failure = (error: unknown): Bilingual =>
    error instanceof AppError
      ? error.messages
      : (error as NodeJS.ErrnoException).code
        ? { id: `tidak dapat dibaca: ${(error as NodeJS.ErrnoException).code}`, en: `cannot read: ${(error as NodeJS.ErrnoException).code}` }
        : { id: (error as Error).message, en: (error as Error).message };
  let next = 0;
  while (next < candidates.length) {
    if (options.signal?.aborted) {
      progress.state = 'cancelled';
      break;
    }
    const batch: Candidate[] = [];
    let batchBytes = 0;
    while (next < candidates.length && batch.length < BATCH_FILES && (batch.length === 0 || batchBytes + candidates[next]!.size <= BATCH_BYTES)) {
      batchBytes += candidates[next]!.size;
      batch.push(candidates[next++]!);
    }
    const staged = new Array<StagedFile | Error | null>(batch.length).fill(null);
    let cursor = 0;
    const stager = async () => {
      while (cursor < batch.length) {
        const k = cursor++;
        const candidate = batch[k]!;
        if (candidate.size === 0 || options.signal?.aborted) continue;
        progress.currentFile = candidate.path;
        emit();
        let counted = 0;
        try {
          staged[k] = await stageFile(layout, candidate.source, {
            signal: options.signal,
            durable: false,
            sizeHint: candidate.size,
            onBytes: (n) => {
              counted += n;
              progress.bytesDone += n;
              emit();
            },
          });
        } catch (error) {
          progress.bytesDone += candidate.size - counted;
          staged[k] = error instanceof Error ? error : new Error(String(error));
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(STAGE_CONCURRENCY, batch.length) }, stager));

    // Decide each file in the user's order; a file equal to an earlier one of the same batch is its duplicate.
    type Planned = { k: number; staged: StagedFile; name: string; mime: string; extractStatus: 'pending' | 'unsupported' };
    const planned: Planned[] = [];
    const firstOfSha = new Map<string, Planned>();
    const decided: (ImportOutcome | { duplicateOf: Planned } | Planned | null)[] = batch.map(() => null);
    let cancelledInBatch = false;
    for (let k = 0; k < batch.length; k++) {
      const candidate = batch[k]!;
      const item = staged[k] ?? null;
      if (candidate.size === 0) {
        decided[k] = reject(candidate.path, { id: 'file kosong (0 byte)', en: 'the file is empty (0 bytes)' });
        continue;
      }
      if (item === null || (item instanceof Error && options.signal?.aborted)) {
        cancelledInBatch = true;
        continue;
      }
      if (item instanceof Error) {
        decided[k] = reject(candidate.path, failure(item));
        continue;
      }
      const existing = findBySha(db, item.sha256);
      if (existing) {
        await discardStaged(item);
        decided[k] = duplicate(candidate.path, existing.recordId);
        continue;
      }
      const earlier = firstOfSha.get(item.sha256);
      if (earlier) {
        await discardStaged(item);
        decided[k] = { duplicateOf: earlier };
        continue;
      }
      const name = basename(candidate.path);
      let mime = sniffMime(item.head, name);
      // A .pdf whose header is damaged is still the user's PDF: let pdf.js judge it (it repairs
      // many), so it gets a definite text status instead of 'unsupported'.
      if (mime === 'application/octet-stream' && extname(name).toLowerCase() === '.pdf') mime = 'application/pdf';
      const plan: Planned = { k, staged: item, name, mime, extractStatus: isExtractable(mime) ? 'pending' : 'unsupported' };
      firstOfSha.set(item.sha256, plan);
      planned.push(plan);
      decided[k] = plan;
    }

    const ids = new Map<Planned, { recordId: number; documentId: number }>();
    /** Files another import committed after this batch decided them (another PC of a server, or a
     *  second window): a duplicate of that import's record, decided again inside the commit. */
    const storedMeanwhile = new Map<Planned, number>();
    if (planned.length > 0) {
      try {
        await commitBatchToStore(layout, planned.map((p) => p.staged));
        db.transaction(() => {
          const now = new Date().toISOString();
          for (const p of planned) {
            const meanwhile = findBySha(db, p.staged.sha256);
            if (meanwhile) {
              storedMeanwhile.set(p, meanwhile.recordId);
              continue;
            }
            const recordId = insertRecord(db, defaultsFor(p.name, code), options.actor, now);
            const documentId = insertDocument(db, { recordId, role: 'main', sha256: p.staged.sha256, size: p.staged.size, mime: p.mime, originalName: p.name, extractStatus: p.extractStatus }, now);
            reindexRecordMetadata(db, recordId);
            ids.set(p, { recordId, documentId });
          }
          options.inCommit?.(planned.filter((p) => ids.has(p)).map((p) => ({ path: batch[p.k]!.path, size: p.staged.size, ...ids.get(p)! })));
        })();
      } catch (error) {
        // Nothing of this batch was committed; what reached the store is an orphan verify removes.
        await Promise.all(planned.map((p) => discardStaged(p.staged)));
        const reason = failure(error);
        for (const p of planned) decided[p.k] = reject(batch[p.k]!.path, { id: `tidak dapat disimpan: ${reason.id}`, en: `could not be stored: ${reason.en}` });
      }
    }
    for (let k = 0; k < batch.length; k++) {
      const d = decided[k] ?? null;
      const path = batch[k]!.path;
      if (d === null) continue;
      if ('duplicateOf' in d) {
        const first = ids.get(d.duplicateOf)?.recordId ?? storedMeanwhile.get(d.duplicateOf);
        record(first !== undefined
          ? duplicate(path, first)
          : reject(path, { id: 'salinan file lain dalam impor ini yang tidak dapat disimpan', en: 'a copy of another file of this import that could not be stored' }));
      } else if ('staged' in d) {
        const got = ids.get(d);
        const meanwhile = storedMeanwhile.get(d);
        if (meanwhile !== undefined) record(duplicate(path, meanwhile));
        if (!got) continue;
        record({ path, status: 'imported', recordId: got.recordId, reason: null, message: null, extractStatus: d.extractStatus });
        if (d.extractStatus === 'pending') options.onImported?.(got.documentId, d.mime);
      } else record(d);
    }
    if (cancelledInBatch || options.signal?.aborted) {
      progress.state = 'cancelled';
      break;
    }
  }
  progress.currentFile = null;
  if (progress.state !== 'cancelled') progress.state = 'done';
  emit(true);
  return { progress, outcomes };
}

/** The contract's blank record (the same the form starts from), with the subject read from the file name. */
function defaultsFor(name: string, code: string | null): RecordFields {
  return { ...BLANK_RECORD_FIELDS, subject: subjectFromName(name), classificationCode: code };
}
